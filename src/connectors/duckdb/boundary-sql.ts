/**
 * SQL of the cursor boundary (TDestinationSession.commitStream): incremental
 * sources read cursor >= the saved one, so the rows at exactly that value
 * come again, and the commit drops those it already holds, counted by row
 * identity, before they reach the target.
 *
 * A row's identity is the md5 of the JSON array of its plan columns' wire
 * text, in plan order (JSON null for NULL, so NULL differs from every text).
 * The text is the canonical one read back from the typed value
 * (to-wire-sql.ts), on both sides: staged rows are converted and read back,
 * target rows are read back. So identities of staged and committed rows
 * compare, and the new boundary can be read from the target (the rows this
 * run committed at the cursor, found by the cursor column's zone maps)
 * instead of a second pass over the staged files.
 *
 * Nothing here runs unless staged rows sit at the saved cursor (the state
 * aggregate counts them) or the cursor moved. Pure string building.
 */
import type { TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { cursorKeySql, storedCursorKeySql } from "@/connectors/duckdb/cursor-sql";
import { fromWireSql } from "@/connectors/duckdb/from-wire-sql";
import { LEDGER_KEYS, streamKeys } from "@/connectors/duckdb/ledger-keys";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { stageColumn } from "@/connectors/duckdb/stage-sql";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";

/** The temporary table holding the new boundary while it replaces the recorded one. */
const NEXT_BOUNDARY = "_weir_boundary";

function identitySql(wireTexts: string[]): string {
  return `md5(CAST(to_json(list_value(${wireTexts.join(", ")})) AS VARCHAR))`;
}

/** The identity of a staged row read through `alias`. */
export function stagedIdentitySql(plan: TWritePlan, alias: string): string {
  return identitySql(plan.columns.map((c, i) => toWireSql(fromWireSql(`${alias}.${stageColumn(i)}`, c.type, JSON.stringify(c.name)), c.type)));
}

/** The identity of a target row read through `alias`. */
export function targetIdentitySql(plan: TWritePlan, alias: string): string {
  return identitySql(plan.columns.map((c) => toWireSql(`${alias}.${ident(c.name)}`, c.type)));
}

/** Whether the staged cursor (plan column `cursor`) read through `alias` equals `cursorText`, compared as values. */
function stagedAt(plan: TWritePlan, cursor: number, alias: string, cursorText: string): string {
  const { type } = plan.columns[cursor]!;
  return `${cursorKeySql(`${alias}.${stageColumn(cursor)}`, type)} = ${cursorKeySql(sqlString(cursorText), type)}`;
}

/** Whether the stored cursor of a target row read through `alias` equals `cursorText`, compared as values (a constant DuckDB's zone maps use). */
function storedAt(plan: TWritePlan, cursor: number, alias: string, cursorText: string): string {
  const { name, type } = plan.columns[cursor]!;
  return `${storedCursorKeySql(`${alias}.${ident(name)}`, type)} = ${cursorKeySql(sqlString(cursorText), type)}`;
}

/**
 * The boundary at `previous` for a stream committed before boundaries were
 * recorded: the rows the target holds at that cursor, other runs' only (so
 * it reads the same before and after this commit's rows land). Valid only
 * while every plan column is stored with its planned type.
 */
export function legacyBoundarySql(plan: TWritePlan, cursor: number, previous: string): string {
  return `SELECT ${targetIdentitySql(plan, "t")} AS "key", count(*) AS "count" FROM ${qualified(plan.namespace, plan.table)} AS t
  WHERE ${storedAt(plan, cursor, "t", previous)} AND t.${ident(WEIR_COLUMNS.runId)} IS DISTINCT FROM ${sqlString(plan.runId)} GROUP BY 1`;
}

/** The staged rows at `previous` counted by identity: a boundary holding every one of them. */
export function stagedBoundarySql(plan: TWritePlan, cursor: number, stage: string, previous: string): string {
  return `SELECT ${stagedIdentitySql(plan, "s")} AS "key", count(*) AS "count" FROM ${stage} AS s WHERE ${stagedAt(plan, cursor, "s", previous)} GROUP BY 1`;
}

/** Staged rows at the saved cursor, each numbered within its identity, beside the count `recorded` ("key", "count") holds for that identity. */
function boundaryRowsSql(plan: TWritePlan, cursor: number, stage: string, previous: string, recorded: string, rowNumberOrder: string): string {
  const identity = stagedIdentitySql(plan, "s");
  return `SELECT b.*, coalesce(r."count", 0) AS _weir_recorded FROM (
  SELECT s.*, ${identity} AS _weir_identity, row_number() OVER (PARTITION BY ${identity}${rowNumberOrder}) AS _weir_n
  FROM ${stage} AS s WHERE ${stagedAt(plan, cursor, "s", previous)}) AS b
LEFT JOIN (${recorded}) AS r ON r."key" = b._weir_identity`;
}

/**
 * SELECT of the staged rows of `stage` (a view over the spooled files) that
 * the target does not hold yet: every row off the saved cursor, and of the
 * rows at it, those beyond the count recorded for their identity. Which
 * copies of one identity are dropped does not matter: they are equal.
 */
export function keptRowsSql(plan: TWritePlan, cursor: number, stage: string, previous: string, recorded: string): string {
  const columns = [...plan.columns.map((_, i) => stageColumn(i)), WEIR_COLUMNS.extractedAt];
  return `SELECT ${columns.map((c) => `s.${c}`).join(", ")} FROM ${stage} AS s WHERE NOT coalesce(${stagedAt(plan, cursor, "s", previous)}, false)
UNION ALL
SELECT ${columns.join(", ")} FROM (${boundaryRowsSql(plan, cursor, stage, previous, recorded, "")}) WHERE _weir_n > _weir_recorded`;
}

/** DELETE of the staged rows of `stage` (a TEMP table) that the target already holds, the first arrivals of each identity. */
export function dropHeldRowsSql(plan: TWritePlan, cursor: number, stage: string, previous: string, recorded: string): string {
  return `DELETE FROM ${stage} WHERE rowid IN (
  SELECT _weir_rowid FROM (${boundaryRowsSql(plan, cursor, `(SELECT rowid AS _weir_rowid, * FROM ${stage})`, previous, recorded, " ORDER BY s._weir_rowid")})
  WHERE _weir_n <= _weir_recorded)`;
}

/**
 * The statements replacing the stream's boundary once the rows are applied,
 * as the contract says: when the cursor did not move, each identity counts
 * the recorded rows plus those this commit added (incremental modes, whose
 * rows at the boundary were filtered) or the larger of the two (a full
 * refresh append, which loads every row again); when it moved, and after an
 * overwrite (whose table holds only its own rows), only the rows this commit
 * added at the new cursor. Those are read from the target: this run's
 * rows whose cursor equals the new one. `recorded` ("key", "count") is the
 * boundary at `previous`, needed only when the cursor did not move.
 */
export function replaceBoundarySql(plan: TWritePlan, cursor: number, next: string, previous: string | null, recorded: string | null): string[] {
  const target = qualified(plan.namespace, plan.table);
  const committed = `SELECT ${targetIdentitySql(plan, "t")} AS "key", count(*) AS "count" FROM ${target} AS t
  WHERE t.${ident(WEIR_COLUMNS.runId)} = ${sqlString(plan.runId)} AND ${storedAt(plan, cursor, "t", next)}
  GROUP BY 1`;
  const combine = plan.mode.startsWith("incremental") ? "sum" : "max";
  const own = previous !== next || !recorded || plan.mode === "full_refresh_overwrite"; // an overwritten table holds only this run's rows
  const counts = own ? committed : `SELECT "key", ${combine}("count") AS "count" FROM (${recorded} UNION ALL ${committed}) GROUP BY 1`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${ident(NEXT_BOUNDARY)} AS ${counts}`,
    `DELETE FROM ${LEDGER_KEYS} WHERE ${streamKeys(plan.connectionId, plan.stream, "boundary")}`,
    `INSERT INTO ${LEDGER_KEYS} ("connection_id", "stream", "kind", "cursor", "key", "count")
SELECT ${sqlString(plan.connectionId)}, ${sqlString(plan.stream)}, 'boundary', ${sqlString(next)}, "key", "count" FROM temp.main.${ident(NEXT_BOUNDARY)}`,
    `DROP TABLE temp.main.${ident(NEXT_BOUNDARY)}`,
  ];
}
