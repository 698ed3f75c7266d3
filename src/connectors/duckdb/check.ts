/**
 * `check` of the DuckDB destination: opens the database file (creating its
 * folder), creates, fills and drops a probe table, and when any step fails
 * says why: permission denied, the file locked by another process, a file
 * that is not a DuckDB database, or DuckDB's own message.
 */
import { randomUUID } from "node:crypto";

import type { TCheckResult, TConnectorContext } from "@/connectors/types";
import { type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { classifyOpenFailure, duckDbMessage } from "@/connectors/duckdb/duckdb-errors";
import { openDatabase } from "@/connectors/duckdb/open-database";
import { ident } from "@/connectors/duckdb/sql-text";
import { isAppError } from "@/lib/app-error";

export async function checkDuckDb(config: TDuckDbConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  let file = "";
  try {
    const parsed = parseDuckDbConfig(config);
    file = databasePath(parsed);
    const db = await openDatabase(file, { threads: parsed.threads, memoryLimit: parsed.memoryLimit, signal: ctx.signal });
    try {
      const probe = `main.${ident(`_weir_check_${randomUUID().slice(0, 8)}`)}`;
      await db.run(`CREATE TABLE ${probe} (ok BOOLEAN)`);
      await db.run(`INSERT INTO ${probe} VALUES (true)`);
      await db.run(`DROP TABLE ${probe}`);
    } finally {
      await db.close();
    }
    return { ok: true };
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (isAppError(e)) return { ok: false, message: e.message };
    const known = classifyOpenFailure(e, file);
    return { ok: false, message: known ? `DuckDB destination: ${known.message}` : `DuckDB destination: cannot write ${file}: ${duckDbMessage(e)}` };
  }
}
