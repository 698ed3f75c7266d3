/**
 * Structured JSON logs (pino). Child loggers carry a request id or a job id on
 * every line; secrets are redacted by key name wherever they appear.
 */
import pino, { type Logger } from "pino";

const URL_CREDENTIALS = /(\/\/[^:/@\s]*:)[^@\s]*@/g;

/**
 * Errors are logged as type, message, code and stack only: the default
 * serializer copies every enumerable property, which for driver errors
 * includes whole client objects. Passwords in URLs are masked.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err).replace(URL_CREDENTIALS, "$1***@") };
  const { code, cause } = err as Error & { code?: unknown; cause?: unknown };
  return {
    type: err.name,
    message: err.message.replace(URL_CREDENTIALS, "$1***@"),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    stack: err.stack?.replace(URL_CREDENTIALS, "$1***@"),
    ...(cause instanceof Error ? { cause: serializeError(cause) } : {}),
  };
}

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");

/** The options of every Weir logger; exported so tests can check redaction with their own sink. */
export const LOGGER_OPTIONS: pino.LoggerOptions = {
  level,
  base: { service: process.env.WEIR_SERVICE ?? "weir" },
  redact: {
    paths: [
      "password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret",
      "token", "*.token", "authorization", "*.authorization", "headers.cookie", "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
  serializers: { err: serializeError, error: serializeError },
  timestamp: pino.stdTimeFunctions.isoTime,
};

export const logger: Logger = pino(LOGGER_OPTIONS);

export function childLogger(bindings: Record<string, string | number>): Logger {
  return logger.child(bindings);
}

export type { Logger };
