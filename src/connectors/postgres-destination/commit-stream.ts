/**
 * `commitStream`: in ONE transaction, converts the staged wire text to the
 * target types and applies it by sync mode, computes the stream's new
 * cursor, writes the ledger row and drops the staging table. Either all of it
 * commits or none of it does, so a crash, a bad value or a lost connection
 * anywhere before COMMIT leaves the target and the ledger as they were.
 *
 * full_refresh_overwrite builds a complete copy and swaps it in by name;
 * readers keep the old table until the commit and never see it empty or half
 * filled. When views or foreign keys depend on the target (so it cannot be
 * dropped), its rows are replaced in place instead, in the same transaction.
 * A direct load (resolve-plan.ts) has COPYed its rows into that copy already,
 * typed, so its commit only finishes the copy and swaps it in.
 */
import type pg from "pg";

import {
  INSERT_LEDGER_SQL,
  TARGET_GRANTS_SQL,
  createOverwriteCopySql,
  grantSql,
  insertStagedSql,
  mergeStagedSql,
  newCursorFromTableSql,
  newCursorSql,
  replaceRowsSql,
  swapInSql,
} from "@/connectors/postgres-destination/apply-sql";
import type { TPostgresDestination } from "@/connectors/postgres-destination/config";
import type { TConnection } from "@/connectors/postgres-destination/connect";
import { dropTableSql, dropWeirDefaultsSql } from "@/connectors/postgres-destination/ddl-sql";
import { diagnoseCastFailure } from "@/connectors/postgres-destination/diagnose-cast";
import { qualified } from "@/connectors/postgres-destination/identifiers";
import { isConnectionLost, statementError } from "@/connectors/postgres-destination/pg-errors";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TLedgerEntry, TStreamState } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";

/** SQLSTATE of "cannot drop … because other objects depend on it". */
const DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

/** Whether the table the commit reads from exists: the staging table, or a direct load's new table. */
async function loadedTableExists(client: pg.Client, r: TResolvedPlan): Promise<boolean> {
  const found = await client.query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2", [
    r.schema,
    r.directLoad ? r.overwriteCopy : r.stage,
  ]);
  return (found.rowCount ?? 0) > 0;
}

/** Gives the filled overwrite copy the target's grants and swaps it in (or, when objects depend on the target, copies its rows in place). */
async function swapInCopy(client: pg.Client, r: TResolvedPlan): Promise<void> {
  const grants = await client.query<{ privilege_type: string; grantee: string; is_grantable: boolean }>(TARGET_GRANTS_SQL, [qualified(r.schema, r.table)]);
  for (const g of grants.rows) await client.query(grantSql(r.schema, r.overwriteCopy, g.privilege_type, g.grantee, g.is_grantable));
  await client.query("SAVEPOINT weir_swap");
  try {
    for (const sql of swapInSql(r, r.overwriteCopy)) await client.query(sql);
    await client.query("RELEASE SAVEPOINT weir_swap");
  } catch (e) {
    if ((e as { code?: string }).code !== DEPENDENT_OBJECTS_STILL_EXIST) throw e;
    await client.query("ROLLBACK TO SAVEPOINT weir_swap");
    for (const sql of replaceRowsSql(r, r.overwriteCopy)) await client.query(sql);
  }
}

async function overwrite(client: pg.Client, r: TResolvedPlan, params: string[], loadedRows: number): Promise<number> {
  if (r.directLoad) {
    // The rows are already in the copy, typed, with Weir's columns filled by its defaults.
    await client.query(dropWeirDefaultsSql(r.schema, r.overwriteCopy));
    await swapInCopy(client, r);
    return loadedRows;
  }
  await client.query(createOverwriteCopySql(r, r.overwriteCopy));
  const inserted = await client.query(insertStagedSql(r, r.overwriteCopy), params);
  await swapInCopy(client, r);
  return inserted.rowCount ?? 0;
}

/** Applies the staged rows by mode; returns how many rows the target received. */
async function applyStaged(client: pg.Client, r: TResolvedPlan, loadedRows: number): Promise<number> {
  const params = [r.plan.runId, r.plan.stream];
  switch (r.plan.mode) {
    case "full_refresh_overwrite":
      return overwrite(client, r, params, loadedRows);
    case "full_refresh_append":
    case "incremental_append":
      return (await client.query(insertStagedSql(r), params)).rowCount ?? 0;
    case "incremental_dedup":
      // Fresh statistics let the planner pick the merge index for a small delta and a hash join for a big one.
      await client.query(`ANALYZE ${qualified(r.schema, r.stage)}`);
      return (await client.query(mergeStagedSql(r), params)).rowCount ?? 0;
  }
}

/** The new cursor (wire text): the larger of the previous one and the largest loaded one; unchanged without a cursor field. Runs before a direct load's copy is swapped in. */
async function newCursor(client: pg.Client, r: TResolvedPlan, previous: TStreamState | null): Promise<string | null> {
  if (!r.cursorField) return previous?.cursor ?? null;
  const sql = r.directLoad ? newCursorFromTableSql(r, r.overwriteCopy) : newCursorSql(r);
  const result = await client.query<{ cursor: string | null }>(sql, [previous?.cursor ?? null]);
  return result.rows[0]?.cursor ?? null;
}

/** `loadedRows`: the rows the session COPYed into a direct load's new table (unused otherwise). */
export async function commitStagedStream(connection: TConnection, r: TResolvedPlan, previous: TStreamState | null, config: TPostgresDestination, loadedRows: number): Promise<TLedgerEntry> {
  const { client } = connection;
  const { plan } = r;
  const doing = `committing ${r.label} (run ${plan.runId}, attempt ${plan.attempt})`;
  let committing = false;
  try {
    if (!(await loadedTableExists(client, r))) {
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL destination: there is no staging table for ${r.label} in run ${plan.runId}, attempt ${plan.attempt}: prepareStream was not called, or the staging was discarded. Nothing was committed.`,
      );
    }
    await client.query("BEGIN");
    const cursor = await newCursor(client, r, previous);
    const rows = await applyStaged(client, r, loadedRows);
    faultPoint("postgres-destination.before-ledger");
    const ledger = await client.query<{ committed_at: Date }>(INSERT_LEDGER_SQL, [plan.connectionId, plan.stream, plan.runId, plan.attempt, cursor, rows]);
    await client.query(dropTableSql(r.schema, r.stage));
    committing = true;
    await client.query("COMMIT");
    return {
      connectionId: plan.connectionId,
      stream: plan.stream,
      runId: plan.runId,
      attempt: plan.attempt,
      state: cursor === null ? null : { cursor },
      rows,
      committedAt: ledger.rows[0]?.committed_at ?? new Date(),
    };
  } catch (thrown) {
    if (thrown instanceof AppError) throw thrown;
    // A connection that broke while idle reports "not queryable"; the error that broke it says why.
    const e = connection.brokenBy() ?? thrown;
    const lost = isConnectionLost(e);
    if (!lost) await client.query("ROLLBACK").catch(() => undefined);
    if (lost && committing) {
      throw statementError(e, config, doing, "Whether the commit happened is unknown: the next attempt finds it in the ledger if it did.");
    }
    const code = (e as { code?: string }).code ?? "";
    const diagnosis = !lost && code.startsWith("22") ? await diagnoseCastFailure(client, r) : "";
    throw statementError(e, config, doing, `${diagnosis.trim()} Nothing was committed: ${r.label} and the ledger are as they were.`.trim());
  }
}
