/**
 * A connection sync end to end, against real parts: a PostgreSQL source
 * database, a DuckDB warehouse file, Weir's metadata database. Created through
 * the same services the tRPC procedures call, run by the worker's job logic.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { db } from "@/db/client";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { logger } from "@/lib/logger";
import { createConnection, getConnection, setConnectionStatus } from "@/server/connections/connection-store";
import { getRun } from "@/server/connections/run-store";
import { clearStreamState } from "@/server/connections/clear-stream-state";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "test" } as const;
let teardown: () => Promise<void>;
const cleanups: (() => Promise<void>)[] = [];

/**
 * Each test's own sync: a fresh source database (500 customers, 1000 events),
 * its own warehouse file and a connection between them that has never run.
 */
async function buildSync() {
  const tag = randomUUID().slice(0, 8);
  const source: TSourceDatabase = await createSourceDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-sync-"));
  cleanups.push(async () => {
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  await source.exec(`
    CREATE TABLE customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
    INSERT INTO customers SELECT g, 'customer ' || g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 500) g;
    CREATE TABLE events (id bigint PRIMARY KEY, kind text, at timestamptz NOT NULL);
    INSERT INTO events SELECT g, 'e' || g % 3, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, 1000) g;`);
  const warehouse = path.join(dir, "warehouse.duckdb");
  const src = await createEndpoint("source", { name: `shop ${tag}`, connector: "postgres", config: source.config }, ACTOR);
  const dst = await createEndpoint("destination", { name: `wh ${tag}`, connector: "duckdb", config: { path: warehouse } }, ACTOR);
  await discoverSource(src.id, ACTOR);
  const connection = await createConnection(
    {
      name: `shop → wh ${tag}`,
      sourceId: src.id,
      destinationId: dst.id,
      namespace: "bronze",
      tablePrefix: "shop_",
      schedule: null,
      schemaChangePolicy: "propagate",
      streams: [
        { stream: "public.customers", selected: true, syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: [] },
        { stream: "public.events", selected: true, syncMode: "incremental_append", cursorField: "at", primaryKey: [] },
      ],
    },
    ACTOR,
  );
  const connectionId = connection.id;
  const newRun = async (): Promise<string> => (await db().run.create({ data: { connectionId, trigger: "manual" } })).id;
  const runOnce = async (attempt = 1, maxAttempts = 4): Promise<string> => {
    const runId = await newRun();
    await runConnectionSync({ runId, attempt, maxAttempts, log: logger, signal: new AbortController().signal });
    return runId;
  };
  const warehouseRows = async (sql: string): Promise<Record<string, unknown>[]> => {
    const instance = await DuckDBInstance.fromCache(warehouse);
    const conn = await instance.connect();
    try {
      return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    } finally {
      conn.closeSync();
    }
  };
  return { source, connectionId, newRun, runOnce, warehouseRows };
}
type TSync = Awaited<ReturnType<typeof buildSync>>;

/** Sets the pause policy, adds customers.email at the source and runs: the run fails and pauses the connection. */
async function pauseOnNewColumn(sync: TSync): Promise<string> {
  await db().connection.update({ where: { id: sync.connectionId }, data: { schemaChangePolicy: "pause" } });
  await sync.source.exec(`ALTER TABLE customers ADD COLUMN email text`);
  const runId = await sync.newRun();
  await expect(runConnectionSync({ runId, attempt: 1, maxAttempts: 4, log: logger, signal: new AbortController().signal })).rejects.toMatchObject({
    code: "SCHEMA_CHANGED",
  });
  return runId;
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await teardown();
});

describe("runConnectionSync", () => {
  it("loads every selected stream and records rows, state and logs", async () => {
    const sync = await buildSync();
    const runId = await sync.runOnce();
    const run = await getRun(runId);
    expect(run).toMatchObject({ status: "succeeded", rows: 1500, rowsRead: 1500, attempts: 1 });
    expect(run.streams.map((s) => [s.stream, s.status, s.rows])).toEqual([
      ["public.customers", "succeeded", 500],
      ["public.events", "succeeded", 1000],
    ]);
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n, count(DISTINCT _weir_run_id)::INT AS runs FROM bronze.shop_customers`)).toEqual([
      { n: 500, runs: 1 },
    ]);
    const connection = await getConnection(sync.connectionId);
    expect(connection.streams.find((s) => s.stream === "public.events")?.state).toEqual({ cursor: "2024-01-01 00:16:40+00" });
    const logs = await db().runLog.findMany({ where: { runId } });
    expect(logs.map((l) => l.message).join("\n")).toMatch(/public\.events: 1000 rows/);
  });

  it("a second run loads only what changed, and dedup keeps one row per key", async () => {
    const sync = await buildSync();
    await sync.runOnce();
    await sync.source.exec(`
      UPDATE customers SET name = 'renamed', updated_at = now() WHERE id IN (1, 2);
      INSERT INTO customers VALUES (501, 'new', now());
      INSERT INTO events VALUES (1001, 'e9', now());`);
    const runId = await sync.runOnce();
    const run = await getRun(runId);
    expect(run.streams.map((s) => [s.stream, s.rows])).toEqual([
      ["public.customers", 3],
      ["public.events", 1],
    ]);
    // Reads are inclusive of the saved cursor: the row at it is read again and dropped by the destination, not committed twice.
    expect(run.streams.map((s) => [s.stream, s.rowsRead])).toEqual([
      ["public.customers", 4],
      ["public.events", 2],
    ]);
    expect(run).toMatchObject({ rows: 4, rowsRead: 6 });
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM bronze.shop_customers`)).toEqual([{ n: 501 }]);
    expect(await sync.warehouseRows(`SELECT name FROM bronze.shop_customers WHERE id IN (1, 2) ORDER BY id`)).toEqual([
      { name: "renamed" },
      { name: "renamed" },
    ]);
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM bronze.shop_events`)).toEqual([{ n: 1001 }]);
  });

  it("a retry of a run that already committed does not load it again", async () => {
    const sync = await buildSync();
    await sync.runOnce();
    await sync.source.exec(`INSERT INTO events VALUES (1002, 'e1', now())`);
    const runId = await sync.newRun();
    const ctx = { runId, maxAttempts: 4, log: logger, signal: new AbortController().signal };
    await runConnectionSync({ ...ctx, attempt: 1 });
    await db().run.update({ where: { id: runId }, data: { status: "running", finishedAt: null } }); // as if the worker died before recording success
    await runConnectionSync({ ...ctx, attempt: 2 });
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM bronze.shop_events WHERE id = 1002`)).toEqual([{ n: 1 }]);
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM bronze.shop_events`)).toEqual([{ n: 1001 }]);
    expect((await getRun(runId)).status).toBe("succeeded");
  });

  it("clearing a stream drops its table and makes the next run read everything again", async () => {
    const sync = await buildSync();
    await sync.runOnce();
    await sync.source.exec(`INSERT INTO customers VALUES (501, 'new', now())`);
    await clearStreamState({ id: sync.connectionId, stream: "public.customers", dropTable: true }, ACTOR);
    expect((await getConnection(sync.connectionId)).streams.find((s) => s.stream === "public.customers")?.state).toBeNull();
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'shop_customers'`)).toEqual([{ n: 0 }]);
    const runId = await sync.runOnce();
    expect((await getRun(runId)).streams.find((s) => s.stream === "public.customers")?.rows).toBe(501);
    expect(await sync.warehouseRows(`SELECT count(*)::INT AS n FROM bronze.shop_customers`)).toEqual([{ n: 501 }]);
  });

  it("records a schema change and, with the pause policy, pauses the connection with the reason", async () => {
    const sync = await buildSync();
    await sync.runOnce();
    const runId = await pauseOnNewColumn(sync);
    const connection = await getConnection(sync.connectionId);
    expect(connection.status).toBe("paused");
    expect(connection.pausedReason).toMatch(/public\.customers changed: email added/);
    expect((await getRun(runId)).status).toBe("failed");
    expect(await db().schemaChangeEvent.count({ where: { connectionId: sync.connectionId, column: "email", action: "paused" } })).toBe(1);
  });

  it("resuming accepts the change the paused run found: the next run loads the new column instead of pausing again", async () => {
    const sync = await buildSync();
    await sync.runOnce();
    await pauseOnNewColumn(sync);
    expect((await getConnection(sync.connectionId)).status).toBe("paused");
    await sync.source.exec(`UPDATE customers SET email = 'c' || id || '@example.com', updated_at = now() WHERE id = 7`);
    await setConnectionStatus(sync.connectionId, "active", ACTOR);
    const connection = await getConnection(sync.connectionId);
    expect(connection.status).toBe("active");
    expect(connection.streams.find((s) => s.stream === "public.customers")?.columns.map((c) => c.name)).toContain("email");
    const runId = await sync.runOnce();
    expect((await getRun(runId)).status).toBe("succeeded");
    expect(await sync.warehouseRows(`SELECT email FROM bronze.shop_customers WHERE id = 7`)).toEqual([{ email: "c7@example.com" }]);
  });
});
