/**
 * The warehouse half of the destination contract (connectors/types.ts): the
 * session a destination Weir can query hands the engine for model builds,
 * quality checks, previews and lineage reads, and the SQL dialect Weir writes
 * its own SQL in. It imports nothing from types.ts, so types.ts can name it.
 *
 * Node only sends SQL; each build runs in one warehouse transaction (or, in a
 * warehouse whose DDL commits at once, Snowflake, is ordered to leave the
 * previous relation in place until the new one is complete):
 * - view: the view is (re)created;
 * - table: built under a temporary name (warehouse-build.ts), then swapped
 *   in, so a failed build leaves the previous table in place;
 * - incremental: the first build (or a rebuild after the relation became a
 *   view) is a table build; later builds render the model with
 *   `is_incremental()` true, and the new rows replace the rows with the same
 *   unique key (no key: they are appended).
 * A SQL error names the model, the line of the model's compiled SQL and the
 * warehouse's message (`modelSqlError`, warehouse-build.ts).
 */

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

/** An open warehouse session (TWarehouseCapability.open); close it when done. */
export interface TWarehouse {
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
