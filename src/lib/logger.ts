/**
 * Structured JSON logs (pino). Child loggers carry a request id or a job id on
 * every line; secrets are redacted by key name wherever they appear.
 */
import pino, { type Logger } from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");

export const logger: Logger = pino({
  level,
  base: { service: process.env.WEIR_SERVICE ?? "weir" },
  redact: {
    paths: [
      "password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret",
      "token", "*.token", "authorization", "*.authorization", "headers.cookie", "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function childLogger(bindings: Record<string, string | number>): Logger {
  return logger.child(bindings);
}

export type { Logger };
