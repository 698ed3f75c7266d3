/**
 * SQL of the cursor boundary (TDestinationSession.commitStream): incremental
 * sources read cursor >= the saved one, so the rows at exactly that value
 * come again, and the commit drops those it already holds, counted by row
 * identity, before they reach the target. While a stream has no cursor yet
 * (every cursor so far NULL, each read a full read) the NULL cursor is the
 * boundary: `cursorText` null below means "at NULL".
 *
 * A row's identity is the md5 of the JSON array of the wire text of its
 * identity columns (the plan columns the boundary was recorded over, in that
 * order; JSON null for NULL, so NULL differs from every text). The text is
 * the canonical one read back from the typed value (to-wire-sql.ts), on both
 * sides: staged rows are converted and read back, target rows are read back.
 * So identities of staged and committed rows compare, and the new boundary
 * of an append can be read from the target (the rows this run committed at
 * the cursor, found by the cursor column's zone maps) instead of a second
 * pass over the spooled files.
 *
 * Nothing here runs unless staged rows sit at the saved cursor (the state
 * aggregate counts them) or the cursor moved. Pure string building.
 */
import type { TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { cursorKeySql, storedCursorKeySql } from "@/connectors/duckdb/cursor-sql";
import { fromWireSql } from "@/connectors/duckdb/from-wire-sql";
import { LEDGER_KEYS, insertBoundaryColumnsSql, streamKeys } from "@/connectors/duckdb/ledger-keys";
import { ident, qualified, sqlString, sqlStringOrNull } from "@/connectors/duckdb/sql-text";
import { stageColumn } from "@/connectors/duckdb/stage-sql";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";

/** The plan column indexes a boundary's identities are hashed over, in order. */
export type TIdentityColumns = readonly number[];

/** A boundary to filter staged rows with: a relation of ("key", "count") and the columns its keys were hashed over. */
export type TRecordedBoundary = { relation: string; identity: TIdentityColumns };

/** The temporary table holding the new boundary while it replaces the recorded one. */
const NEXT_BOUNDARY = "_weir_boundary";

/** Every plan column, in plan order: the identity of a boundary recorded now. */
export const planIdentity = (plan: TWritePlan): TIdentityColumns => plan.columns.map((_, i) => i);

function identitySql(wireTexts: string[]): string {
  return `md5(CAST(to_json(list_value(${wireTexts.join(", ")})) AS VARCHAR))`;
}

/** The identity of a staged row read through `alias`. */
export function stagedIdentitySql(plan: TWritePlan, alias: string, identity = planIdentity(plan)): string {
  return identitySql(
    identity.map((i) => {
      const c = plan.columns[i]!;
      return toWireSql(fromWireSql(`${alias}.${stageColumn(i)}`, c.type, JSON.stringify(c.name)), c.type);
    }),
  );
}

/** The identity of a target row read through `alias`. */
export function targetIdentitySql(plan: TWritePlan, alias: string, identity = planIdentity(plan)): string {
  return identitySql(identity.map((i) => toWireSql(`${alias}.${ident(plan.columns[i]!.name)}`, plan.columns[i]!.type)));
}

/** Whether the staged cursor (plan column `cursor`) read through `alias` is at `cursorText` (NULL when null), compared as values. */
function stagedAt(plan: TWritePlan, cursor: number, alias: string, cursorText: string | null): string {
  const { type } = plan.columns[cursor]!;
  const staged = `${alias}.${stageColumn(cursor)}`;
  return cursorText === null ? `${staged} IS NULL` : `${cursorKeySql(staged, type)} = ${cursorKeySql(sqlString(cursorText), type)}`;
}

/** Whether the stored cursor of a target row read through `alias` is at `cursorText` (NULL when null), compared as values (a constant DuckDB's zone maps use). */
function storedAt(plan: TWritePlan, cursor: number, alias: string, cursorText: string | null): string {
  const { name, type } = plan.columns[cursor]!;
  const stored = `${alias}.${ident(name)}`;
  return cursorText === null ? `${stored} IS NULL` : `${storedCursorKeySql(stored, type)} = ${cursorKeySql(sqlString(cursorText), type)}`;
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

/** The staged rows at `cursorText` counted by identity over `identity`: as the boundary, one holding every one of them. */
export function stagedBoundarySql(plan: TWritePlan, cursor: number, stage: string, cursorText: string | null, identity = planIdentity(plan)): string {
  return `SELECT ${stagedIdentitySql(plan, "s", identity)} AS "key", count(*) AS "count" FROM ${stage} AS s WHERE ${stagedAt(plan, cursor, "s", cursorText)} GROUP BY 1`;
}

/** Staged rows at the saved cursor, each numbered within its identity, beside the count the recorded boundary holds for that identity. */
function boundaryRowsSql(
  plan: TWritePlan,
  cursor: number,
  stage: string,
  previous: string | null,
  recorded: TRecordedBoundary,
  rowNumberOrder: string,
): string {
  const identity = stagedIdentitySql(plan, "s", recorded.identity);
  return `SELECT b.*, coalesce(r."count", 0) AS _weir_recorded FROM (
  SELECT s.*, ${identity} AS _weir_identity, row_number() OVER (PARTITION BY ${identity}${rowNumberOrder}) AS _weir_n
  FROM ${stage} AS s WHERE ${stagedAt(plan, cursor, "s", previous)}) AS b
LEFT JOIN (${recorded.relation}) AS r ON r."key" = b._weir_identity`;
}

/**
 * SELECT of the staged rows of `stage` (a view over the spooled files) that
 * the target does not hold yet: every row off the saved cursor, and of the
 * rows at it, those beyond the count recorded for their identity. Which
 * copies of one identity are dropped does not matter: they are equal.
 */
export function keptRowsSql(plan: TWritePlan, cursor: number, stage: string, previous: string | null, recorded: TRecordedBoundary): string {
  const columns = [...plan.columns.map((_, i) => stageColumn(i)), WEIR_COLUMNS.extractedAt];
  return `SELECT ${columns.map((c) => `s.${c}`).join(", ")} FROM ${stage} AS s WHERE NOT coalesce(${stagedAt(plan, cursor, "s", previous)}, false)
UNION ALL
SELECT ${columns.join(", ")} FROM (${boundaryRowsSql(plan, cursor, stage, previous, recorded, "")}) WHERE _weir_n > _weir_recorded`;
}

/** DELETE of the staged rows of `stage` (a TEMP table) that the target already holds, the first arrivals of each identity. */
export function dropHeldRowsSql(plan: TWritePlan, cursor: number, stage: string, previous: string | null, recorded: TRecordedBoundary): string {
  return `DELETE FROM ${stage} WHERE rowid IN (
  SELECT _weir_rowid FROM (${boundaryRowsSql(plan, cursor, `(SELECT rowid AS _weir_rowid, * FROM ${stage})`, previous, recorded, " ORDER BY s._weir_rowid")})
  WHERE _weir_n <= _weir_recorded)`;
}

/** Where this commit's rows at the new cursor are counted: the target (appends, overwrite), or the staged table (dedup, whose merge keeps one row per key). */
export type TBoundarySource = { from: "target" } | { from: "stage"; stage: string };

/**
 * The statements replacing the stream's boundary once the rows are applied,
 * as the contract says: when the cursor did not move (and the mode is not
 * an overwrite, whose table holds only its own rows), each identity counts
 * the larger of the recorded and the staged rows, over the recorded
 * identity columns; otherwise the staged rows at the new cursor, over the
 * plan's columns. Appends count them among this run's rows in the target:
 * the rows at the boundary that were filtered are the recorded ones, so
 * recorded + committed is that larger count, and a full refresh append,
 * which loads every row again, takes the larger of the two. A dedup counts
 * its staged rows (their held rows at the saved cursor already deleted, so
 * again recorded + staged): its merge keeps one row per key, and the rows it
 * replaced come again at the next read. The columns the identities cover
 * are recorded beside them.
 */
export function replaceBoundarySql(
  plan: TWritePlan,
  cursor: number,
  next: string | null,
  previous: string | null,
  recorded: TRecordedBoundary | null,
  source: TBoundarySource,
): string[] {
  const own = previous !== next || !recorded || plan.mode === "full_refresh_overwrite";
  const identity = own ? planIdentity(plan) : recorded.identity;
  const thisRun =
    source.from === "stage"
      ? stagedBoundarySql(plan, cursor, source.stage, next, identity)
      : `SELECT ${targetIdentitySql(plan, "t", identity)} AS "key", count(*) AS "count" FROM ${qualified(plan.namespace, plan.table)} AS t
  WHERE t.${ident(WEIR_COLUMNS.runId)} = ${sqlString(plan.runId)} AND ${storedAt(plan, cursor, "t", next)}
  GROUP BY 1`;
  const combine = plan.mode.startsWith("incremental") ? "sum" : "max";
  const counts = own ? thisRun : `SELECT "key", ${combine}("count") AS "count" FROM (${recorded.relation} UNION ALL ${thisRun}) GROUP BY 1`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${ident(NEXT_BOUNDARY)} AS ${counts}`,
    `DELETE FROM ${LEDGER_KEYS} WHERE ${streamKeys(plan.connectionId, plan.stream, "boundary", "boundary-columns")}`,
    `INSERT INTO ${LEDGER_KEYS} ("connection_id", "stream", "kind", "cursor", "key", "count")
SELECT ${sqlString(plan.connectionId)}, ${sqlString(plan.stream)}, 'boundary', ${sqlStringOrNull(next)}, "key", "count" FROM temp.main.${ident(NEXT_BOUNDARY)}`,
    insertBoundaryColumnsSql(
      plan.connectionId,
      plan.stream,
      next,
      identity.map((i) => plan.columns[i]!),
    ),
    `DROP TABLE temp.main.${ident(NEXT_BOUNDARY)}`,
  ];
}
