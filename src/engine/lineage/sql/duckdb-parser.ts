/**
 * DuckDB's own SQL parser, for lineage: `json_serialize_sql` turns a SELECT
 * into its parse tree as JSON, `json_deserialize_sql` turns an expression
 * back into the text DuckDB names an unaliased column by, and
 * `duckdb_functions()` says which function names are aggregates. One
 * in-memory instance per process, created on first use and shared by
 * concurrent callers; calls go through it one at a time.
 */
import { type DuckDBConnection, DuckDBInstance, listValue } from "@duckdb/node-api";

import type { TAstQuery } from "@/engine/lineage/sql/sql-ast";

type TParser = { connection: DuckDBConnection; aggregates: ReadonlySet<string> };

export type TParsed = { ok: true; query: TAstQuery; aggregates: ReadonlySet<string> } | { ok: false; error: string };

/** Aggregates PostgreSQL has and DuckDB does not; models may be written for either. */
const POSTGRES_AGGREGATES = ["jsonb_agg", "jsonb_object_agg", "json_object_agg", "xmlagg", "every", "range_agg", "range_intersect_agg"];

/** Window functions duckdb_functions() lists as aggregates: they compute from other rows' values, not over them. */
const WINDOW_ONLY = new Set([
  "cume_dist",
  "dense_rank",
  "fill",
  "first_value",
  "lag",
  "last_value",
  "lead",
  "nth_value",
  "ntile",
  "percent_rank",
  "rank",
  "rank_dense",
  "row_number",
]);

let parser: Promise<TParser> | undefined;
let queue: Promise<unknown> = Promise.resolve();

async function createParser(): Promise<TParser> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'aggregate'");
  const names = reader.getRows().map((row) => String(row[0]).toLowerCase());
  const aggregates = new Set([...names.filter((name) => !WINDOW_ONLY.has(name)), ...POSTGRES_AGGREGATES]);
  return { connection, aggregates };
}

/** Runs `work` on the shared parser once every call queued before it has finished. */
function withParser<T>(work: (parser: TParser) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    parser ??= createParser().catch((e: unknown) => {
      parser = undefined;
      throw e;
    });
    return work(await parser);
  });
  queue = run.catch(() => undefined);
  return run;
}

type TSerialized = { error: true; error_type?: string; error_message?: string } | { error: false; statements: { node: TAstQuery }[] };

/** DuckDB's message, except the one that speaks of its JSON serializer rather than of the SQL. */
function parseError(parsed: { error_type?: string; error_message?: string }): string {
  if (parsed.error_type === "not implemented")
    return `${parsed.error_message ?? ""} Lineage reads a plain SELECT: not another kind of statement, nor PIVOT / UNPIVOT.`.trim();
  return parsed.error_message ?? "DuckDB could not parse the SQL.";
}

/** The parse tree of the one SELECT in `sql`, or DuckDB's message saying why there is none. */
export function parseSelect(sql: string): Promise<TParsed> {
  return withParser(async ({ connection, aggregates }) => {
    const reader = await connection.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR) AS j", [sql]);
    const parsed = JSON.parse(String(reader.getRows()[0]?.[0])) as TSerialized;
    if (parsed.error) return { ok: false, error: parseError(parsed) };
    const [first, ...rest] = parsed.statements;
    if (!first) return { ok: false, error: "The SQL holds no SELECT statement." };
    if (rest.length) return { ok: false, error: `The SQL holds ${parsed.statements.length} statements; a model is one SELECT.` };
    return { ok: true, query: first.node, aggregates };
  });
}

/**
 * The SQL text of each serialized SELECT (DuckDB's own rendering), in order;
 * null for all of them when DuckDB cannot render one.
 */
export function renderSelects(serialized: readonly string[]): Promise<(string | null)[]> {
  if (!serialized.length) return Promise.resolve([]);
  return withParser(async ({ connection }) => {
    try {
      const reader = await connection.runAndReadAll("SELECT json_deserialize_sql(unnest($1::VARCHAR[])) AS s", [listValue([...serialized])]);
      return reader.getRows().map((row) => String(row[0]));
    } catch {
      return serialized.map(() => null);
    }
  });
}
