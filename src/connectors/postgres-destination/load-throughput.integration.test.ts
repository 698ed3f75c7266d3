// Throughput of COPY into staging + the commit's set-based conversion, on 1,000,000 rows (WEIR_PG_DEST_BENCH_ROWS to change).
// Prints rows/s per phase and the worker's peak RSS; asserts only correctness (row counts, cursor).
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn, TRecordBatch, TSyncMode, TWritePlan } from "@/connectors/types";

const ROWS = Number(process.env.WEIR_PG_DEST_BENCH_ROWS ?? 1_000_000);
const BATCH_ROWS = 50_000;
const report = (line: Record<string, unknown>) => process.stdout.write(`[postgres-destination bench] ${JSON.stringify(line)}\n`);

const COLUMNS: TColumn[] = [
  { name: "id", type: { kind: "bigint" }, nullable: false },
  { name: "customer", type: { kind: "text" }, nullable: false },
  { name: "amount", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: false },
  { name: "price", type: { kind: "float" }, nullable: false },
  { name: "created_at", type: { kind: "timestamptz" }, nullable: false },
  { name: "paid", type: { kind: "boolean" }, nullable: false },
  { name: "note", type: { kind: "text" }, nullable: true },
];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2024-01-DD HH:MM:SS+00`, `i` seconds after 2024-01-01 (i < 31 days), as wire timestamptz. */
function createdAt(i: number): string {
  const s = i % 60;
  const m = Math.floor(i / 60) % 60;
  const h = Math.floor(i / 3600) % 24;
  return `2024-01-${pad(1 + Math.floor(i / 86400))} ${pad(h)}:${pad(m)}:${pad(s)}+00`;
}

/** Wire CSV of rows [from, to), written directly (the source's job; not what is measured). */
function batchOf(from: number, to: number): TRecordBatch {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const created = createdAt(i);
    const customer = i % 10 === 0 ? `"customer ${i % 1000}, ""vip"""` : `customer ${i % 1000}`;
    const note = i % 7 === 0 ? "" : `note ${i}`;
    lines.push(`${i},${customer},${Math.floor((i % 100_000) / 100)}.${String(i % 100).padStart(2, "0")},${i * 0.37},${created},${i % 2 === 0},${note}`);
  }
  return { stream: "public.orders", columns: COLUMNS.map((c) => c.name), csv: Buffer.from(`${lines.join("\n")}\n`), rows: to - from, extractedAt: new Date() };
}

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

describe("load throughput", () => {
  for (const mode of ["incremental_append", "incremental_dedup"] as TSyncMode[]) {
    it(`loads and commits ${ROWS.toLocaleString("en")} rows (${mode})`, async () => {
      const plan: TWritePlan = {
        connectionId: "bench",
        runId: randomUUID(),
        attempt: 1,
        stream: "public.orders",
        namespace: "bench",
        table: `orders_${mode}`,
        columns: COLUMNS,
        mode,
        primaryKey: ["id"],
        cursorField: "created_at",
      };
      const session = await fx.open();
      let peakRss = process.memoryUsage().rss;
      let copyMs = 0;
      let bytes = 0;
      try {
        await session.prepareStream(plan);
        for (let from = 0; from < ROWS; from += BATCH_ROWS) {
          const batch = batchOf(from, Math.min(ROWS, from + BATCH_ROWS));
          bytes += batch.csv.length;
          const started = performance.now();
          await session.writeBatch(plan, batch);
          copyMs += performance.now() - started;
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
        const commitStarted = performance.now();
        const entry = await session.commitStream(plan, null);
        const commitMs = performance.now() - commitStarted;
        expect(entry.rows).toBe(ROWS);
        expect(entry.state?.cursor).toBe(createdAt(ROWS - 1));
        report({
          mode,
          rows: ROWS,
          mb: Math.round(bytes / 2 ** 20),
          copySeconds: +(copyMs / 1000).toFixed(2),
          copyRowsPerSecond: Math.round(ROWS / (copyMs / 1000)),
          commitSeconds: +(commitMs / 1000).toFixed(2),
          commitRowsPerSecond: Math.round(ROWS / (commitMs / 1000)),
          totalRowsPerSecond: Math.round(ROWS / ((copyMs + commitMs) / 1000)),
          peakRssMb: Math.round(peakRss / 2 ** 20),
        });
      } finally {
        await session.close();
      }
      expect(await fx.query("SELECT count(*)::int AS n FROM bench.$table".replace("$table", `"orders_${mode}"`))).toEqual([{ n: ROWS }]);
    }, 300_000);
  }
});
