/**
 * The statements of a commit: staged wire text → typed rows → target, by
 * sync mode, plus the stream's new cursor and the ledger row. Pure: each
 * function returns SQL text with `?` binds (noted per function). Everything
 * runs set-based in Snowflake; no row reaches JavaScript.
 *
 * Staged rows are read from a relation with the staging table's columns:
 * the staging table itself, or (incremental modes) the rows left after the
 * cursor boundary drops what the target already holds (boundary-sql.ts).
 * The typed view of them names its columns positionally (V1…Vn, then
 * X_EXTRACTED_AT, X_FILE and X_ROW), so no source column name can clash
 * with the machinery, and every conversion is written once. Cursors compare
 * by value (cursor-order.ts).
 */
import { cursorValueSql, storedCursorSql } from "@/connectors/snowflake/cursor-order";
import { LEDGER, WEIR_SCHEMA, qualified, quoteIdent, sqlString } from "@/connectors/snowflake/identifiers";
import { STAGE_EXTRACTED_AT, STAGE_FILE, STAGE_ROW, WEIR_COLUMN_DEFS, stageColumn } from "@/connectors/snowflake/load-sql";
import { castFromWire } from "@/connectors/snowflake/type-mapping";
import type { TColumn } from "@/connectors/types";

/** What the commit statements need to know about a stream (Weir names; quoting folds them). */
export type TApplyTarget = {
  schema: string;
  table: string;
  /** The staging table in _WEIR. */
  stage: string;
  columns: readonly TColumn[];
  primaryKey: readonly string[];
  cursorField?: string;
  /** Written into _weir_run_id and _weir_stream of every row. */
  runId: string;
  stream: string;
};

export const typedName = (index: number) => `"V${index + 1}"`;

/** The staging table as the relation of staged rows. */
export const stagedRows = (t: Pick<TApplyTarget, "stage">) => qualified(WEIR_SCHEMA, t.stage);

function indexOfColumn(t: TApplyTarget, name: string): number {
  const i = t.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`column "${name}" is not a column of the stream`); // callers validate plans first
  return i;
}

/** The staged rows (`rows`: a relation with the staging table's columns) with every column converted to its target type. */
export function typedStageSql(t: TApplyTarget, rows = stagedRows(t)): string {
  const casts = t.columns.map((c, i) => `${castFromWire(`s.${quoteIdent(stageColumn(i))}`, c.type, c.castFrom)} AS ${typedName(i)}`);
  return `SELECT ${[...casts, `s."${STAGE_EXTRACTED_AT}"`, `s."${STAGE_FILE}"`, `s."${STAGE_ROW}"`].join(", ")} FROM ${rows} AS s`;
}

/** The target's column list of an INSERT: the source columns, then Weir's. */
export function insertColumnsSql(t: TApplyTarget): string {
  return [...t.columns.map((c) => quoteIdent(c.name)), ...WEIR_COLUMN_DEFS.map((c) => quoteIdent(c.name))].join(", ");
}

/** Weir's columns' values for typed rows aliased `alias`, in WEIR_COLUMN_DEFS' order (run id and stream as literals). */
export function weirValues(t: TApplyTarget, alias: string): string[] {
  return [sqlString(t.runId), `${alias}."${STAGE_EXTRACTED_AT}"`, sqlString(t.stream)];
}

/** The values of an INSERT from typed rows aliased `alias`, in insertColumnsSql's order. */
function insertValues(t: TApplyTarget, alias: string): string[] {
  return [...t.columns.map((_, i) => `${alias}.${typedName(i)}`), ...weirValues(t, alias)];
}

/** Appends the staged rows to the target. */
export function insertStagedSql(t: TApplyTarget, rows = stagedRows(t)): string {
  return `INSERT INTO ${qualified(t.schema, t.table)} (${insertColumnsSql(t)}) SELECT ${insertValues(t, "typed").join(", ")} FROM (${typedStageSql(t, rows)}) AS typed`;
}

/**
 * incremental_dedup in one MERGE. The newest staged row per key (cursor
 * descending by value, NULL cursors oldest; among equals the row read last:
 * the later file, then the later row in it) wins unless the target already
 * holds a newer cursor for that key (a re-sent old version never replaces a
 * newer one; on equal cursors, NULL ones included, the new load wins).
 * QUALIFY leaves one source row per key, so the MERGE is deterministic.
 * Nullable key columns match with IS NOT DISTINCT FROM (a NULL key part
 * matches another NULL, as QUALIFY's partitions do); others with `=`.
 */
export function mergeStagedSql(t: TApplyTarget, rows = stagedRows(t)): string {
  const keyIndexes = t.primaryKey.map((k) => indexOfColumn(t, k));
  const cursorIndex = t.cursorField === undefined ? undefined : indexOfColumn(t, t.cursorField);
  const cursorType = cursorIndex === undefined ? undefined : t.columns[cursorIndex]!.type;
  const order = [
    ...(cursorIndex === undefined ? [] : [`${storedCursorSql(`typed.${typedName(cursorIndex)}`, cursorType!)} DESC NULLS LAST`]),
    `typed."${STAGE_FILE}" DESC`,
    `typed."${STAGE_ROW}" DESC`,
  ];
  const fresh = `SELECT typed.* FROM (${typedStageSql(t, rows)}) AS typed QUALIFY ROW_NUMBER() OVER (PARTITION BY ${keyIndexes.map((i) => `typed.${typedName(i)}`).join(", ")} ORDER BY ${order.join(", ")}) = 1`;
  const match = t.primaryKey
    .map((k, j) => {
      const i = keyIndexes[j]!;
      return `old.${quoteIdent(k)} ${t.columns[i]!.nullable ? "IS NOT DISTINCT FROM" : "="} fresh.${typedName(i)}`;
    })
    .join(" AND ");
  let notOlder = "";
  if (cursorIndex !== undefined) {
    const old = `old.${quoteIdent(t.cursorField!)}`;
    const mine = `fresh.${typedName(cursorIndex)}`;
    notOlder = ` AND NOT (${old} IS NOT NULL AND (${mine} IS NULL OR ${storedCursorSql(old, cursorType!)} > ${storedCursorSql(mine, cursorType!)}))`;
  }
  const targets = [...t.columns.map((c) => quoteIdent(c.name)), ...WEIR_COLUMN_DEFS.map((c) => quoteIdent(c.name))];
  const values = insertValues(t, "fresh");
  // The key columns are equal on a match; they stay out of SET (some engines refuse to update what ON compares).
  const keys = new Set(t.primaryKey.map((k) => quoteIdent(k)));
  const sets = targets.flatMap((column, i) => (keys.has(column) ? [] : [`${column} = ${values[i]}`])).join(", ");
  return (
    `MERGE INTO ${qualified(t.schema, t.table)} AS old USING (${fresh}) AS fresh ON ${match}` +
    ` WHEN MATCHED${notOlder} THEN UPDATE SET ${sets}` +
    ` WHEN NOT MATCHED THEN INSERT (${targets.join(", ")}) VALUES (${values.join(", ")})`
  );
}

/**
 * The stream's new cursor as wire text: of the staged cursor values and the
 * previous cursor, the largest by value (cursor-order.ts), returned as the
 * text the source sent (no formatting round trip). On a tie the previous
 * cursor's text stays ('10.0' after '10' leaves the state at '10', so the
 * boundary recorded at it still applies). Binds: the previous cursor (wire
 * text or NULL). A staged value that is no value of the type is left out
 * here; the statement that applies the rows fails on it.
 */
export function newCursorSql(t: TApplyTarget): string {
  const i = indexOfColumn(t, t.cursorField ?? "");
  const type = t.columns[i]!.type;
  const text = `s.${quoteIdent(stageColumn(i))}`;
  const staged = `SELECT ${text} AS "W", ${cursorValueSql(text, type)} AS "V", 0 AS "P" FROM ${qualified(WEIR_SCHEMA, t.stage)} AS s`;
  const previous = `SELECT p."W", ${cursorValueSql('p."W"', type)} AS "V", 1 AS "P" FROM (SELECT CAST(? AS VARCHAR) AS "W") AS p`;
  return `SELECT c."W" FROM (${staged} UNION ALL ${previous}) AS c WHERE c."V" IS NOT NULL ORDER BY c."V" DESC, c."P" DESC, c."W" DESC LIMIT 1`;
}

/**
 * full_refresh_overwrite in one statement: the target replaced by a new
 * table of the staged rows, atomically (readers see the old rows or the new,
 * never an empty table), keeping the target's grants. `layout` is the new
 * table's select list over the typed rows aliased `typed` (type-changes.ts:
 * the stored columns in their order, with the plan's types).
 */
export function replaceWithStagedSql(t: TApplyTarget, layout: readonly string[]): string {
  return `CREATE OR REPLACE TABLE ${qualified(t.schema, t.table)} COPY GRANTS AS SELECT ${layout.join(", ")} FROM (${typedStageSql(t)}) AS typed`;
}

/** Binds: connection id, stream, run id, attempt, state cursor, rows, committed at (ISO). */
export const INSERT_LEDGER_SQL = `INSERT INTO ${LEDGER} ("CONNECTION_ID", "STREAM", "RUN_ID", "ATTEMPT", "STATE_CURSOR", "ROWS", "COMMITTED_AT") SELECT ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP_TZ(6))`;

/** The newest ledger row of a stream. Binds: connection id, stream. */
export const LAST_LEDGER_SQL = `SELECT "CONNECTION_ID", "STREAM", "RUN_ID", "ATTEMPT", "STATE_CURSOR", "ROWS", "COMMITTED_AT" FROM ${LEDGER}
  WHERE "CONNECTION_ID" = ? AND "STREAM" = ? ORDER BY "ID" DESC LIMIT 1`;
