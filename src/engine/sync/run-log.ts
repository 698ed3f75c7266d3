/**
 * Writes a run's log lines where the run page reads them (RunLog), and to the
 * structured log with the run id.
 */
import { db } from "@/db/client";
import type { Logger } from "@/lib/logger";

export type TRunLogger = {
  info(message: string): Promise<void>;
  warn(message: string): Promise<void>;
  error(message: string): Promise<void>;
};

/** `log` should already carry the run id (the job handler binds it). */
export function runLogger(runId: string, attempt: number, log: Logger): TRunLogger {
  const write = async (level: "info" | "warn" | "error", message: string) => {
    log[level](message);
    await db().runLog.create({ data: { runId, level, message, attempt } });
  };
  return {
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  };
}
