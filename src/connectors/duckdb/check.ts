/**
 * `check` of the DuckDB destination: opens the database file (creating its
 * folder), creates, fills and drops a probe table, and when any step fails
 * says why: permission denied, the file locked by another process, a file
 * that is not a DuckDB database, a folder its file system will not create,
 * or DuckDB's own message. The whole check ends within CHECK_TIMEOUT_MS
 * (a file system that stops answering would otherwise hold the form's
 * request for good) and at once when the caller's signal aborts.
 */
import { randomUUID } from "node:crypto";

import type { TCheckResult, TConnectorContext } from "@/connectors/types";
import { type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { classifyOpenFailure, duckDbMessage } from "@/connectors/duckdb/duckdb-errors";
import { openDatabase } from "@/connectors/duckdb/open-database";
import { ident } from "@/connectors/duckdb/sql-text";
import { withinDeadline } from "@/connectors/duckdb/within-deadline";
import { AppError, isAppError } from "@/lib/app-error";

/** Opening takes milliseconds and the probe table a few more; the open alone gets OPEN_CHECK_MS. */
export const CHECK_TIMEOUT_MS = 15_000;
const OPEN_CHECK_MS = 10_000;

async function probe(file: string, config: ReturnType<typeof parseDuckDbConfig>, signal: AbortSignal): Promise<void> {
  const db = await openDatabase(file, { threads: config.threads, memoryLimit: config.memoryLimit, signal, timeoutMs: OPEN_CHECK_MS });
  try {
    const table = `main.${ident(`_weir_check_${randomUUID().slice(0, 8)}`)}`;
    await db.run(`CREATE TABLE ${table} (ok BOOLEAN)`);
    await db.run(`INSERT INTO ${table} VALUES (true)`);
    await db.run(`DROP TABLE ${table}`);
  } finally {
    await db.close();
  }
}

export async function checkDuckDb(config: TDuckDbConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  let file = "";
  try {
    const parsed = parseDuckDbConfig(config);
    file = databasePath(parsed);
    const where = file;
    await withinDeadline(probe(file, parsed, ctx.signal), {
      ms: CHECK_TIMEOUT_MS,
      signal: ctx.signal,
      timedOut: () =>
        new AppError(
          "BAD_INPUT",
          `DuckDB destination: writing a probe table to ${where} did not finish within ${CHECK_TIMEOUT_MS / 1000} s: its file system does not answer.`,
        ),
      late: () => undefined, // the probe closes its connection itself once it ends
    });
    return { ok: true };
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (isAppError(e)) return { ok: false, message: e.message };
    const known = classifyOpenFailure(e, file);
    return { ok: false, message: known ? `DuckDB destination: ${known.message}` : `DuckDB destination: cannot write ${file}: ${duckDbMessage(e)}` };
  }
}
