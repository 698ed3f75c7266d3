/**
 * The kill test: a worker running a three-stream sync (dedup, append,
 * overwrite) is killed with SIGKILL at ten points — before the read, mid-read,
 * mid-load, between load and destination commit, between destination commit
 * and Weir's state, between streams — and a fresh worker finishes the retry.
 * After every kill the warehouse must equal the source: no row lost, none
 * duplicated. Real PostgreSQL source, real DuckDB file, real worker processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { releaseQueueUtils } from "@/jobs/queue-client";
import { createConnection } from "@/server/connections/connection-store";
import { startRun } from "@/engine/runs/run-lifecycle";
import { getRun } from "@/server/connections/run-store";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { setUpTestApp } from "@/server/testing/test-app";
import { until } from "@/lib/testing/until";

const ROOT = path.resolve(__dirname, "..");
const ACTOR = { id: null, email: "kill-test" } as const;
const KILL_POINTS = [
  "sync.before-read",
  "sync.mid-read#2",
  "sync.mid-load#1",
  "sync.mid-load#3",
  "sync.before-commit",
  "sync.after-commit",
  "sync.after-state",
  "sync.before-commit#2",
  "sync.after-commit#3",
  "sync.mid-read#7",
];

let teardown: () => Promise<void>;
let source: TSourceDatabase;
let dir: string;
let warehouse: string;
let connectionId: string;

function startWorker(faultPoint?: string): { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null>; output: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: "warn",
      WEIR_WORKER_DEAD_AFTER_MS: "2000",
      WEIR_SYNC_BATCH_ROWS: "1000",
      WEIR_FAULT_POINT: faultPoint ?? "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { child, exited, output };
}

async function warehouseRows(sql: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRows().map((r) => r.map(String).join("|"));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function sourceRows(sql: string): Promise<string[]> {
  return (await source.query<Record<string, unknown>>(sql)).map((r) => Object.values(r).map(String).join("|"));
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64url");
  ({ teardown } = await setUpTestApp());
  source = await createSourceDatabase();
  await source.exec(`
    CREATE TABLE customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
    INSERT INTO customers SELECT g, 'c' || g, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, 3000) g;
    CREATE TABLE events (id bigint PRIMARY KEY, kind text, at timestamptz NOT NULL);
    INSERT INTO events SELECT g, 'e' || g, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, 5000) g;
    CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2));
    INSERT INTO products SELECT g, g * 1.25 FROM generate_series(1, 2500) g;`);
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-kill-"));
  warehouse = path.join(dir, "warehouse.duckdb");
  const src = await createEndpoint("source", { name: "kill-src", connector: "postgres", config: source.config }, ACTOR);
  const dst = await createEndpoint("destination", { name: "kill-dst", connector: "duckdb", config: { path: warehouse } }, ACTOR);
  await discoverSource(src.id, ACTOR);
  connectionId = (
    await createConnection(
      {
        name: "kill",
        sourceId: src.id,
        destinationId: dst.id,
        namespace: "bronze",
        tablePrefix: "",
        schedule: null,
        schemaChangePolicy: "propagate",
        streams: [
          { stream: "public.customers", selected: true, syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: [] },
          { stream: "public.events", selected: true, syncMode: "incremental_append", cursorField: "at", primaryKey: [] },
          { stream: "public.products", selected: true, syncMode: "full_refresh_overwrite", primaryKey: [] },
        ],
      },
      ACTOR,
    )
  ).id;
});

afterAll(async () => {
  await releaseQueueUtils();
  await source?.drop();
  await teardown?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a sync killed with SIGKILL at any point", () => {
  it.each(KILL_POINTS.map((p, i) => [p, i] as const))(
    "killed at %s: the retry leaves the warehouse equal to the source",
    async (point, i) => {
      // Something new for every stream each round: updates, inserts, and a changed product.
      await source.exec(`
      UPDATE customers SET name = 'round ${i}', updated_at = now() WHERE id % 10 = ${i};
      INSERT INTO customers SELECT 10000 + ${i} * 2000 + g, 'new', now() FROM generate_series(1, 1500) g;
      INSERT INTO events SELECT 100000 + ${i} * 10000 + g, 'late', now() FROM generate_series(1, 2500) g;
      UPDATE products SET price = price + 1 WHERE id = ${i + 1};`);
      const run = await startRun(connectionId, "manual", ACTOR);

      const doomed = startWorker(point);
      const outcome = await Promise.race([
        doomed.exited,
        until("run end", async () => ((await getRun(run.id)).status === "succeeded" ? "finished" : undefined), 60_000),
      ]);
      expect(outcome, `worker should have been killed at ${point}\n${doomed.output.join("").slice(-2000)}`).toBe("SIGKILL");

      const rescuer = startWorker();
      try {
        const done = await until(
          "the retried run to finish",
          async () => {
            const r = await getRun(run.id);
            return r.status === "succeeded" || r.status === "failed" ? r : undefined;
          },
          90_000,
        );
        expect(done.status, `${done.error}\n${rescuer.output.join("").slice(-2000)}`).toBe("succeeded");
        expect(done.attempts).toBeGreaterThanOrEqual(2);
      } finally {
        rescuer.child.kill("SIGTERM");
        await rescuer.exited;
      }

      expect(await warehouseRows(`SELECT id, name FROM bronze.customers ORDER BY id`)).toEqual(await sourceRows(`SELECT id, name FROM customers ORDER BY id`));
      expect(await warehouseRows(`SELECT id, kind FROM bronze.events ORDER BY id`)).toEqual(await sourceRows(`SELECT id, kind FROM events ORDER BY id`));
      expect(await warehouseRows(`SELECT id, price FROM bronze.products ORDER BY id`)).toEqual(await sourceRows(`SELECT id, price FROM products ORDER BY id`));
    },
    180_000,
  );
});
