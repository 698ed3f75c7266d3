/**
 * Turns what `pg`, Node's sockets and TLS throw into one sentence a person can
 * act on: which host, port, user or database is wrong and what to change.
 * Used by check (as its failure message) and by discover/read (inside an
 * AppError), which also tell a session lost midway (server shut down,
 * backend terminated) from one that never came up. No message ever carries
 * the password: none of the sentences here is built from it, and
 * `scrubSecret` removes it from any text of the server or driver that a
 * message quotes.
 */
import { AppError, isAppError } from "@/lib/app-error";
import { scrubSecrets } from "@/lib/secret-scrub";

/** What a message may name, and the password it must not contain. */
export type TErrorTarget = { host: string; port: number; database: string; user: string; password?: string };

type TErrorShape = { code?: unknown; message?: unknown; hostname?: unknown };

/** Error codes of TLS certificate verification (Node's, from OpenSSL). */
const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** `text` without the password, through Weir's one secret scrubber (src/lib/secret-scrub.ts). */
export function scrubSecret(text: string, secret: string | undefined): string {
  return scrubSecrets(text, secret ? [secret] : []);
}

/** The error's code and its (scrubbed) message. */
function shape(e: unknown, password: string | undefined): { code: string; message: string; hostname?: string } {
  const err = (typeof e === "object" && e !== null ? e : {}) as TErrorShape;
  return {
    code: typeof err.code === "string" ? err.code : "",
    message: scrubSecret(typeof err.message === "string" ? err.message : String(e), password),
    hostname: typeof err.hostname === "string" ? err.hostname : undefined,
  };
}

/**
 * Why connecting (or a first query) failed, naming the cause: unknown host,
 * nothing listening, timeout, wrong password, missing role or database, SSL
 * trouble, permissions. `timeoutMs` is the connect timeout that was used.
 */
export function describeConnectError(e: unknown, target: TErrorTarget, timeoutMs: number): string {
  const { code, message, hostname } = shape(e, target.password);
  const at = `${target.host}:${target.port}`;
  const user = `"${target.user}"`;
  switch (code) {
    case "ENOTFOUND":
      return `Unknown host "${hostname ?? target.host}": the name does not resolve (DNS). Check the host name.`;
    case "EAI_AGAIN":
      return `Could not resolve host "${hostname ?? target.host}": the DNS lookup failed temporarily. Check the host name and the network, then try again.`;
    case "ECONNREFUSED":
      return `Connection refused: nothing listens on ${at}. Check the host and the port (PostgreSQL's default is 5432) and that the server accepts TCP connections.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${at} is unreachable from here (${code}). Check the host and the network route or VPN.`;
    case "ETIMEDOUT":
      return `Connection to ${at} timed out. Check the host, the port and any firewall in between.`;
    case "ECONNRESET":
    case "EPIPE":
      return `${at} closed the connection during the handshake (${code}). Is it a PostgreSQL server, and does it accept this client's address?`;
    case "28P01":
      return `Password authentication failed for user ${user}: the password is wrong or the user does not exist.`;
    case "28000":
      if (/no encryption|SSL off/i.test(message)) {
        return `The server refuses unencrypted connections for user ${user} to database "${target.database}": set SSL mode to require or verify-full.`;
      }
      if (/role .* does not exist/i.test(message)) return `Role ${user} does not exist on ${at}. Check the user name.`;
      return `The server does not let user ${user} connect to database "${target.database}": ${message}`;
    case "3D000":
      return `Database "${target.database}" does not exist on ${at}. Check the database name.`;
    case "42501":
      return `Permission denied for user ${user}: ${message}. Grant the privilege or connect as another user.`;
    case "53300":
      return `${at} has no connection slots left (too many connections). Try again later or raise max_connections.`;
    case "57P03":
      return `${at} is not accepting connections right now (starting up, shutting down or in recovery). Try again shortly.`;
    case "57014":
      return `A query on ${at} was cancelled (statement timeout): the server is overloaded or the query waited on a lock.`;
  }
  if (CERTIFICATE_CODES.has(code)) {
    return `The server's TLS certificate could not be verified (${code}: ${message}). With verify-full, give the CA certificate that signed it, or choose require to encrypt without verification.`;
  }
  if (/does not support SSL/i.test(message)) {
    return `${at} does not accept SSL connections: set SSL mode to disable (the connection will not be encrypted) or enable SSL on the server.`;
  }
  if (/timeout expired|connection timeout/i.test(message)) {
    const within = timeoutMs > 0 ? ` within ${Math.round(timeoutMs / 1000)} s` : "";
    return `No answer from ${at}${within} (connection timed out). Check the host, the port and any firewall in between.`;
  }
  if (/client password must be a string|password authentication/i.test(message)) {
    return `The server asks for a password for user ${user} and none is configured.`;
  }
  if (/Connection terminated unexpectedly/i.test(message)) {
    return `${at} closed the connection during the handshake. Is it a PostgreSQL server, and does it accept this client's address and SSL mode?`;
  }
  return `Could not connect to ${at} as user ${user} (database "${target.database}"): ${message}${code ? ` (${code})` : ""}`;
}

const CONNECT_PHASE_CODES = /^(E[A-Z]+|28P01|28000|3D000|53300|57P03)$/;

/** node-postgres's wording when the socket closed under a session that was up. */
const LOST_MESSAGE = /Connection terminated|Connection ended|not queryable|socket hang up/i;

/**
 * Why an established session ended under us, or null when it did not: the
 * server said why (shutdown or pg_terminate_backend, a crash of another
 * backend, a timeout), or the socket closed or reset without a word.
 */
export function describeLostConnection(e: unknown, target: TErrorTarget, doing: string): string | null {
  const { code, message } = shape(e, target.password);
  const closed = `${target.host}:${target.port} closed the connection while ${doing}`;
  const after = "A retry can succeed once the server is back; if this keeps happening, look at the server's log around this time.";
  switch (code) {
    case "57P01":
      return `${closed}: the server is shutting down, or an administrator ended this session (pg_terminate_backend) (57P01: ${message}). ${after}`;
    case "57P02":
      return `${closed}: the server ended every session after another of its processes crashed (57P02: ${message}). ${after}`;
    case "57P05":
    case "25P03":
      return `${closed}: a server-side timeout ended the session (${code}: ${message}). Raise or turn off that timeout for user "${target.user}".`;
  }
  if (code.startsWith("08") || code === "ECONNRESET" || code === "EPIPE" || LOST_MESSAGE.test(message)) {
    return `${closed} without giving a reason (${message}${code ? `, ${code}` : ""}): the server may have shut down or restarted, an administrator may have ended the session, or the network dropped it. ${after}`;
  }
  return null;
}

export type TErrorPhase = {
  /** The connect timeout that was used, for messages about timeouts. */
  connectTimeoutMs?: number;
  /** Whether the session was up (connected and set up) when it failed: then a closed connection is no handshake problem. */
  connected?: boolean;
};

/**
 * An error of discover or read as an AppError: a session lost after it was
 * up as UNAVAILABLE (the server went away: retrying can succeed), connection
 * trouble described as check would, a data exception (22…) or a missing
 * relation, column or privilege (42…) as BAD_INPUT (not retried), anything
 * else as "<doing>: <server message> (<SQLSTATE>)", CONNECTOR_ERROR.
 */
export function toConnectorError(e: unknown, target: TErrorTarget, doing: string, phase: TErrorPhase = {}): AppError {
  if (isAppError(e)) return e;
  const { code, message } = shape(e, target.password);
  const details = code ? { code } : undefined;
  if (phase.connected) {
    const lost = describeLostConnection(e, target, doing);
    if (lost) return new AppError("UNAVAILABLE", `PostgreSQL source: ${lost}`, details);
  }
  // The same read fails the same way: a value the query cannot compute (a view dividing by zero), or a relation,
  // column or privilege that is not there. Not retried; the message says where to look.
  if (code.startsWith("22")) {
    return new AppError(
      "BAD_INPUT",
      `PostgreSQL source: ${doing} failed on the data: ${message} (${code}). Fix the rows or the view at the source; a retry would fail the same way.`,
      details,
    );
  }
  if (code.startsWith("42")) {
    return new AppError(
      "BAD_INPUT",
      `PostgreSQL source: ${doing} failed: ${message} (${code}). Discover the source again, or grant the user what it needs; a retry would fail the same way.`,
      details,
    );
  }
  const text =
    CONNECT_PHASE_CODES.test(code) || CERTIFICATE_CODES.has(code) || /does not support SSL|timeout expired|Connection terminated/i.test(message)
      ? describeConnectError(e, target, phase.connectTimeoutMs ?? 0)
      : `${message}${code ? ` (${code})` : ""}`;
  return new AppError("CONNECTOR_ERROR", `PostgreSQL source: ${doing} failed: ${text}`, details);
}
