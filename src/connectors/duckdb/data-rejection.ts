/**
 * After a commit failed on a value (a DuckDB conversion error, or one of
 * from-wire-sql.ts's refusals), finds the first staged row holding a value
 * the plan's columns refuse and says which: DATA_REJECTED naming the
 * stream, the column, the row's key (primary key values as `id=42`, else
 * the cursor value, else its position in the staged rows) and the value (at
 * most 200 characters). DuckDB's own error names neither row nor column, and
 * the load path stays free of per-row bookkeeping: this runs only on
 * failure, one scan of the staged rows. Pure, but for the queries the
 * session runs.
 */
import type { TWritePlan } from "@/connectors/types";
import { weirTypeName } from "@/connectors/type-widening";
import { fromWireSql, refusedSql } from "@/connectors/duckdb/from-wire-sql";
import { sqlString } from "@/connectors/duckdb/sql-text";
import { stageColumn } from "@/connectors/duckdb/stage-sql";
import { AppError } from "@/lib/app-error";

const MAX_VALUE = 200;
/** Longest value read back to learn why it is refused (the message shows MAX_VALUE characters of it). */
export const MAX_PROBED_VALUE = 10_000;

/** Plan columns that identify a row in messages: the primary key, else the cursor, else none (its position then). */
function keyColumns(plan: TWritePlan): number[] {
  const keys = plan.primaryKey.map((name) => plan.columns.findIndex((c) => c.name === name));
  if (keys.length && keys.every((k) => k >= 0)) return keys;
  const cursor = plan.cursorField ? plan.columns.findIndex((c) => c.name === plan.cursorField) : -1;
  return cursor >= 0 ? [cursor] : [];
}

/**
 * One row or none: the plan index of the first refused column of the first
 * refused staged row, its 1-based position, the value (cut after
 * MAX_PROBED_VALUE characters) and the key columns' staged text.
 */
export function firstRefusedSql(plan: TWritePlan, stage: string): string {
  const refused = plan.columns.map((c, i) => `(s.${stageColumn(i)} IS NOT NULL AND ${refusedSql(`s.${stageColumn(i)}`, c.type)})`);
  const which = `CASE ${refused.map((r, i) => `WHEN ${r} THEN ${i}`).join(" ")} END`;
  const value = `CASE weir_column ${plan.columns.map((_, i) => `WHEN ${i} THEN left(s.${stageColumn(i)}, ${MAX_PROBED_VALUE + 1})`).join(" ")} END`;
  const keys = keyColumns(plan).map((k) => `s.${stageColumn(k)}`);
  return `SELECT weir_column, weir_position, ${value}, ${[...keys, "NULL"].join(", ")}
FROM (SELECT *, ${which} AS weir_column, row_number() OVER () AS weir_position FROM ${stage} AS s) AS s
WHERE weir_column IS NOT NULL ORDER BY weir_position LIMIT 1`;
}

/** The strict conversion of one value, run alone to learn why it is refused (its error's message). */
export function reasonSql(plan: TWritePlan, column: number, value: string): string {
  const col = plan.columns[column]!;
  return `SELECT ${fromWireSql(sqlString(value), col.type, JSON.stringify(col.name))}`;
}

function quoted(value: string): string {
  return value.length > MAX_VALUE ? `${JSON.stringify(value.slice(0, MAX_VALUE))}…` : JSON.stringify(value);
}

/** The reason in a conversion's error message: from-wire-sql.ts's own without column and value, DuckDB's without its class. */
function reasonText(message: string, column: string, value: string): string {
  const own = `Invalid Input Error: Column ${JSON.stringify(column)}: `;
  const firstLine = (text: string) => (text.split("\n")[0] ?? "").slice(0, 300);
  if (!message.startsWith(own)) {
    // DuckDB's own cast errors quote the value, which the message shows already.
    const bare = message
      .replace(/^[A-Za-z ]+ Error: /, "")
      .replace(`'${value}' `, "")
      .replace(`"${value}" `, "");
    return firstLine(bare);
  }
  const reason = message.slice(own.length);
  const suffix = `: ${value.slice(0, MAX_VALUE)}`;
  return reason.endsWith(suffix) ? reason.slice(0, -suffix.length) : firstLine(reason);
}

/** The DATA_REJECTED error of a row of firstRefusedSql, with `reason` (DuckDB's message for the value, when known). */
export function rejection(plan: TWritePlan, row: unknown[], reason: string | null): AppError {
  const [column, position, value, ...keyValues] = row;
  const index = Number(column);
  const name = plan.columns[index]!.name;
  const keys = keyColumns(plan);
  const key = keys.length
    ? keys.map((k, i) => `${plan.columns[k]!.name}=${keyValues[i] === null || keyValues[i] === undefined ? "NULL" : String(keyValues[i])}`).join(", ")
    : `at position ${Number(position)} of the staged rows`;
  const why = reason === null ? null : reasonText(reason, name, String(value));
  return new AppError(
    "DATA_REJECTED",
    `DuckDB destination: ${plan.stream}: column "${name}" (${weirTypeName(plan.columns[index]!.type)}) cannot hold the value ${quoted(String(value))} of the row ${key}` +
      `${why ? ` (${why})` : ""}. Nothing was committed. Correct the value at the source, or change the column's type there; retrying the same data fails the same way.`,
    { stream: plan.stream, column: name, row: key },
  );
}
