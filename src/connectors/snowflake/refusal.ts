/**
 * After a commit statement failed on a value (a data exception, SQLSTATE
 * class 22): which staged value it was, found with the TRY_ forms of the
 * same conversions in one query over the staging table, and the
 * DATA_REJECTED a person can act on: stream, column, the row's key (primary
 * key values like `id=42`, else the cursor value, else its position among
 * the staged rows), the value (at most 200 characters) and the rule.
 * Runs only on the failure path; the happy path pays nothing for it.
 */
import { refusalRules } from "@/connectors/snowflake/describe-type";
import { WEIR_SCHEMA, qualified, quoteIdent } from "@/connectors/snowflake/identifiers";
import { STAGE_FILE, STAGE_ROW, stageColumn } from "@/connectors/snowflake/load-sql";
import { VARCHAR_MAX, canRefuse, snowflakeType, tryCastFromWire } from "@/connectors/snowflake/type-mapping";
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** What refusal needs to know about the stream. */
export type TRefusalTarget = { stream: string; stage: string; columns: readonly TColumn[]; primaryKey: readonly string[]; cursorField?: string };

/** How many characters of a value a message shows. */
export const MAX_VALUE_CHARS = 200;

/** SQL true when the staged text `x` does not become the column's type (NULL stays NULL). */
function refused(x: string, { type, castFrom }: TColumn): string {
  if (canRefuse(type, castFrom)) return `(${x} IS NOT NULL AND ${tryCastFromWire(x, type, castFrom)} IS NULL)`;
  return `LENGTH(${x}) > ${type.kind === "uuid" ? 36 : VARCHAR_MAX}`;
}

/** The columns that name a row in a message: the primary key, else the cursor, else none (its position). */
function keyColumns(t: TRefusalTarget): string[] {
  if (t.primaryKey.length) return [...t.primaryKey];
  return t.cursorField ? [t.cursorField] : [];
}

/**
 * One row: the refused column's position, its text (201 characters, to tell
 * a longer one), the key texts, the row's position when there is no key.
 * `where`: only the staged rows (aliased `s`) it holds for.
 */
export function findRefusedSql(t: TRefusalTarget, where?: string): string {
  const staged = (i: number) => `s.${quoteIdent(stageColumn(i))}`;
  const checks = t.columns.map((c, i) => ({ i, test: refused(staged(i), c) }));
  const which = `CASE ${checks.map((c) => `WHEN ${c.test} THEN ${c.i}`).join(" ")} END`;
  const value = `CASE ${checks.map((c) => `WHEN ${c.test} THEN LEFT(${staged(c.i)}, ${MAX_VALUE_CHARS + 1})`).join(" ")} END`;
  const keys = keyColumns(t).map((k, j) => `${staged(t.columns.findIndex((c) => c.name === k))} AS "K${j}"`);
  const position = keys.length ? [] : [`ROW_NUMBER() OVER (ORDER BY s."${STAGE_FILE}", s."${STAGE_ROW}") AS "POS"`];
  const inner = `SELECT ${[`${which} AS "COL"`, `${value} AS "VAL"`, ...keys, ...position].join(", ")} FROM ${qualified(WEIR_SCHEMA, t.stage)} AS s${where ? ` WHERE ${where}` : ""}`;
  return `SELECT * FROM (${inner}) AS f WHERE f."COL" IS NOT NULL${keys.length ? "" : ' ORDER BY f."POS"'} LIMIT 1`;
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** `id=42`, `k1=1, k2=x`, `updated_at=2024-…`, or `at position 17 of the staged rows`. */
function rowName(t: TRefusalTarget, row: readonly unknown[]): string {
  const keys = keyColumns(t);
  if (!keys.length) return `at position ${String(row[2])} of the staged rows (the stream has no primary key or cursor to name it)`;
  return keys.map((k, j) => `${k}=${row[2 + j] === null || row[2 + j] === undefined ? "NULL" : short(String(row[2 + j]), 60)}`).join(", ");
}

/**
 * The DATA_REJECTED for the row findRefusedSql returned (columns COL, VAL,
 * then keys or position), or null when it found none (the failure was not
 * one of the staged values Weir can point at).
 */
export function refusalError(t: TRefusalTarget, row: readonly unknown[] | undefined, where: string): AppError | null {
  if (!row) return null;
  const column = t.columns[Number(row[0])];
  if (!column) return null;
  const text = String(row[1] ?? "");
  const value = short(text, MAX_VALUE_CHARS);
  const rowKey = rowName(t, row);
  const refuses = refusalRules(column.type);
  const kept = column.castFrom
    ? ` The source now sends ${weirTypeName(column.castFrom)}; the column keeps its type and takes only the values that fit it exactly.`
    : "";
  const rule = `${kept}${refuses?.length ? ` Refused in Snowflake: ${refuses.join("; ")}.` : ""}`;
  return new AppError(
    "DATA_REJECTED",
    `${where}, stream "${t.stream}": column "${column.name}" (${weirTypeName(column.type)}, stored as ${snowflakeType(column.type)}) cannot hold the value ${JSON.stringify(value)} of row ${rowKey}.${rule} ` +
      "Correct the value at the source, or select the column out of the stream, then sync again.",
    { column: column.name, rowKey, value },
  );
}
