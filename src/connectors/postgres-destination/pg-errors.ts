/**
 * Turns node-postgres and socket errors into messages a person can act on
 * (which host, port, role, database or schema, and what to change), and into
 * AppErrors whose code says whether a retry can help. Never includes the
 * password: server messages do not carry it, and it is masked anyway.
 */
import { type TPostgresDestination, describeTarget } from "@/connectors/postgres-destination/config";
import { AppError, type TAppErrorCode } from "@/lib/app-error";
import { scrubSecrets } from "@/lib/secret-scrub";

type TDriverError = Error & { code?: string; severity?: string; detail?: string; hint?: string; where?: string };

/** Socket errors that mean the server went away or could not be reached. */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "EAI_AGAIN"]);
/** TLS certificate failures reported by Node. */
const CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;
/** node-postgres's wording when the socket closes or was already closed. */
const LOST_MESSAGE = /Connection terminated|Connection ended|not queryable|socket hang up/i;

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `text` with the password masked, through Weir's one secret scrubber (src/lib/secret-scrub.ts). */
export function maskPassword(text: string, password: string): string {
  return scrubSecrets(text, [password]);
}

/** Whether the connection to the server is gone (terminated backend, restart, network), so nothing more can run on it. */
export function isConnectionLost(e: unknown): boolean {
  const code = codeOf(e);
  if (code === "57P01" || code === "57P02" || code?.startsWith("08")) return true;
  if (code && UNREACHABLE_CODES.has(code)) return true;
  return LOST_MESSAGE.test(messageOf(e));
}

/**
 * Whether the error is the data's: a value that does not convert or fit
 * (SQLSTATE class 22), a constraint it breaks (class 23), a value too large
 * for an index (54000). The same data fails the same way, so these are never
 * retried.
 */
export function isDataError(e: unknown): boolean {
  const code = codeOf(e) ?? "";
  return code.startsWith("22") || code.startsWith("23") || code === "54000";
}

/** Whether the server cannot serve now but may later: out of disk, memory or connections, a serialization failure. */
function isServerTrouble(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith("53") || code === "40001" || code === "57P03");
}

/** Whether the server refused TLS (`sslmode=prefer` then retries without it). */
export function isTlsUnsupported(e: unknown): boolean {
  return /does not support SSL/i.test(messageOf(e));
}

export type TDescribedError = { code: TAppErrorCode; message: string };

/**
 * What went wrong while connecting or signing in, or null when `e` is not a
 * connection-level problem (then the caller describes it as a statement error).
 */
export function describeConnectError(e: unknown, config: TPostgresDestination, connectTimeoutMs: number): TDescribedError | null {
  const code = codeOf(e);
  const message = messageOf(e);
  const at = `${config.host}:${config.port}`;
  if (code === "ENOTFOUND") return { code: "BAD_INPUT", message: `unknown host "${config.host}": the name does not resolve (DNS). Check the host.` };
  if (code === "EAI_AGAIN") return { code: "UNAVAILABLE", message: `the host name "${config.host}" could not be resolved right now (temporary DNS failure).` };
  if (code === "ECONNREFUSED") {
    return {
      code: "UNAVAILABLE",
      message: `nothing is listening on ${at} (connection refused). Check the host and port, and that PostgreSQL accepts TCP connections there (listen_addresses).`,
    };
  }
  if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || /connection timeout|timeout expired/i.test(message)) {
    return {
      code: "UNAVAILABLE",
      message: `no answer from ${at} within ${Math.round(connectTimeoutMs / 1000)} s: the address is wrong, a firewall drops the connection, or the server is down.`,
    };
  }
  if (code === "28P01") {
    // With password authentication the server answers the same for a wrong password and an unknown role, on purpose.
    return {
      code: "BAD_INPUT",
      message: `password authentication failed for user "${config.user}": the password is wrong, or there is no role of that name (PostgreSQL does not say which).`,
    };
  }
  if (code === "28000" && /role .* does not exist/i.test(message)) {
    return { code: "BAD_INPUT", message: `there is no role (user) "${config.user}" on ${at}. Check the user name.` };
  }
  if (code === "28000") {
    return {
      code: "BAD_INPUT",
      message: `the server refuses this connection (${maskPassword(message, config.password)}). Allow it in pg_hba.conf, or change the SSL mode.`,
    };
  }
  if (code === "3D000") return { code: "BAD_INPUT", message: `database "${config.database}" does not exist on ${at}. Check the database name.` };
  if (code === "53300") return { code: "UNAVAILABLE", message: `the server has no free connection slots (too many connections).` };
  if (code === "57P03") return { code: "UNAVAILABLE", message: `the server is starting up or shutting down; try again shortly.` };
  if (isTlsUnsupported(e)) return { code: "BAD_INPUT", message: `the server does not accept TLS connections; set SSL mode to "prefer" or "disable".` };
  if ((code && CERT_CODE.test(code)) || /certificate/i.test(message)) {
    return {
      code: "BAD_INPUT",
      message: `the server's TLS certificate was rejected (${code ?? message}). Give the CA certificate, or use SSL mode "require" to encrypt without verifying.`,
    };
  }
  if (isConnectionLost(e))
    return { code: "UNAVAILABLE", message: `the connection to ${at} closed while signing in (${maskPassword(message, config.password)}).` };
  return null;
}

/** The AppError of a failed connect: names the cause, or quotes the driver. */
export function connectError(e: unknown, config: TPostgresDestination, connectTimeoutMs: number): AppError {
  const described = describeConnectError(e, config, connectTimeoutMs) ?? {
    code: "CONNECTOR_ERROR" as const,
    message: `could not connect (${maskPassword(messageOf(e), config.password)}).`,
  };
  return new AppError(described.code, `PostgreSQL destination ${describeTarget(config)}: ${described.message}`, pgErrorDetails(e));
}

/** The SQLSTATE and the server's position details, for logs and run errors. */
function pgErrorDetails(e: unknown): Record<string, unknown> | undefined {
  const err = e as TDriverError;
  const code = codeOf(e);
  if (!code && !err?.detail && !err?.where) return undefined;
  return { ...(code ? { sqlstate: code } : {}), ...(err.detail ? { detail: err.detail } : {}), ...(err.where ? { where: err.where } : {}) };
}

/**
 * The AppError of a failed statement while `doing` something ("loading a batch
 * of public.orders"), classified once for every caller: a lost connection,
 * a cancelled statement, a lock timeout or a server out of resources is
 * UNAVAILABLE (retried), a missing privilege FORBIDDEN, bad data
 * DATA_REJECTED (never retried; callers that can name the row and column
 * say so first, see diagnose-cast.ts), a statement PostgreSQL does not
 * support (0A000) BAD_INPUT (never retried; a type change a view blocks is
 * SCHEMA_CHANGED, target-ddl.ts), anything else CONNECTOR_ERROR with
 * PostgreSQL's message.
 */
export function statementError(e: unknown, config: TPostgresDestination, doing: string, consequence = ""): AppError {
  if (e instanceof AppError) return e;
  const err = e as TDriverError;
  const code = codeOf(e);
  const where = `PostgreSQL destination ${describeTarget(config)}`;
  const said = maskPassword(messageOf(e), config.password);
  const tail = consequence ? ` ${consequence}` : "";
  if (isConnectionLost(e)) {
    return new AppError("UNAVAILABLE", `${where}: the connection was lost while ${doing} (${said}).${tail}`, pgErrorDetails(e));
  }
  if (code === "42501") {
    return new AppError("FORBIDDEN", `${where}: user "${config.user}" lacks a privilege needed for ${doing}: ${said}.${tail}`, pgErrorDetails(e));
  }
  if (code === "57014") {
    return new AppError(
      "UNAVAILABLE",
      `${where}: ${doing} was cancelled by the server (${said}). If statement_timeout is set for user "${config.user}", raise it for loads.${tail}`,
      pgErrorDetails(e),
    );
  }
  if (code === "55P03" || code === "40P01") {
    return new AppError("UNAVAILABLE", `${where}: ${doing} could not get a lock in time (${said}); another session holds the table.${tail}`, pgErrorDetails(e));
  }
  if (isServerTrouble(code)) {
    return new AppError("UNAVAILABLE", `${where}: the server could not finish ${doing} now (${said}).${tail}`, pgErrorDetails(e));
  }
  const detail = err?.detail ? ` ${err.detail}` : "";
  const hint = err?.hint ? ` Hint: ${err.hint}` : "";
  if (code === "0A000") {
    // feature_not_supported: PostgreSQL refuses the statement itself, the same way on every try.
    return new AppError(
      "BAD_INPUT",
      `${where}: ${doing} failed: PostgreSQL does not support it here: ${said}.${detail}${hint}${tail} Retrying cannot help: change what the message names in the database, or the stream's settings.`,
      pgErrorDetails(e),
    );
  }
  if (isDataError(e)) {
    return new AppError(
      "DATA_REJECTED",
      `${where}: ${doing} failed on the data: ${said}.${detail}${hint}${tail} The same data fails the same way: correct it at the source.`,
      pgErrorDetails(e),
    );
  }
  return new AppError("CONNECTOR_ERROR", `${where}: ${doing} failed: ${said}.${detail}${hint}${tail}`, pgErrorDetails(e));
}
