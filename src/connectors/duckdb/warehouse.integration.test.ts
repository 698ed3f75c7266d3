import { describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { openDatabase } from "@/connectors/duckdb/open-database";
import { duckDbWarehouse, openDuckDbWarehouse } from "@/connectors/duckdb/warehouse";
import { describeWarehouse } from "@/connectors/testing/warehouse-suite";
import { logger } from "@/lib/logger";

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describeWarehouse("DuckDB", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-transform-"));
  const file = path.join(dir, "warehouse.duckdb");
  const withDb = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const db = await openDatabase(file);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  return {
    open: () => duckDbWarehouse.open({ path: file }, { log: logger }),
    exec: (sql) => withDb(async (db) => void (await db.run(sql))),
    rows: (sql) => withDb(async (db) => sorted((await db.rows(sql)).map((r) => r.map((v) => (v === null ? null : String(v)))))),
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
});

describe("DuckDB warehouse: parallel builds", () => {
  it("builds many models at once into a new schema without catalog conflicts", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-parallel-"));
    const file = path.join(dir, "warehouse.duckdb");
    const warehouses = await Promise.all(Array.from({ length: 6 }, () => openDuckDbWarehouse(file)));
    try {
      const results = await Promise.all(
        warehouses.map((w, i) =>
          w.build({
            model: `m${i}`,
            schema: "fresh",
            name: `m${i}`,
            materialization: "table",
            uniqueKey: [],
            render: () => `select range as x from range(${1000 * (i + 1)})`,
          }),
        ),
      );
      expect(results.map((r) => r.rows)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    } finally {
      for (const w of warehouses) await w.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
