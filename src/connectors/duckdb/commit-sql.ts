/**
 * SQL applying an attempt's staged rows to the target table, by sync mode.
 * The session runs these statements in one transaction together with the
 * ledger insert, so the target changes completely or not at all. Staged
 * wire text is converted to the column types here (type-mapping.ts); a
 * value that does not convert fails the statement and so the commit.
 *
 * - full_refresh_overwrite: a new table with the target's columns (same
 *   names, types and order, so propagated and dropped source columns stay)
 *   is filled, then the target is dropped and the new table renamed into
 *   its place.
 * - appends: one INSERT … SELECT.
 * - incremental_dedup: the staged rows are first reduced to one per primary
 *   key (newest cursor, then latest arrival), then target rows with those
 *   keys are deleted unless their cursor is newer, and the staged rows whose
 *   key no longer has a row are inserted. Target tables carry no PRIMARY KEY
 *   constraint: DuckDB's ART index would cost memory and load time on every
 *   table, and INSERT … ON CONFLICT / MERGE would need one; keys are compared
 *   with IS NOT DISTINCT FROM, so a NULL key part matches itself.
 * Pure string building.
 */
import type { TColumn, TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { fromWireSql } from "@/connectors/duckdb/type-mapping";
import { ident, qualified, sqlString, sqlStringOrNull } from "@/connectors/duckdb/sql-text";
import { STAGE_EXTRACTED_AT, stageColumn, stageRef } from "@/connectors/duckdb/stage-sql";
import { AppError } from "@/lib/app-error";

/** The temporary table holding the deduplicated, typed staged rows during a dedup commit. */
const MERGE_TABLE = "_weir_merge";

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
function cursorIndex(plan: TWritePlan): number | undefined {
  if (!plan.cursorField) return undefined;
  if (!plan.mode.startsWith("incremental") && !plan.columns.some((c) => c.name === plan.cursorField)) return undefined;
  return columnIndexes(plan, [plan.cursorField], "cursor field")[0];
}

/** The typed value of staged column `index`, read through `alias`. */
function typed(column: TColumn, index: number, alias: string): string {
  return fromWireSql(`${alias}.${stageColumn(index)}`, column.type, JSON.stringify(column.name));
}

/** Target columns written by a load: the plan's, then Weir's. */
function targetColumns(plan: TWritePlan): string {
  return [...plan.columns.map((c) => c.name), WEIR_COLUMNS.runId, WEIR_COLUMNS.extractedAt, WEIR_COLUMNS.stream].map(ident).join(", ");
}

/** The values of targetColumns from `values` (one expression per plan column) and the staged extraction time of `alias`. */
function targetValues(plan: TWritePlan, values: string[], alias: string): string {
  return [...values, sqlString(plan.runId), `${alias}.${STAGE_EXTRACTED_AT}`, sqlString(plan.stream)].join(", ");
}

/** INSERT of every staged row, converted, into `table`. */
function insertStaged(plan: TWritePlan, stage: string, table: string): string {
  const values = plan.columns.map((c, i) => typed(c, i, "s"));
  return `INSERT INTO ${table} (${targetColumns(plan)}) SELECT ${targetValues(plan, values, "s")} FROM ${stageRef(stage)} AS s`;
}

function overwriteSql(plan: TWritePlan, stage: string): string[] {
  const target = qualified(plan.namespace, plan.table);
  const replacement = `_weir_new_${stage.slice("_weir_stage_".length)}`;
  const fresh = qualified(plan.namespace, replacement);
  return [
    `CREATE TABLE ${fresh} AS SELECT * FROM ${target} LIMIT 0`,
    insertStaged(plan, stage, fresh),
    `DROP TABLE ${target}`,
    `ALTER TABLE ${fresh} RENAME TO ${ident(plan.table)}`,
  ];
}

function dedupSql(plan: TWritePlan, stage: string): string[] {
  if (!plan.primaryKey.length) throw new AppError("BAD_INPUT", `DuckDB destination: ${plan.stream} is incremental_dedup but has no primary key.`);
  const target = qualified(plan.namespace, plan.table);
  const keys = columnIndexes(plan, plan.primaryKey, "primary key column");
  const cursor = cursorIndex(plan);
  const typedColumns = plan.columns.map((c, i) => `${typed(c, i, "s")} AS ${stageColumn(i)}`);
  const order = [...(cursor === undefined ? [] : [`${stageColumn(cursor)} DESC NULLS LAST`]), "_weir_seq DESC"].join(", ");
  const sameKey = keys.map((k) => `t.${ident(plan.columns[k]!.name)} IS NOT DISTINCT FROM m.${stageColumn(k)}`).join(" AND ");
  const notNewer =
    cursor === undefined ? "" : ` AND (t.${ident(plan.columns[cursor]!.name)} IS NULL OR m.${stageColumn(cursor)} IS NULL OR t.${ident(plan.columns[cursor]!.name)} <= m.${stageColumn(cursor)})`;
  const merged = `temp.main.${ident(MERGE_TABLE)}`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${ident(MERGE_TABLE)} AS
SELECT ${[...plan.columns.map((_, i) => stageColumn(i)), STAGE_EXTRACTED_AT].join(", ")}
FROM (SELECT ${[...typedColumns, STAGE_EXTRACTED_AT, "s.rowid AS _weir_seq"].join(", ")} FROM ${stageRef(stage)} AS s)
QUALIFY row_number() OVER (PARTITION BY ${keys.map(stageColumn).join(", ")} ORDER BY ${order}) = 1`,
    `DELETE FROM ${target} AS t USING ${merged} AS m WHERE ${sameKey}${notNewer}`,
    `INSERT INTO ${target} (${targetColumns(plan)})
SELECT ${targetValues(plan, plan.columns.map((_, i) => `m.${stageColumn(i)}`), "m")} FROM ${merged} AS m
WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${sameKey})`,
    `DROP TABLE ${merged}`,
  ];
}

/** The statements applying the staged rows of `stage` to the plan's target table. */
export function applySql(plan: TWritePlan, stage: string): string[] {
  switch (plan.mode) {
    case "full_refresh_overwrite":
      return overwriteSql(plan, stage);
    case "full_refresh_append":
    case "incremental_append":
      return [insertStaged(plan, stage, qualified(plan.namespace, plan.table))];
    case "incremental_dedup":
      return dedupSql(plan, stage);
  }
}

/** Whether the commit must scan the staged rows for the state: a cursor to advance. */
export function needsStateScan(plan: TWritePlan): boolean {
  return cursorIndex(plan) !== undefined;
}

/**
 * One row: the new state cursor as wire text and the staged row count. The
 * cursor is the staged text of the row with the largest converted cursor
 * (so it is exactly what the source wrote), unless `previous` converts to a
 * larger value; NULL when neither exists.
 */
export function stateSql(plan: TWritePlan, stage: string, previous: string | null): string {
  const index = cursorIndex(plan);
  if (index === undefined) return `SELECT ${sqlStringOrNull(previous)}, count(*) FROM ${stageRef(stage)}`;
  const column = plan.columns[index]!;
  const convert = (expr: string) => fromWireSql(expr, column.type, JSON.stringify(column.name));
  const staged = `s.${stageColumn(index)}`;
  return `SELECT CASE WHEN weir_prev IS NULL THEN weir_max WHEN weir_max IS NULL THEN weir_prev
  WHEN ${convert("weir_max")} > ${convert("weir_prev")} THEN weir_max ELSE weir_prev END, weir_rows
FROM (SELECT arg_max(${staged}, ${convert(staged)}) AS weir_max, count(*) AS weir_rows, ${sqlStringOrNull(previous)} AS weir_prev FROM ${stageRef(stage)} AS s)`;
}
