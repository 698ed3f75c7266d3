/**
 * Test fixture of the PostgreSQL destination: a fresh real database
 * (createTestDatabase), the destination's config for it, sessions on it,
 * typed builders for plans and batches, and read-backs of tables as wire text
 * (the conformance suite's `TConformanceTarget`).
 */
import pg from "pg";

import type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { SESSION_SETTINGS_SQL } from "@/connectors/postgres-destination/connect";
import { connector } from "@/connectors/postgres-destination/destination";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { weirTypeFromStored } from "@/connectors/postgres-destination/stored-types";
import { wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import { loadOnce as loadAttempt, planBuilder } from "@/connectors/testing/load-builders";
import type { TConnectorContext, TDestinationSession, TWritePlan } from "@/connectors/types";
import { createTestDatabase } from "@/db/test-database";
import { logger } from "@/lib/logger";

export type TPgFixture = {
  url: string;
  config: TPostgresDestinationConfig;
  ctx: TConnectorContext;
  open(): Promise<TDestinationSession>;
  /** One statement on a fresh connection (UTC, ISO dates). */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows of a table as wire text (null for NULL), columns in the given order, sorted; [] when there is no such table. */
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  listTables(namespace: string): Promise<string[]>;
  /** A table's column names in table order; [] when it does not exist. */
  listColumns(namespace: string, table: string): Promise<string[]>;
  drop(): Promise<void>;
};

/** The destination config reaching the database behind `url`. */
export function configFromUrl(url: string): TPostgresDestinationConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    sslMode: "prefer",
    defaultSchema: "public",
  };
}

export function testContext(signal: AbortSignal = new AbortController().signal): TConnectorContext {
  return { log: logger.child({ test: "postgres-destination" }), signal };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SESSION_SETTINGS_SQL);
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createPgFixture(): Promise<TPgFixture> {
  const database = await createTestDatabase();
  const config = configFromUrl(database.url);
  const ctx = testContext();
  const query = <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => withClient(database.url, async (c) => (await c.query<T>(sql, params)).rows);
  return {
    url: database.url,
    config,
    ctx,
    open: () => connector.open(config, ctx),
    query,
    readTable: (namespace, table, columns) =>
      withClient(database.url, async (client) => {
        // Only a commit creates the target: before the first one there is no table, and so no rows.
        const exists = await client.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [qualified(namespace, table)]);
        if (!exists.rows[0]?.found) return [];
        const types = await client.query<{ attname: string; type: string }>(
          `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
          [qualified(namespace, table)],
        );
        const typeOf = new Map(types.rows.map((r) => [r.attname, r.type]));
        const exprs = columns.map(
          (c, i) => `${wireFromValue(`t.${quoteIdent(c)}`, weirTypeFromStored(typeOf.get(c) ?? "text") ?? { kind: "text" })} AS ${quoteIdent(`w${i}`)}`,
        );
        const rows = await client.query({ text: `SELECT ${exprs.join(", ")} FROM ${qualified(namespace, table)} AS t`, rowMode: "array" });
        return (rows.rows as (string | null)[][]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      }),
    listTables: async (namespace) =>
      (
        await query<{ relname: string }>(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`,
          [namespace],
        )
      ).map((r) => r.relname),
    listColumns: async (namespace, table) =>
      (
        await query<{ attname: string }>(
          `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
          [namespace, table],
        )
      ).map((r) => r.attname),
    drop: () => database.drop(),
  };
}

export { ID, NAME, UPDATED, buildBatch, ts } from "@/connectors/testing/load-builders";

/** A write plan with sensible defaults: bigint id, text name, timestamptz cursor, a new run id. */
export const buildPlan = planBuilder({ connectionId: "conn-pg-dest", namespace: "weir_test" });

/** One full attempt as the sync engine runs it: discard, prepare, write, commit. */
export function loadOnce(fixture: Pick<TPgFixture, "open">, plan: TWritePlan, batches: readonly (readonly (readonly unknown[])[])[]) {
  return loadAttempt(() => fixture.open(), plan, batches);
}
