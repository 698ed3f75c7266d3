/**
 * Where models are built: the destination's warehouse (DuckDB, PostgreSQL,
 * Snowflake). Node only sends SQL; each
 * build runs in one warehouse transaction:
 * - view: the view is (re)created;
 * - table: built under a temporary name, then swapped in, so a failed build
 *   leaves the previous table in place;
 * - incremental: the first build (or a rebuild after the relation became a
 *   view) is a table build; later builds render the model with
 *   `is_incremental()` true, and the new rows replace the rows with the same
 *   unique key (no key: they are appended).
 * A SQL error names the model, the line of the model's compiled SQL and the
 * warehouse's message.
 */
import { AppError } from "@/lib/app-error";

export type TMaterialization = "view" | "table" | "incremental";

/** What differs between warehouses in the SQL Weir writes: quoting, regex match, age of a timestamp in seconds. */
export type TDialect = {
  quote(identifier: string): string;
  /** True when `expr` contains a match of the regular expression `pattern` (a SQL string literal). */
  regexMatches(expr: string, pattern: string): string;
  /** Seconds from the timestamp `expr` to now. */
  secondsSince(expr: string): string;
  /** A SQL string literal. */
  literal(text: string): string;
};

export type TBuildRequest = {
  /** The model's name, for messages. */
  model: string;
  schema: string;
  name: string;
  materialization: TMaterialization;
  /** incremental: the columns identifying a row; empty appends. */
  uniqueKey: readonly string[];
  /** The compiled SELECT; `isIncremental` says whether it builds on the existing table. */
  render(isIncremental: boolean): string;
};

export type TBuildResult = {
  /** Rows in the built table (table), rows written (incremental), null for a view. */
  rows: number | null;
  /** True when the build added to the existing table. */
  incremental: boolean;
  /** The SQL that ran: the compiled model as rendered. */
  sql: string;
};

export interface TWarehouse {
  readonly kind: "duckdb" | "postgres" | "snowflake";
  /** The quoted relation of `schema.name`, as ref() and source() render it. */
  relation(schema: string, name: string): string;
  build(request: TBuildRequest): Promise<TBuildResult>;
  /**
   * Rows of a read-only query (quality checks, previews), values as JSON
   * (numbers, strings, booleans, null; big integers and decimals as strings
   * where JavaScript numbers would lose them).
   */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The SQL dialect, for SQL Weir writes itself (quality checks). */
  readonly dialect: TDialect;
  /** Warehouses with query ids (Snowflake): the ids of the queries run since the last call. */
  takeQueryIds?(): string[];
  /** Weir's name for a column name the warehouse's catalog returns (Snowflake: upper-case plain names in lower case); default as is. */
  weirName?(stored: string): string;
  close(): Promise<void>;
}

/** A SQL error in a model's build: the model, the line in its compiled SQL, the warehouse's words. */
export function modelSqlError(model: string, line: number | null, message: string): AppError {
  return new AppError("BAD_INPUT", `Model "${model}"${line ? `, line ${line}` : ""}: ${message}`, { field: "sql", model, line });
}

/** The line (1-based) of a 1-based character `position` in `sql`. */
export function lineAt(sql: string, position: number): number {
  return sql.slice(0, Math.max(0, position - 1)).split("\n").length;
}

/** Temporary name a table build fills before the swap. */
export function buildingName(name: string): string {
  return `${name}__weir_building`;
}
