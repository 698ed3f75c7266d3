import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { openDatabase } from "@/connectors/duckdb/open-database";
import { openDuckDbWarehouse } from "@/engine/transform/warehouses/duckdb-warehouse";
import { describeWarehouse } from "@/engine/transform/warehouses/warehouse-suite";

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
    open: () => openDuckDbWarehouse(file),
    exec: (sql) => withDb(async (db) => void (await db.run(sql))),
    rows: (sql) => withDb(async (db) => sorted((await db.rows(sql)).map((r) => r.map((v) => (v === null ? null : String(v)))))),
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
});
