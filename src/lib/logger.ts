/**
 * Structured JSON logs (pino). Child loggers carry a request id or a job id on
 * every line. Secrets are redacted by key name (password, token, …) and then
 * every finished line passes through the one scrubber (src/lib/secret-scrub.ts),
 * which removes each secret value this process has sealed or unsealed, URL
 * userinfo and secret headers, whatever field or message they sit in.
 */
import pino, { type Logger } from "pino";
import { SECRET_MARK, scrubSecrets } from "@/lib/secret-scrub";

/**
 * Errors are logged as type, message, code and stack only: the default
 * serializer copies every enumerable property, which for driver errors
 * includes whole client objects. Secrets are scrubbed here too, for callers
 * that serialize errors themselves.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubSecrets(String(err)) };
  const { code, cause } = err as Error & { code?: unknown; cause?: unknown };
  return {
    type: err.name,
    message: scrubSecrets(err.message),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    stack: err.stack === undefined ? undefined : scrubSecrets(err.stack),
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
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "headers.cookie",
      "*.headers.cookie",
    ],
    censor: SECRET_MARK,
  },
  serializers: { err: serializeError, error: serializeError },
  hooks: { streamWrite: (line) => scrubSecrets(line) },
  timestamp: pino.stdTimeFunctions.isoTime,
};

export const logger: Logger = pino(LOGGER_OPTIONS);

export function childLogger(bindings: Record<string, string | number>): Logger {
  return logger.child(bindings);
}

export type { Logger };
