/**
 * SQL applying an attempt's staged rows to the target table, by sync mode.
 * The session runs these statements in one transaction together with the
 * target's DDL (target-ddl.ts), the boundary and the ledger insert, so the
 * target changes completely or not at all. Staged wire text is converted to
 * the column types here (from-wire-sql.ts); a value that does not convert
 * fails the statement and so the commit.
 *
 * - full_refresh_overwrite: a new table with the stored columns and the
 *   plan's types is filled, then the target is dropped and the new table
 *   renamed into its place.
 * - appends: one INSERT … SELECT.
 * - incremental_dedup: the staged rows are first reduced to one per primary
 *   key (newest cursor, then latest arrival), then target rows with those
 *   keys are deleted unless their cursor is newer, and the staged rows whose
 *   key no longer has a row are inserted. Cursors compare by value
 *   (cursor-sql.ts): an unconstrained numeric is stored as text, and as text
 *   '9' sorts after '10'. Target tables carry no PRIMARY KEY
 *   constraint: DuckDB's ART index would cost memory and load time on every
 *   table, and INSERT … ON CONFLICT / MERGE would need one; keys are compared
 *   with IS NOT DISTINCT FROM, so a NULL key part matches itself.
 * Pure string building.
 */
import type { TColumn, TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { cursorKeySql, storedCursorKeySql } from "@/connectors/duckdb/cursor-sql";
import { type TConversionMode, fromWireSql } from "@/connectors/duckdb/from-wire-sql";
import { ident, qualified, sqlString, sqlStringOrNull } from "@/connectors/duckdb/sql-text";
import { STAGE_EXTRACTED_AT, stageColumn } from "@/connectors/duckdb/stage-sql";
import { type TStoredColumn, overwriteTableSql, targetDdl } from "@/connectors/duckdb/target-ddl";
import { AppError } from "@/lib/app-error";

/** The temporary table holding the deduplicated, typed staged rows during a dedup commit. */
const MERGE_TABLE = "_weir_merge";

/** A statement of the commit; `inserts` marks the one whose changed rows are the rows the target received. */
export type TCommitStatement = { sql: string; inserts?: true };

/** Plan column index of each name, or BAD_INPUT naming the one the plan lacks. */
function columnIndexes(plan: TWritePlan, names: string[], what: string): number[] {
  return names.map((name) => {
    const index = plan.columns.findIndex((c) => c.name === name);
    if (index < 0) throw new AppError("BAD_INPUT", `DuckDB destination: the ${what} "${name}" of ${plan.stream} is not one of its columns.`);
    return index;
  });
}

/**
 * The plan column of the cursor field. Incremental modes need it among the
 * columns; full refreshes record it in the state when it is there (so a
 * later switch to incremental continues from it) and do without otherwise.
 */
export function cursorIndex(plan: TWritePlan): number | undefined {
  if (!plan.cursorField) return undefined;
  if (!plan.mode.startsWith("incremental") && !plan.columns.some((c) => c.name === plan.cursorField)) return undefined;
  return columnIndexes(plan, [plan.cursorField], "cursor field")[0];
}

/** BAD_INPUT for a plan no commit could apply (a dedup without key, a key or cursor that is not a column). */
export function assertApplicable(plan: TWritePlan): void {
  cursorIndex(plan);
  if (plan.mode !== "incremental_dedup") return;
  if (!plan.primaryKey.length) throw new AppError("BAD_INPUT", `DuckDB destination: ${plan.stream} is incremental_dedup but has no primary key.`);
  columnIndexes(plan, plan.primaryKey, "primary key column");
}

/** The typed value of staged column `index`, read through `alias`, converted in `mode` ("fast" first, see from-wire-sql.ts). */
function typed(column: TColumn, index: number, alias: string, mode: TConversionMode): string {
  return fromWireSql(`${alias}.${stageColumn(index)}`, column.type, JSON.stringify(column.name), mode);
}

/** Target columns written by a load: the plan's, then Weir's. */
function targetColumns(plan: TWritePlan): string {
  return [...plan.columns.map((c) => c.name), WEIR_COLUMNS.runId, WEIR_COLUMNS.extractedAt, WEIR_COLUMNS.stream].map(ident).join(", ");
}

/** The values of targetColumns from `values` (one expression per plan column) and the staged extraction time of `alias`. */
function targetValues(plan: TWritePlan, values: string[], alias: string): string {
  return [...values, sqlString(plan.runId), `${alias}.${STAGE_EXTRACTED_AT}`, sqlString(plan.stream)].join(", ");
}

/** INSERT of every row of `source` (staged text), converted, into `table`. */
function insertStaged(plan: TWritePlan, source: string, table: string, mode: TConversionMode): TCommitStatement {
  const values = plan.columns.map((c, i) => typed(c, i, "s", mode));
  return { sql: `INSERT INTO ${table} (${targetColumns(plan)}) SELECT ${targetValues(plan, values, "s")} FROM ${source} AS s`, inserts: true };
}

function overwriteSql(plan: TWritePlan, source: string, stored: readonly TStoredColumn[], replacement: string, mode: TConversionMode): TCommitStatement[] {
  const target = qualified(plan.namespace, plan.table);
  return [
    ...overwriteTableSql(plan, stored, replacement).map((sql) => ({ sql })),
    insertStaged(plan, source, qualified(plan.namespace, replacement), mode),
    { sql: `DROP TABLE IF EXISTS ${target}` },
    { sql: `ALTER TABLE ${qualified(plan.namespace, replacement)} RENAME TO ${ident(plan.table)}` },
  ];
}

function dedupSql(plan: TWritePlan, source: string, mode: TConversionMode): TCommitStatement[] {
  assertApplicable(plan);
  const target = qualified(plan.namespace, plan.table);
  const keys = columnIndexes(plan, plan.primaryKey, "primary key column");
  const cursor = cursorIndex(plan);
  // The merge table is narrow (the winning staged row, its key and cursor): wide typed rows, lists above all, would each take DuckDB blocks per column.
  const ranked = [...new Set([...keys, ...(cursor === undefined ? [] : [cursor])])];
  const typedRanked = ranked.map((i) => `${typed(plan.columns[i]!, i, "s", mode)} AS ${stageColumn(i)}`);
  // Typed cursors compare as they are; numerics stored as text by their exact key.
  const byValue = (expr: string) => (cursor === undefined ? expr : storedCursorKeySql(expr, plan.columns[cursor]!.type));
  const order = [...(cursor === undefined ? [] : [`${byValue(stageColumn(cursor))} DESC NULLS LAST`]), "_weir_seq DESC"].join(", ");
  const sameKey = keys.map((k) => `t.${ident(plan.columns[k]!.name)} IS NOT DISTINCT FROM m.${stageColumn(k)}`).join(" AND ");
  const targetCursor = cursor === undefined ? "" : `t.${ident(plan.columns[cursor]!.name)}`;
  const mergedCursor = cursor === undefined ? "" : `m.${stageColumn(cursor)}`;
  const notNewer =
    cursor === undefined ? "" : ` AND (${targetCursor} IS NULL OR ${mergedCursor} IS NULL OR ${byValue(targetCursor)} <= ${byValue(mergedCursor)})`;
  const merged = `temp.main.${ident(MERGE_TABLE)}`;
  const values = plan.columns.map((c, i) => (ranked.includes(i) ? `m.${stageColumn(i)}` : typed(c, i, "s", mode)));
  return [
    {
      sql: `CREATE OR REPLACE TEMP TABLE ${ident(MERGE_TABLE)} AS
SELECT ${[...ranked.map(stageColumn), "_weir_seq"].join(", ")}
FROM (SELECT ${[...typedRanked, "s.rowid AS _weir_seq"].join(", ")} FROM ${source} AS s)
QUALIFY row_number() OVER (PARTITION BY ${keys.map(stageColumn).join(", ")} ORDER BY ${order}) = 1`,
    },
    { sql: `DELETE FROM ${target} AS t USING ${merged} AS m WHERE ${sameKey}${notNewer}` },
    {
      sql: `INSERT INTO ${target} (${targetColumns(plan)})
SELECT ${targetValues(plan, values, "s")} FROM ${source} AS s JOIN ${merged} AS m ON s.rowid = m._weir_seq
WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${sameKey})`,
      inserts: true,
    },
    { sql: `DROP TABLE ${merged}` },
  ];
}

/**
 * The statements of a commit after the state scan: the target's DDL, then
 * the rows of `source` (the staged rows, or those the boundary keeps)
 * applied by mode. `stored` is the target's columns as they are (none when
 * it does not exist); an overwrite fills `replacement` and swaps it in.
 * `mode` is how staged text is converted (from-wire-sql.ts).
 */
export function applySql(
  plan: TWritePlan,
  source: string,
  stored: readonly TStoredColumn[],
  replacement: string,
  mode: TConversionMode = "strict",
): TCommitStatement[] {
  switch (plan.mode) {
    case "full_refresh_overwrite":
      return overwriteSql(plan, source, stored, replacement, mode);
    case "full_refresh_append":
    case "incremental_append":
      return [...targetDdl(plan, stored).map((sql) => ({ sql })), insertStaged(plan, source, qualified(plan.namespace, plan.table), mode)];
    case "incremental_dedup":
      return [...targetDdl(plan, stored).map((sql) => ({ sql })), ...dedupSql(plan, source, mode)];
  }
}

/** Whether the commit must scan the staged rows for the state: a cursor to advance. */
export function needsStateScan(plan: TWritePlan): boolean {
  return cursorIndex(plan) !== undefined;
}

/**
 * One row: the new state cursor as wire text, the staged row count, and how
 * many staged rows sit at the previous cursor (the boundary's work, usually
 * none; while there is no previous cursor, the rows whose cursor is NULL). The cursor is the staged text of the row with the largest
 * converted cursor (so it is exactly what the source wrote), unless
 * `previous` converts to a larger or equal value; NULL when neither exists.
 * Each staged cursor is converted once, by its comparable key (cursor-sql.ts).
 */
export function stateSql(plan: TWritePlan, stage: string, previous: string | null): string {
  const index = cursorIndex(plan);
  if (index === undefined) return `SELECT ${sqlStringOrNull(previous)}, count(*), 0 FROM ${stage}`;
  const column = plan.columns[index]!;
  const convert = (expr: string) => cursorKeySql(expr, column.type);
  const atPrevious = `count(*) FILTER (WHERE ${previous === null ? "weir_text IS NULL" : `weir_value = ${convert(sqlString(previous))}`})`;
  return `SELECT CASE WHEN weir_prev IS NULL THEN weir_max WHEN weir_max IS NULL THEN weir_prev
  WHEN ${convert("weir_max")} > ${convert("weir_prev")} THEN weir_max ELSE weir_prev END, weir_rows, weir_at_previous
FROM (SELECT arg_max(weir_text, weir_value) AS weir_max, count(*) AS weir_rows, ${atPrevious} AS weir_at_previous, ${sqlStringOrNull(previous)} AS weir_prev
  FROM (SELECT s.${stageColumn(index)} AS weir_text, ${convert(`s.${stageColumn(index)}`)} AS weir_value FROM ${stage} AS s))`;
}
