/**
 * Test support for the sync engine's integration tests (here, not in src/engine/, because it sets
 * the scene up through the server's own stores): Weir's metadata
 * database, a real PostgreSQL source, real destinations (DuckDB files, a
 * PostgreSQL database) read back with their column types, connections
 * created through the services the tRPC procedures call, and runs through
 * the job's own logic (runConnectionSync).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createPgFixture, type TPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { db } from "@/db/client";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { logger } from "@/lib/logger";
import { createConnection } from "@/server/connections/connection-store";
import type { TStreamSettingInput } from "@/server/connections/connection-contracts";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { setUpTestApp } from "@/server/testing/test-app";

export const ACTOR = { id: null, email: "sync-test" } as const;

export type TTestDestination = {
  id: string;
  kind: "duckdb" | "postgres";
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The stored column type as the destination names it (DuckDB "BIGINT", PostgreSQL "bigint"), or null without the column. */
  columnType(namespace: string, table: string, column: string): Promise<string | null>;
  tables(namespace: string): Promise<string[]>;
  /** A column's value in the row with that id, as text (the last such row), or "no row". */
  value(namespace: string, table: string, column: string, id: number): Promise<unknown>;
};

/** `value` of TTestDestination on a destination's query. */
function valueOf(query: TTestDestination["query"]): TTestDestination["value"] {
  return async (ns, table, column, id) => {
    const rows = await query(`SELECT CAST(${column} AS VARCHAR) AS v FROM ${ns}.${table} WHERE id = ${id}`);
    return rows.length ? rows.at(-1)!.v : "no row";
  };
}

export type TSyncScene = {
  source: TSourceDatabase;
  sourceId: string;
  duckdb(name: string): Promise<TTestDestination>;
  postgres(name: string): Promise<TTestDestination>;
  connect(input: {
    name: string;
    destinationId: string;
    namespace: string;
    policy: "propagate" | "pause" | "ignore";
    streams: TStreamSettingInput[];
  }): Promise<string>;
  /** One attempt of a new run of the connection; resolves with the run id and the error it threw, if any. */
  run(connectionId: string, opts?: { attempt?: number; maxAttempts?: number }): Promise<{ runId: string; error?: { code?: string; message: string } }>;
  /** Discovers the source again (the stored catalog, as the UI's Discover does). */
  rediscover(): Promise<void>;
  teardown(): Promise<void>;
};

export async function setUpSyncScene(sourceSql: string): Promise<TSyncScene> {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 3).toString("base64url");
  const { teardown } = await setUpTestApp();
  const source = await createSourceDatabase();
  await source.exec(sourceSql);
  const sourceId = (await createEndpoint("source", { name: "source", connector: "postgres", config: source.config }, ACTOR)).id;
  await discoverSource(sourceId, ACTOR);
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-sync-scene-"));
  let warehouse: TPgFixture | undefined;

  const duckdb = async (name: string): Promise<TTestDestination> => {
    const file = path.join(dir, `${name}.duckdb`);
    const id = (await createEndpoint("destination", { name, connector: "duckdb", config: { path: file } }, ACTOR)).id;
    const query = async (sql: string) => {
      const conn = await (await DuckDBInstance.fromCache(file)).connect();
      try {
        return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
      } finally {
        conn.closeSync();
      }
    };
    return {
      id,
      kind: "duckdb",
      query,
      value: valueOf(query),
      columnType: async (ns, table, column) =>
        ((
          await query(
            `SELECT data_type AS t FROM information_schema.columns WHERE table_schema = '${ns}' AND table_name = '${table}' AND column_name = '${column}'`,
          )
        )[0]?.t as string) ?? null,
      tables: async (ns) =>
        (await query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = '${ns}' ORDER BY 1`)).map((r) => String(r.t)),
    };
  };

  const postgres = async (name: string): Promise<TTestDestination> => {
    warehouse ??= await createPgFixture();
    const w = warehouse;
    const id = (await createEndpoint("destination", { name, connector: "postgres-destination", config: w.config }, ACTOR)).id;
    const query = (sql: string) => w.query(sql);
    return {
      id,
      kind: "postgres",
      query,
      value: valueOf(query),
      columnType: async (ns, table, column) =>
        (
          await w.query<{ t: string }>(
            `SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND NOT a.attisdropped`,
            [ns, table, column],
          )
        )[0]?.t ?? null,
      tables: async (ns) => (await w.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [ns])).map((r) => r.t),
    };
  };

  return {
    source,
    sourceId,
    duckdb,
    postgres,
    connect: async (input) =>
      (
        await createConnection(
          {
            name: input.name,
            sourceId,
            destinationId: input.destinationId,
            namespace: input.namespace,
            tablePrefix: "",
            schedule: null,
            schemaChangePolicy: input.policy,
            streams: input.streams,
          },
          ACTOR,
        )
      ).id,
    run: async (connectionId, opts = {}) => {
      const runId = (await db().run.create({ data: { connectionId, trigger: "manual" } })).id;
      try {
        await runConnectionSync({ runId, attempt: opts.attempt ?? 1, maxAttempts: opts.maxAttempts ?? 4, log: logger, signal: new AbortController().signal });
        return { runId };
      } catch (e) {
        return { runId, error: { code: (e as { code?: string }).code, message: e instanceof Error ? e.message : String(e) } };
      }
    },
    rediscover: async () => void (await discoverSource(sourceId, ACTOR)),
    teardown: async () => {
      await source.drop();
      await warehouse?.drop();
      await teardown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
