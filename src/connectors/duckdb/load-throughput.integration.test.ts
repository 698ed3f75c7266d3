// Load throughput: 1,000,000 rows of 8 columns in 50,000-row wire batches (WEIR_DUCKDB_BENCH_ROWS to change), staged
// and committed into a DuckDB file (the second run continuing from the first's state, as a sync does), rows/s and the commit's CPU time
// printed, not asserted. (The staging paths compared while building the session —
// read_csv into a TEMP table, into a persistent table, the appender — are recorded in docs/connectors/duckdb.md.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TColumn, TRecordBatch } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { type TTestWarehouse, buildPlan, createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";

const ROWS = Number(process.env.WEIR_DUCKDB_BENCH_ROWS ?? 1_000_000);
const BATCH_ROWS = 50_000;
const report = (line: Record<string, unknown>) => process.stdout.write(`[duckdb bench] ${JSON.stringify(line)}\n`);
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

const COLUMNS: TColumn[] = [
  { name: "id", type: { kind: "bigint" }, nullable: false },
  { name: "customer", type: { kind: "text" }, nullable: false },
  { name: "amount", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: false },
  { name: "price", type: { kind: "float" }, nullable: false },
  { name: "created_at", type: { kind: "timestamptz" }, nullable: false },
  { name: "paid", type: { kind: "boolean" }, nullable: false },
  { name: "note", type: { kind: "text" }, nullable: true },
  { name: "day", type: { kind: "date" }, nullable: false },
];

function buildBatches(rows: number, revision: number): TRecordBatch[] {
  const batches: TRecordBatch[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let first = 0; first < rows; first += BATCH_ROWS) {
    const values: unknown[][] = [];
    for (let i = first; i < Math.min(rows, first + BATCH_ROWS); i++) {
      values.push([
        i,
        `customer ${i % 1000}${i % 10 === 0 ? ', "vip"' : ""}`,
        ((i % 100000) / 100 + revision).toFixed(2),
        i * 0.37,
        new Date(start + i * 1000 + revision),
        i % 2 === 0,
        i % 7 === 0 ? null : `note ${i}`,
        `2024-${String((i % 12) + 1).padStart(2, "0")}-15`,
      ]);
    }
    batches.push({
      stream: "public.orders",
      columns: COLUMNS.map((c) => c.name),
      csv: encodeWireRows(COLUMNS, values),
      rows: values.length,
      extractedAt: new Date(),
    });
  }
  return batches;
}

let warehouse: TTestWarehouse;
let batches: TRecordBatch[];
beforeAll(async () => {
  warehouse = await createTestWarehouse();
  batches = buildBatches(ROWS, 0);
});
afterAll(() => warehouse?.teardown());

describe("DuckDB destination throughput", () => {
  it(`stages and commits ${ROWS} rows of 8 columns`, async () => {
    const mb = Math.round(batches.reduce((n, b) => n + b.csv.length, 0) / 2 ** 20);
    for (const mode of ["incremental_append", "incremental_dedup"] as const) {
      const plan = buildPlan({ table: "orders", mode, columns: COLUMNS, primaryKey: ["id"], cursorField: "created_at" });
      const data = mode === "incremental_append" ? batches : buildBatches(ROWS, 1); // the dedup run updates every row
      const started = performance.now();
      const session = await warehouse.openSession();
      await session.prepareStream(plan);
      for (const batch of data) await session.writeBatch(plan, batch);
      const staged = performance.now();
      const cpu = process.cpuUsage(); // DuckDB's threads are this process's: CPU time says what the commit costs on a busy machine too
      const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
      const entry = await session.commitStream(plan, previous);
      const committed = performance.now();
      const { user, system } = process.cpuUsage(cpu);
      await session.close();
      const closed = performance.now();
      expect(entry.rows).toBe(ROWS);
      report({
        mode,
        rows: ROWS,
        batches: data.length,
        mb,
        stageMs: Math.round(staged - started),
        commitMs: Math.round(committed - staged),
        commitCpuMs: Math.round((user + system) / 1000),
        closeMs: Math.round(closed - committed),
        stageRowsPerSecond: rate(ROWS, staged - started),
        totalRowsPerSecond: rate(ROWS, closed - started),
      });
    }
    expect(await warehouse.query(`SELECT count(*), count(DISTINCT id) FROM raw.orders`)).toEqual([[String(ROWS), String(ROWS)]]);
  });
});
