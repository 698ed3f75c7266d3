/**
 * Cursor ties through the sync engine, from a real PostgreSQL source into
 * every destination, in both incremental modes: rows inserted after a sync
 * with exactly the saved cursor value, and updates that set the cursor to
 * it, all arrive, and nothing arrives twice; a process killed by SIGKILL
 * inside the commit at the boundary (rows applied, ledger not yet written)
 * leaves nothing behind, and the retry loads each row once.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";
import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import type { TStreamDescriptor, TSyncMode, TWritePlan } from "@/connectors/types";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";

type TTarget = {
  connector: string;
  config: unknown;
  killPoint: string;
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  teardown(): Promise<void>;
};

const DESTINATIONS: { name: string; make(): Promise<TTarget> }[] = [
  {
    name: "DuckDB",
    make: async () => {
      const w = await createTestWarehouse();
      return { connector: "duckdb", config: { path: w.file }, killPoint: "duckdb.commit-applied", readTable: w.readTable.bind(w), teardown: w.teardown };
    },
  },
  {
    name: "PostgreSQL",
    make: async () => {
      const f = await createPgFixture();
      return {
        connector: "postgres-destination",
        config: f.config,
        killPoint: "postgres-destination.before-ledger",
        readTable: f.readTable.bind(f),
        teardown: f.drop,
      };
    },
  },
  {
    name: "Snowflake (emulator)",
    make: async () => {
      const f = await createSnowflakeFixture();
      return { connector: "snowflake", config: f.config, killPoint: "snowflake.before-ledger", readTable: f.readTable.bind(f), teardown: f.teardown };
    },
  },
];

const T = "2024-05-01 10:00:00+00";
const ctx = { log: logger, signal: new AbortController().signal };
let source: TSourceDatabase;

beforeAll(async () => {
  source = await createSourceDatabase();
});
afterAll(async () => {
  await source?.drop();
});

describe.each(DESTINATIONS)("cursor ties into $name", ({ make }) => {
  let target: TTarget;
  beforeAll(async () => {
    target = await make();
  });
  afterAll(async () => {
    await target?.teardown();
  });

  async function descriptor(table: string): Promise<TStreamDescriptor> {
    const catalog = await sourceConnector("postgres").discover(source.config, ctx);
    return catalog.streams.find((s) => s.name === `public.${table}`)!;
  }

  function planFor(table: string, mode: TSyncMode, stream: TStreamDescriptor): TWritePlan {
    return {
      connectionId: "ties",
      runId: randomUUID(),
      attempt: 1,
      stream: stream.name,
      namespace: "ties",
      table,
      columns: stream.columns,
      mode,
      primaryKey: ["id"],
      cursorField: "updated_at",
    };
  }

  async function sync(table: string, mode: TSyncMode) {
    const stream = await descriptor(table);
    const session = await destinationConnector(target.connector).open(target.config, ctx);
    try {
      return await syncStream({
        source: sourceConnector("postgres"),
        sourceConfig: source.config,
        session,
        ctx,
        plan: planFor(table, mode, stream),
        request: { stream, columns: stream.columns.map((c) => c.name) },
      });
    } finally {
      await session.close();
    }
  }

  const read = async (table: string) => (await target.readTable("ties", table, ["id", "note"])).map(([id, note]) => `${id}:${note}`).sort();

  for (const mode of ["incremental_append", "incremental_dedup"] as const) {
    it(`${mode}: rows inserted and updated at the saved cursor arrive, none twice`, async () => {
      const table = `ties_${mode}_${target.connector.replace(/-/g, "_")}`;
      await source.exec(`CREATE TABLE ${table} (id bigint PRIMARY KEY, note text NOT NULL, updated_at timestamptz NOT NULL);
        INSERT INTO ${table} SELECT g, 'first ' || g, timestamptz '${T}' - (g % 3) * interval '1 minute' FROM generate_series(1, 100) g;`);
      const first = await sync(table, mode);
      expect(first.entry.state).toEqual({ cursor: T });
      // 200 rows arrive later with the saved cursor value; 5 rows are updated and their cursor set to it.
      await source.exec(`INSERT INTO ${table} SELECT g, 'late ' || g, '${T}' FROM generate_series(101, 300) g;
        UPDATE ${table} SET note = 'updated ' || id, updated_at = '${T}' WHERE id IN (1, 2, 4, 5, 7);`);
      const second = await sync(table, mode);
      expect(second.entry.rows).toBe(205);
      const again = await sync(table, mode);
      expect(again.entry.rows, "nothing new: nothing loaded").toBe(0);
      const rows = await read(table);
      const late = Array.from({ length: 200 }, (_, i) => `${101 + i}:late ${101 + i}`);
      const updated = [1, 2, 4, 5, 7].map((id) => `${id}:updated ${id}`);
      const firsts = Array.from({ length: 100 }, (_, i) => `${i + 1}:first ${i + 1}`);
      const expected =
        mode === "incremental_append"
          ? [...firsts, ...late, ...updated]
          : [...firsts.filter((r) => !updated.some((u) => u.split(":")[0] === r.split(":")[0])), ...late, ...updated];
      expect(rows).toEqual(expected.sort());
    });
  }

  it("a kill inside the commit at the boundary leaves nothing; the retry loads each row once", async () => {
    const table = `ties_kill_${target.connector.replace(/-/g, "_")}`;
    await source.exec(`CREATE TABLE ${table} (id bigint PRIMARY KEY, note text NOT NULL, updated_at timestamptz NOT NULL);
      INSERT INTO ${table} SELECT g, 'first ' || g, '${T}' FROM generate_series(1, 50) g;`);
    await sync(table, "incremental_append");
    await source.exec(`INSERT INTO ${table} SELECT g, 'late ' || g, '${T}' FROM generate_series(51, 80) g;`);
    const stream = await descriptor(table);
    const args = {
      source: { connector: "postgres", config: source.config },
      destination: { connector: target.connector, config: target.config },
      plan: planFor(table, "incremental_append", stream),
      stream: stream.name,
    };
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "sync-stream-child.ts"), JSON.stringify(args)], {
      env: { ...process.env, WEIR_FAULT_POINT: target.killPoint },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    expect((await read(table)).length, "the killed commit left nothing").toBe(50);
    const retry = await sync(table, "incremental_append");
    expect(retry.entry.rows).toBe(30);
    const rows = await read(table);
    expect(rows.length).toBe(80);
    expect(new Set(rows).size).toBe(80);
  });
});
