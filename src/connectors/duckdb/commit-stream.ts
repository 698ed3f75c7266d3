/**
 * An attempt's commit (TDestinationSession.commitStream) as one DuckDB
 * transaction: the target's DDL (create, widen, add columns), the state scan,
 * the cursor boundary's filter, the rows applied by mode, the new boundary,
 * the objects read in full and the ledger row. Any failure rolls all of it
 * back. The staged relation is made before the transaction (attempt-stage.ts)
 * and dropped by the session after it, failed or not. Values are converted
 * by their canonical shape first; a value outside it runs the transaction
 * again with every rule (from-wire-sql.ts says why).
 *
 * What the boundary costs: the state scan, which a commit with a cursor runs
 * anyway, also counts the staged rows at the saved cursor (at NULL while the
 * stream has no cursor). Only when there are some do their identities get
 * computed and matched (incremental deltas: a few rows); when the cursor
 * moved, an append's new boundary is read from the rows this run put into
 * the target at the new cursor, which DuckDB's zone maps find without
 * scanning the rest, and a dedup's from its staged table (in memory, and
 * usually small) at that cursor.
 */
import type { TCommitExtras, TLedgerEntry, TStreamState, TWritePlan } from "@/connectors/types";
import { type TStage, materializeStage } from "@/connectors/duckdb/attempt-stage";
import { type TBoundarySource, type TRecordedBoundary, dropHeldRowsSql, keptRowsSql, replaceBoundarySql } from "@/connectors/duckdb/boundary-sql";
import { applySql, cursorIndex, stateSql } from "@/connectors/duckdb/commit-sql";
import { NON_CANONICAL, type TConversionMode } from "@/connectors/duckdb/from-wire-sql";
import { CREATE_LEDGER_SQL, insertLedgerSql } from "@/connectors/duckdb/ledger";
import { insertObjectsSql } from "@/connectors/duckdb/ledger-keys";
import type { TDuckDbHandle } from "@/connectors/duckdb/open-database";
import { DROP_RECORDED_BOUNDARY_SQL, loadRecordedBoundary } from "@/connectors/duckdb/recorded-boundary";
import { ident } from "@/connectors/duckdb/sql-text";
import { stageRef } from "@/connectors/duckdb/stage-sql";
import { type TStoredColumn, existingColumnsSql } from "@/connectors/duckdb/target-ddl";
import { AppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";

/** The staged rows the target does not hold yet: the stage itself, unless rows sit at the saved cursor that the boundary holds. */
async function unheldRows(
  db: TDuckDbHandle,
  plan: TWritePlan,
  stage: TStage,
  cursor: number,
  previous: string | null,
  recorded: TRecordedBoundary,
): Promise<string> {
  const source = stageRef(stage.name);
  if (stage.created === "table") {
    await db.run(dropHeldRowsSql(plan, cursor, source, previous, recorded));
    return source;
  }
  // Created inside the transaction, so a rollback takes it away too.
  const kept = `${stage.name}_kept`;
  await db.run(`CREATE OR REPLACE TEMP VIEW ${ident(kept)} AS ${keptRowsSql(plan, cursor, source, previous, recorded)}`);
  return stageRef(kept);
}

/** Commits the attempt's staged rows; returns the ledger entry written, whose rows are the rows the target received. */
export async function commitStage(
  db: TDuckDbHandle,
  plan: TWritePlan,
  stage: TStage,
  previous: TStreamState | null,
  extras?: TCommitExtras,
): Promise<TLedgerEntry> {
  const spooledRows = stage.batches.reduce((sum, b) => sum + b.rows, 0);
  // Rows of a full refresh or an append land in any order, which lets DuckDB's parallel insert stream instead of buffering; dedup's merge needs arrival order.
  const preserveInsertionOrder = plan.mode === "incremental_dedup";
  return db.load({ preserveInsertionOrder }, async () => {
    await materializeStage(db, plan, stage);
    try {
      return await commitTransaction(db, plan, stage, previous, extras, spooledRows, "fast");
    } catch (e) {
      // A value outside the canonical shape (a BC date, an exponent, an offset other than +00…): the same commit again, every value by every rule.
      if (!(e instanceof Error) || !e.message.includes(NON_CANONICAL)) throw e;
      return commitTransaction(db, plan, stage, previous, extras, spooledRows, "strict");
    }
  });
}

/** The commit's one transaction, converting staged text in `mode`. */
async function commitTransaction(
  db: TDuckDbHandle,
  plan: TWritePlan,
  stage: TStage,
  previous: TStreamState | null,
  extras: TCommitExtras | undefined,
  spooledRows: number,
  mode: TConversionMode,
): Promise<TLedgerEntry> {
  return db.transaction(async () => {
    for (const sql of CREATE_LEDGER_SQL) await db.run(sql);
    const stored: TStoredColumn[] = (await db.rows(existingColumnsSql(plan.namespace, plan.table))).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
    const source = stageRef(stage.name);
    const previousCursor = previous?.cursor ?? null;
    let cursor = previousCursor;
    let staged: number | null = null;
    let atPrevious = 0;
    // A TEMP table is cheap to count; a view over the files is only scanned when a cursor must advance.
    if (cursorIndex(plan) !== undefined || stage.created === "table") {
      const [row] = await db.rows(stateSql(plan, source, previousCursor));
      cursor = row?.[0] === null || row?.[0] === undefined ? null : String(row[0]);
      staged = Number(row?.[1] ?? 0);
      atPrevious = Number(row?.[2] ?? 0);
    }
    if (staged !== null && staged !== spooledRows) throw miscounted(plan, spooledRows, staged);
    const index = cursorIndex(plan);
    // Staged rows at the saved cursor, or with a NULL cursor while there is none yet.
    const atBoundary = index !== undefined && atPrevious > 0;
    const recorded = atBoundary ? await loadRecordedBoundary(db, plan, source, index, previousCursor, stored) : null;
    const filtered = atBoundary && recorded !== null && plan.mode.startsWith("incremental");
    const rowsFrom = filtered ? await unheldRows(db, plan, stage, index, previousCursor, recorded) : source;
    let rows = 0;
    for (const statement of applySql(plan, rowsFrom, stored, `_weir_new_${stage.name.slice("_weir_stage_".length)}`, mode)) {
      const changed = await db.run(statement.sql);
      if (statement.inserts) rows += changed;
    }
    // Without a state scan every staged row was inserted (a full refresh or an append without cursor).
    if (staged === null && rows !== spooledRows) throw miscounted(plan, spooledRows, rows);
    // An overwrite replaces it even when no row sits at the cursor: its table no longer holds the recorded rows.
    if (index !== undefined && (cursor !== previousCursor || atBoundary || plan.mode === "full_refresh_overwrite")) {
      const from: TBoundarySource = plan.mode === "incremental_dedup" ? { from: "stage", stage: source } : { from: "target" };
      for (const sql of replaceBoundarySql(plan, index, cursor, previousCursor, recorded, from)) await db.run(sql);
    }
    if (extras?.objects?.length) for (const sql of insertObjectsSql(plan.connectionId, plan.stream, extras.objects)) await db.run(sql);
    faultPoint("duckdb.commit-applied");
    const written: TLedgerEntry = {
      connectionId: plan.connectionId,
      stream: plan.stream,
      runId: plan.runId,
      attempt: plan.attempt,
      state: cursor === null ? null : { cursor },
      rows,
      committedAt: new Date(),
    };
    await db.run(insertLedgerSql(written));
    if (rowsFrom !== source) await db.run(`DROP VIEW ${rowsFrom}`);
    if (recorded) await db.run(DROP_RECORDED_BOUNDARY_SQL);
    return written;
  });
}

function miscounted(plan: TWritePlan, announced: number, found: number): AppError {
  return new AppError("CONNECTOR_ERROR", `DuckDB destination: the batches of ${plan.stream} announced ${announced} rows but their CSV held ${found}.`);
}
