/**
 * Turns snowflake-sdk errors into messages a person can act on (which
 * account, user, role, warehouse or object, and what to change), as
 * AppErrors whose code says whether a retry can help, decided here once:
 * - a value the statement could not take (SQLSTATE classes 22 and 23) is
 *   DATA_REJECTED: the same data fails the same way (the commit then names
 *   the row, refusal.ts);
 * - configuration (login, privileges, missing objects, SQL the account
 *   refuses: class 42) is BAD_INPUT;
 * - a lost or refused connection, an expired session is UNAVAILABLE;
 * - anything else is CONNECTOR_ERROR. Both of the last are retried.
 * Never includes a secret: Snowflake's messages do not carry them, and they
 * are masked anyway.
 */
import { type TSnowflake, describeTarget } from "@/connectors/snowflake/config";
import { AppError, type TAppErrorCode, isAppError } from "@/lib/app-error";
import { scrubSecrets } from "@/lib/secret-scrub";

type TDriverError = Error & { code?: string | number; sqlState?: string; cause?: { code?: string } };

/** Snowflake error codes that are the configuration's, with what to do. */
const BY_CODE: Record<string, (c: TSnowflake) => string> = {
  "390100": (c) => `incorrect user name or password for user "${c.user}".`,
  "390144": (c) =>
    `the key pair login of user "${c.user}" was refused: the private key does not match the public key set on the user (ALTER USER … SET RSA_PUBLIC_KEY).`,
  "390189": (c) => `role "${c.role ?? "(default)"}" is not granted to user "${c.user}". GRANT ROLE … TO USER, or choose another role.`,
  "390201": (c) =>
    `the database "${c.database}", schema "${c.schema}" or warehouse "${c.warehouse}" of the login does not exist or is not authorized for this role.`,
  "390422": () => `the login was refused by a network policy: allow Weir's address in the account's network policy.`,
  "250001": (c) => `could not connect to account "${c.account}": check the account identifier.`,
};

/** Object missing or not authorized, insufficient privileges, no active warehouse. */
const PRIVILEGE_CODES = new Set(["002003", "003001", "002043", "000606"]);

/** The driver's network failures, a connection it no longer has, and Snowflake's expired sessions. */
const CONNECTION_LOST_CODES = new Set(["401001", "401002", "402001", "402002", "405503", "406502", "390112", "390114"]);

/** `text` without the configuration's secrets, through Weir's one secret scrubber (src/lib/secret-scrub.ts). */
export function maskSecrets(text: string, config: TSnowflake): string {
  return scrubSecrets(
    text,
    [config.password, config.privateKey, config.privateKeyPassphrase].filter((s): s is string => !!s),
  );
}

function networkProblem(e: TDriverError, config: TSnowflake): { code: TAppErrorCode; message: string } | null {
  const cause = e.cause?.code;
  const where = config.accessUrl ?? `${config.account}.snowflakecomputing.com`;
  if (cause === "ENOTFOUND")
    return {
      code: "BAD_INPUT",
      message: `the host of ${where} does not resolve (DNS): check the account identifier${config.accessUrl ? " and the access URL" : ""}.`,
    };
  if (cause === "ECONNREFUSED") return { code: "UNAVAILABLE", message: `nothing is listening at ${where} (connection refused).` };
  if (cause === "ETIMEDOUT" || cause === "ECONNRESET" || cause === "EHOSTUNREACH" || cause === "ENETUNREACH") {
    return {
      code: "UNAVAILABLE",
      message: `no answer from ${where} (${cause}): the address is wrong, a firewall drops the connection, or Snowflake is unreachable.`,
    };
  }
  if (CONNECTION_LOST_CODES.has(String(e.code)))
    return { code: "UNAVAILABLE", message: `Snowflake at ${where} could not be reached or dropped the connection (${maskSecrets(e.message, config)}).` };
  return null;
}

/**
 * An AppError for a driver error met while `doing` something (e.g.
 * `loading a batch into "ORDERS"`), prefixed with the account and database.
 */
export function snowflakeError(e: unknown, config: TSnowflake, doing: string, after = ""): AppError {
  if (isAppError(e)) return e;
  const error = (e instanceof Error ? e : new Error(String(e))) as TDriverError;
  const code = String(error.code ?? "");
  const prefix = `Snowflake destination ${describeTarget(config)}, ${doing}:`;
  const tail = after ? ` ${after}` : "";
  const known = BY_CODE[code];
  if (known) return new AppError("BAD_INPUT", `${prefix} ${known(config)}${tail}`, { snowflakeCode: code });
  const network = networkProblem(error, config);
  if (network) return new AppError(network.code, `${prefix} ${network.message}${tail}`, { snowflakeCode: code });
  const said = maskSecrets(error.message, config)
    .replace(/\s*\n\s*/g, " ")
    .trim();
  const sqlState = error.sqlState ?? "";
  const details = { snowflakeCode: code, sqlState };
  if (sqlState.startsWith("22") || sqlState.startsWith("23")) return new AppError("DATA_REJECTED", `${prefix} ${said}${tail}`, details);
  const configuration = PRIVILEGE_CODES.has(code) || sqlState.startsWith("42");
  return new AppError(configuration ? "BAD_INPUT" : "CONNECTOR_ERROR", `${prefix} ${said}${tail}`, details);
}
