/**
 * `commitStream`: in ONE transaction, changes the target's shape as the plan
 * needs (target-catalog.ts: schema, table, new columns, widened types, merge
 * index; SCHEMA_CHANGED when a type does not widen), computes the new cursor
 * and drops and records the rows at its boundary (cursor-boundary.ts),
 * converts the staged wire text to the target types and applies it by sync
 * mode, records the objects read, writes the ledger row and drops the
 * staging table. Either all of it commits or none of it does: a crash, a bad
 * value or a lost connection before COMMIT leaves target, boundary and
 * ledger as they were. A failed commit also drops this attempt's staging
 * when the server still answers.
 *
 * full_refresh_overwrite builds a complete copy and swaps it in by name;
 * readers keep the old table until the commit and never see it empty or half
 * filled. When views or foreign keys depend on the target (so it cannot be
 * dropped), its rows are replaced in place instead, in the same transaction.
 * A direct load (resolve-plan.ts) has COPYed its rows into that copy already,
 * typed, so its commit only finishes the copy and swaps it in.
 */
import type pg from "pg";

import { TARGET_GRANTS_SQL, grantSql, insertStagedSql, replaceRowsSql, swapInSql } from "@/connectors/postgres-destination/apply-sql";
import { loadedEdgeSource, stagedEdgeSource } from "@/connectors/postgres-destination/boundary-sql";
import { type TPostgresDestination, describeTarget } from "@/connectors/postgres-destination/config";
import type { TConnection } from "@/connectors/postgres-destination/connect";
import { commitCursorBoundary } from "@/connectors/postgres-destination/cursor-boundary";
import { dropTableSql, dropWeirDefaultsSql } from "@/connectors/postgres-destination/ddl-sql";
import { findRejectedValue, rejectionText } from "@/connectors/postgres-destination/diagnose-cast";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { mergeStagedSql } from "@/connectors/postgres-destination/merge-sql";
import { INSERT_LEDGER_SQL, INSERT_OBJECTS_SQL } from "@/connectors/postgres-destination/ledger-sql";
import { isConnectionLost, isDataError, statementError } from "@/connectors/postgres-destination/pg-errors";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import { type TCatalog, commitDdl, readCatalog, runCatalogDdl } from "@/connectors/postgres-destination/target-catalog";
import {
  alterTargetSql,
  diffColumns,
  isTypeChangeBlockedByView,
  overwriteCopyDdl,
  viewBlocksWideningError,
} from "@/connectors/postgres-destination/target-ddl";
import type { TCommitExtras, TLedgerEntry, TStreamState } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";

/** SQLSTATE of "cannot drop … because other objects depend on it". */
const DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

/** The table the commit reads from: the staging table, or a direct load's new table. */
function loadedTable(r: TResolvedPlan): [schema: string, table: string] {
  return r.directLoad ? [r.copySchema, r.overwriteCopy] : [r.stageSchema, r.stage];
}

async function tableExists(client: pg.Client, [schema, table]: [string, string]): Promise<boolean> {
  const found = await client.query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2", [
    schema,
    table,
  ]);
  return (found.rowCount ?? 0) > 0;
}

/** Drops this attempt's staging and new table (after a failure). */
export async function dropAttemptArtifacts(client: pg.Client, r: TResolvedPlan): Promise<void> {
  await client.query(dropTableSql(r.stageSchema, r.stage));
  await client.query(dropTableSql(r.copySchema, r.overwriteCopy));
}

/** Gives the filled copy the target's grants and swaps it in (or, when objects depend on the target, copies its rows in place). */
async function swapInCopy(client: pg.Client, r: TResolvedPlan, catalog: TCatalog): Promise<void> {
  if (!catalog.columns) {
    await client.query(`ALTER TABLE ${qualified(r.schema, r.overwriteCopy)} RENAME TO ${quoteIdent(r.table)}`);
    return;
  }
  const grants = await client.query<{ privilege_type: string; grantee: string; is_grantable: boolean }>(TARGET_GRANTS_SQL, [qualified(r.schema, r.table)]);
  for (const g of grants.rows) await client.query(grantSql(r.schema, r.overwriteCopy, g.privilege_type, g.grantee, g.is_grantable));
  await client.query("SAVEPOINT weir_swap");
  try {
    for (const sql of swapInSql(r, r.overwriteCopy)) await client.query(sql);
    await client.query("RELEASE SAVEPOINT weir_swap");
  } catch (e) {
    if ((e as { code?: string }).code !== DEPENDENT_OBJECTS_STILL_EXIST) throw e;
    await client.query("ROLLBACK TO SAVEPOINT weir_swap");
    const alter = alterTargetSql(r.schema, r.table, diffColumns(catalog.columns, r.columns));
    if (alter) await client.query(alter);
    for (const sql of replaceRowsSql(r, r.overwriteCopy)) await client.query(sql);
  }
}

async function overwrite(client: pg.Client, r: TResolvedPlan, catalog: TCatalog, params: string[], loadedRows: number): Promise<number> {
  if (r.directLoad) {
    // The rows are already in the copy, typed, with Weir's columns filled by its defaults.
    await client.query(dropWeirDefaultsSql(r.copySchema, r.overwriteCopy));
    if (r.copySchema !== r.schema) await client.query(`ALTER TABLE ${qualified(r.copySchema, r.overwriteCopy)} SET SCHEMA ${quoteIdent(r.schema)}`);
    await swapInCopy(client, r, catalog);
    return loadedRows;
  }
  for (const sql of overwriteCopyDdl(r, r.schema, r.overwriteCopy, catalog.columns)) await client.query(sql);
  const inserted = await client.query(insertStagedSql(r, r.overwriteCopy), params);
  await swapInCopy(client, r, catalog);
  return inserted.rowCount ?? 0;
}

/** Applies the staged rows by mode; returns how many rows the target received. */
async function applyStaged(client: pg.Client, r: TResolvedPlan, catalog: TCatalog, loadedRows: number): Promise<number> {
  const params = [r.plan.runId, r.plan.stream];
  switch (r.plan.mode) {
    case "full_refresh_overwrite":
      return overwrite(client, r, catalog, params, loadedRows);
    case "full_refresh_append":
    case "incremental_append":
      return (await client.query(insertStagedSql(r), params)).rowCount ?? 0;
    case "incremental_dedup":
      // Fresh statistics let the planner pick the merge index for a small delta and a hash join for a big one.
      await client.query(`ANALYZE ${qualified(r.stageSchema, r.stage)}`);
      return (await client.query(mergeStagedSql(r), params)).rowCount ?? 0;
  }
}

/** The error of a failed commit, classified once; a value that does not convert is named with its row and column. */
async function commitError(client: pg.Client, r: TResolvedPlan, e: unknown, config: TPostgresDestination, doing: string): Promise<AppError> {
  const nothing = `Nothing was committed: ${r.label} and the ledger are as they were.`;
  if (isTypeChangeBlockedByView(e)) {
    const stored = await readCatalog(client, r).catch(() => null);
    return viewBlocksWideningError(r, stored?.columns ?? [], (e as { detail?: string }).detail);
  }
  if (isDataError(e) && !r.directLoad && (e as { code?: string }).code?.startsWith("22")) {
    const found = await findRejectedValue(client, r).catch(() => null);
    if (found)
      return new AppError("DATA_REJECTED", `PostgreSQL destination ${describeTarget(config)}: ${rejectionText(found)}. ${nothing}`, {
        sqlstate: (e as { code?: string }).code,
        column: found.column.name,
        row: found.key,
      });
  }
  return statementError(e, config, doing, nothing);
}

/** `loadedRows`: the rows the session COPYed into a direct load's new table (unused otherwise). */
export async function commitStagedStream(
  connection: TConnection,
  r: TResolvedPlan,
  previous: TStreamState | null,
  extras: TCommitExtras | undefined,
  config: TPostgresDestination,
  loadedRows: number,
): Promise<TLedgerEntry> {
  const { client } = connection;
  const { plan } = r;
  const doing = `committing ${r.label} (run ${plan.runId}, attempt ${plan.attempt})`;
  let committing = false;
  try {
    if (!(await tableExists(client, loadedTable(r)))) {
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL destination: there is no staging table for ${r.label} in run ${plan.runId}, attempt ${plan.attempt}: prepareStream was not called, or the staging was discarded. Nothing was committed.`,
      );
    }
    await client.query("BEGIN");
    const catalog = await runCatalogDdl(client, r, commitDdl(r));
    let cursor = previous?.cursor ?? null;
    if (r.cursorField) {
      const source = r.directLoad ? loadedEdgeSource(r, r.copySchema, r.overwriteCopy) : stagedEdgeSource(r);
      cursor = (await commitCursorBoundary(client, plan, source, previous?.cursor ?? null)).cursor;
    }
    const rows = await applyStaged(client, r, catalog, loadedRows);
    if (extras?.objects?.length) await client.query(INSERT_OBJECTS_SQL, [plan.connectionId, plan.stream, extras.objects]);
    faultPoint("postgres-destination.before-ledger");
    const ledger = await client.query<{ committed_at: Date }>(INSERT_LEDGER_SQL, [plan.connectionId, plan.stream, plan.runId, plan.attempt, cursor, rows]);
    if (!r.directLoad) await client.query(dropTableSql(r.stageSchema, r.stage));
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
    // A connection that broke while idle reports "not queryable"; the error that broke it says why.
    const e = thrown instanceof AppError ? thrown : (connection.brokenBy() ?? thrown);
    const lost = !(e instanceof AppError) && isConnectionLost(e);
    if (lost) {
      const consequence = committing
        ? "Whether the commit happened is unknown: the next attempt finds it in the ledger if it did."
        : `Nothing was committed: ${r.label} and the ledger are as they were.`;
      throw statementError(e, config, doing, consequence);
    }
    await client.query("ROLLBACK").catch(() => undefined);
    const error = e instanceof AppError ? e : await commitError(client, r, e, config, doing);
    await dropAttemptArtifacts(client, r).catch(() => undefined);
    throw error;
  }
}
