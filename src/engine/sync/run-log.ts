/**
 * Writes a run's log lines where the run page reads them (RunLog), and to the
 * structured log with the run id. Connectors' notices (retries, waits,
 * skipped objects) come synchronously from inside a read; they are written
 * in order behind each other, and `flush` waits for the last one. Every line
 * passes through the secret scrubber before it is stored or logged (callers
 * scrub with their endpoints' secrets first; this catches what any process
 * knows).
 */
import { db } from "@/db/client";
import type { Logger } from "@/lib/logger";
import { scrubSecrets } from "@/lib/secret-scrub";

export type TRunLogger = {
  info(message: string): Promise<void>;
  warn(message: string): Promise<void>;
  error(message: string): Promise<void>;
  /** A connector's notice (TConnectorContext.notice): queued, never throws. Scrub secrets before. */
  notice(message: string): void;
  /** Resolves when every notice so far is written. */
  flush(): Promise<void>;
};

/** `log` should already carry the run id (the job handler binds it). */
export function runLogger(runId: string, attempt: number, log: Logger): TRunLogger {
  const write = async (level: "info" | "warn" | "error", text: string) => {
    const message = scrubSecrets(text);
    log[level](message);
    await db().runLog.create({ data: { runId, level, message, attempt } });
  };
  let notices: Promise<void> = Promise.resolve();
  return {
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
    notice: (m) => {
      notices = notices.then(() => write("info", m)).catch((e: unknown) => log.warn({ err: e }, "could not write a connector notice to the run log"));
    },
    flush: () => notices,
  };
}
