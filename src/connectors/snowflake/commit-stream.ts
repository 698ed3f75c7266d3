/**
 * `commitStream` on Snowflake. Snowflake commits any open transaction before
 * a DDL statement (CREATE, ALTER … SWAP WITH, DROP), so the modes commit
 * differently, each so that a crash or an error at any point loses nothing
 * and duplicates nothing:
 *
 * - append and dedup: one transaction holds the INSERT (or MERGE) and the
 *   ledger row; the staging table is dropped after the COMMIT.
 * - full_refresh_overwrite: the new copy is filled (a failure drops it; the
 *   target is untouched), swapped in with one atomic SWAP WITH, and then the
 *   ledger row is written. A crash between the swap and the ledger row
 *   leaves the target with a complete new copy and the ledger without this
 *   run, so the retry loads and swaps again: an overwrite is idempotent, and
 *   its state needs no cursor from this run.
 */
import { INSERT_LEDGER_SQL, createOverwriteCopySql, insertStagedSql, mergeStagedSql, newCursorSql, swapWithSql } from "@/connectors/snowflake/apply-sql";
import type { TSnowflake } from "@/connectors/snowflake/config";
import type { TSnowflakeResult } from "@/connectors/snowflake/connect";
import { WEIR_SCHEMA, qualified, quoteIdent } from "@/connectors/snowflake/identifiers";
import { dropTableSql, stageColumn } from "@/connectors/snowflake/load-sql";
import { snowflakeError } from "@/connectors/snowflake/snowflake-errors";
import type { TResolvedPlan } from "@/connectors/snowflake/resolve-plan";
import { tryCastFromWire } from "@/connectors/snowflake/type-mapping";
import type { TLedgerEntry, TStreamState } from "@/connectors/types";
import { AppError, isAppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";

/** Runs one statement of the commit (with the session's query tag); `doing` says what, for the error. */
export type TExec = (sql: string, doing: string, binds?: (string | number | null)[]) => Promise<TSnowflakeResult>;

/** Rows written by an INSERT or MERGE, from its result (columns "number of rows inserted/updated"). */
function affectedRows(result: { rows: unknown[][]; columns: { name: string }[] }): number {
  const row = result.rows[0] ?? [];
  return result.columns.reduce((n, c, i) => (/number of rows (inserted|updated)/i.test(c.name) ? n + Number(row[i] ?? 0) : n), 0);
}

/** After a failed conversion: which column holds a value that is not valid for its type (never the value itself). */
async function diagnose(exec: TExec, r: TResolvedPlan): Promise<string> {
  try {
    for (const [i, column] of r.columns.entries()) {
      const staged = `s.${quoteIdent(stageColumn(i))}`;
      const sql = `SELECT COUNT(*) FROM ${qualified(WEIR_SCHEMA, r.stage)} AS s WHERE ${staged} IS NOT NULL AND ${tryCastFromWire(staged, column.type)} IS NULL`;
      const found = await exec(sql, "finding the value that does not convert");
      const count = Number(found.rows[0]?.[0] ?? 0);
      if (count > 0) return ` Column "${column.name}" (${column.type.kind}) has ${count} value(s) that are not valid for its type.`;
    }
  } catch {
    // the diagnosis is a courtesy; the original error stands
  }
  return "";
}

async function newCursor(exec: TExec, r: TResolvedPlan, previous: TStreamState | null): Promise<string | null> {
  if (!r.cursorField) return previous?.cursor ?? null;
  const result = await exec(newCursorSql(r), `computing the new cursor of ${r.label}`, [previous?.cursor ?? null]);
  const value = result.rows[0]?.[0];
  return value === undefined || value === null ? null : String(value);
}

async function writeLedger(exec: TExec, r: TResolvedPlan, cursor: string | null, rows: number): Promise<Date> {
  const committedAt = new Date();
  const { plan } = r;
  await exec(INSERT_LEDGER_SQL, `writing the ledger of ${r.label}`, [plan.connectionId, plan.stream, plan.runId, plan.attempt, cursor, rows, committedAt.toISOString()]);
  return committedAt;
}

async function overwrite(exec: TExec, config: TSnowflake, r: TResolvedPlan, cursor: string | null): Promise<{ rows: number; committedAt: Date }> {
  await exec(createOverwriteCopySql(r, r.overwriteCopy), `creating the new copy of ${r.label}`);
  let rows: number;
  try {
    rows = affectedRows(await exec(insertStagedSql(r, r.overwriteCopy), `filling the new copy of ${r.label}`));
  } catch (e) {
    await exec(dropTableSql(r.schema, r.overwriteCopy), `dropping the new copy of ${r.label}`).catch(() => undefined);
    throw e;
  }
  await exec(swapWithSql(r, r.overwriteCopy), `swapping the new copy of ${r.label} in`);
  faultPoint("snowflake.after-swap");
  let committedAt: Date;
  try {
    committedAt = await writeLedger(exec, r, cursor, rows);
  } catch (e) {
    const error = snowflakeError(e, config, `writing the ledger of ${r.label}`);
    throw new AppError(error.code, `${error.message} The new copy of ${r.label} is in place, but the ledger does not record it: the retry loads the stream again.`, { ...error.details, swapped: true });
  }
  await exec(dropTableSql(r.schema, r.overwriteCopy), `dropping the previous copy of ${r.label}`);
  return { rows, committedAt };
}

async function appendOrMerge(exec: TExec, r: TResolvedPlan, cursor: string | null): Promise<{ rows: number; committedAt: Date }> {
  const doing = `committing ${r.label}`;
  await exec("BEGIN", doing);
  try {
    const sql = r.plan.mode === "incremental_dedup" ? mergeStagedSql(r) : insertStagedSql(r);
    const rows = affectedRows(await exec(sql, `applying the staged rows to ${r.label}`));
    faultPoint("snowflake.before-ledger");
    const committedAt = await writeLedger(exec, r, cursor, rows);
    await exec("COMMIT", doing);
    return { rows, committedAt };
  } catch (e) {
    await exec("ROLLBACK", `rolling back ${r.label}`).catch(() => undefined);
    throw e;
  }
}

export async function commitStagedStream(exec: TExec, config: TSnowflake, r: TResolvedPlan, previous: TStreamState | null): Promise<TLedgerEntry> {
  const { plan } = r;
  try {
    const cursor = await newCursor(exec, r, previous);
    const { rows, committedAt } = plan.mode === "full_refresh_overwrite" ? await overwrite(exec, config, r, cursor) : await appendOrMerge(exec, r, cursor);
    await exec(dropTableSql(WEIR_SCHEMA, r.stage), `dropping the staging table of ${r.label}`).catch(() => undefined);
    return { connectionId: plan.connectionId, stream: plan.stream, runId: plan.runId, attempt: plan.attempt, state: cursor === null ? null : { cursor }, rows, committedAt };
  } catch (e) {
    if (!isAppError(e) || e.details?.swapped) throw e;
    const conversion = e.details?.sqlState && String(e.details.sqlState).startsWith("22") ? await diagnose(exec, r) : "";
    throw new AppError(e.code, `${e.message}${conversion} Nothing was committed: ${r.label} and the ledger are as they were.`, e.details);
  }
}
