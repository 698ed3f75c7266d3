/**
 * The benchmark's source table: N rows of eight columns covering the common
 * PostgreSQL types (bigint, text, numeric(12,2), timestamptz, boolean, jsonb,
 * integer and a nullable text), generated set-based inside PostgreSQL. Values
 * vary enough that CSV quoting (commas and quotes in text and JSON), NULLs and
 * fractional seconds all occur. Also the same columns typed for DuckDB, for
 * the raw reference's CSV reader.
 */
import pg from "pg";

export const BENCH_SCHEMA = "public";
export const BENCH_TABLE = "bench_rows";
export const BENCH_STREAM = `${BENCH_SCHEMA}.${BENCH_TABLE}`;

/** Column name, PostgreSQL type and constraints at the source, DuckDB type; in table order. */
export const BENCH_COLUMNS: readonly { name: string; pg: string; constraints: string; duckdb: string }[] = [
  { name: "id", pg: "bigint", constraints: "NOT NULL PRIMARY KEY", duckdb: "BIGINT" },
  { name: "customer", pg: "text", constraints: "NOT NULL", duckdb: "VARCHAR" },
  { name: "amount", pg: "numeric(12,2)", constraints: "NOT NULL", duckdb: "DECIMAL(12,2)" },
  { name: "created_at", pg: "timestamptz", constraints: "NOT NULL", duckdb: "TIMESTAMPTZ" },
  { name: "paid", pg: "boolean", constraints: "NOT NULL", duckdb: "BOOLEAN" },
  { name: "attributes", pg: "jsonb", constraints: "NOT NULL", duckdb: "JSON" },
  { name: "quantity", pg: "integer", constraints: "NOT NULL", duckdb: "INTEGER" },
  { name: "note", pg: "text", constraints: "", duckdb: "VARCHAR" },
];

/**
 * CREATE TABLE of the benchmark's columns under `name`: with the source's
 * constraints, or (for the reference's target, like the tables Weir creates)
 * the bare types.
 */
export function createBenchTableSql(name: string, withConstraints: boolean): string {
  const columns = BENCH_COLUMNS.map((c) => `${c.name} ${c.pg}${withConstraints && c.constraints ? ` ${c.constraints}` : ""}`);
  return `CREATE TABLE ${name} (${columns.join(", ")})`;
}

/** Rows 1…rows, set-based; about 190 bytes of CSV per row. */
export function fillBenchTableSql(rows: number): string {
  return `INSERT INTO ${BENCH_SCHEMA}.${BENCH_TABLE}
SELECT i,
  CASE WHEN i % 10 = 0 THEN 'customer ' || (i % 100000) || ', "vip"' ELSE 'customer ' || (i % 100000) END,
  ((i * 7919) % 100000000) / 100.0,
  timestamptz '2024-01-01 00:00:00+00' + (i * 37) * interval '1 millisecond',
  i % 3 = 0,
  jsonb_build_object('sku', 'SKU-' || (i % 5000), 'qty', i % 10, 'tags', jsonb_build_array('a', 'b' || (i % 7))),
  (i % 1000)::int,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || md5(i::text) END
FROM generate_series(1::bigint, ${Math.trunc(rows)}) AS i`;
}

/** Creates and fills the source table in `url`'s database, then VACUUM ANALYZE and a checkpoint. */
export async function createBenchTable(url: string, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${BENCH_SCHEMA}.${BENCH_TABLE}`);
    await client.query(createBenchTableSql(`${BENCH_SCHEMA}.${BENCH_TABLE}`, true));
    await client.query(fillBenchTableSql(rows));
    await client.query(`VACUUM ANALYZE ${BENCH_SCHEMA}.${BENCH_TABLE}`);
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}
