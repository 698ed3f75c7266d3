/**
 * Test support for the PostgreSQL source: a fresh database on the test server
 * (createTestDatabase) with the source's config pointing at it, SQL set-up,
 * a connector context, and a reader that collects every batch. Used by the
 * *.test.ts files next to it.
 */
import pg from "pg";

import type { TPostgresSourceConfig } from "@/connectors/postgres/spec";
import { connector } from "@/connectors/postgres/source";
import type { TConnectorContext, TReadOptions, TReadRequest, TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { createTestDatabase } from "@/db/test-database";
import { logger } from "@/lib/logger";

export type TSourceDatabase = {
  url: string;
  config: TPostgresSourceConfig;
  /** Runs SQL (one or more statements) on its own connection. */
  exec(sql: string): Promise<void>;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
};

export async function createSourceDatabase(schemas: string[] = ["public"]): Promise<TSourceDatabase> {
  const database = await createTestDatabase();
  const url = new URL(database.url);
  const config: TPostgresSourceConfig = {
    host: url.hostname,
    port: Number(url.port),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    sslMode: "disable",
    schemas,
  };
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return { url: database.url, config, exec: async (sql) => void (await query(sql)), query, drop: database.drop };
}

export function testContext(signal: AbortSignal = new AbortController().signal): TConnectorContext {
  return { log: logger, signal };
}

export async function discoverStream(config: TPostgresSourceConfig, name: string): Promise<TStreamDescriptor> {
  const catalog = await connector.discover(config, testContext());
  const stream = catalog.streams.find((s) => s.name === name);
  if (!stream) throw new Error(`No stream ${name} in ${catalog.streams.map((s) => s.name).join(", ")}`);
  return stream;
}

export async function readAll(
  config: TPostgresSourceConfig,
  requests: TReadRequest[],
  opts: Partial<TReadOptions> = {},
): Promise<{ batches: TRecordBatch[]; csv: string; rows: number }> {
  const batches: TRecordBatch[] = [];
  for await (const batch of connector.read(config, requests, { ...testContext(), ...opts })) batches.push(batch);
  return {
    batches,
    csv: Buffer.concat(batches.map((b) => b.csv)).toString("utf8"),
    rows: batches.reduce((n, b) => n + b.rows, 0),
  };
}

/** Our sessions on the test database, as pg_stat_activity shows them (from another connection). */
export async function sourceSessions(db: TSourceDatabase): Promise<{ pid: number; state: string; query: string; wait_event: string | null }[]> {
  return db.query(
    "SELECT pid, state, query, wait_event FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'weir-postgres-source'",
  );
}
