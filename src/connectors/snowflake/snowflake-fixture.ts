/**
 * Test support for the Snowflake destination: a fresh database on the
 * Snowflake protocol emulator `npm test` starts (src/cli/snowflake-emulator.ts,
 * fakesnow behind the real snowflake-sdk), the destination's config for it,
 * sessions, queries, tables read back as wire text by the destination's own
 * reader (wire-text-read.ts; the conformance suite's `TConformanceTarget`)
 * and the statements the emulator received. Without
 * WEIR_TEST_SNOWFLAKE_URL a test fails with a clear message; it is never
 * skipped.
 */
import { randomBytes } from "node:crypto";

import { type TSnowflakeConfig, parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { type SnowflakeConnection, connectSnowflake } from "@/connectors/snowflake/connect";
import { connector } from "@/connectors/snowflake/destination";
import { WEIR_SCHEMA, fold, qualified, quoteStored, unfold } from "@/connectors/snowflake/identifiers";
import { rowObjects } from "@/connectors/snowflake/snowflake-values";
import { STORED_COLUMNS_SQL, parseStoredColumns, weirTypeOfStored } from "@/connectors/snowflake/stored-types";
import { respellWireText, wireTextSql } from "@/connectors/snowflake/wire-text-read";
import type { TConformanceTarget } from "@/connectors/testing/destination-conformance";
import type { TConnectorContext, TDestinationSession } from "@/connectors/types";
import { logger } from "@/lib/logger";

export function testSnowflakeUrl(): string {
  const url = process.env.WEIR_TEST_SNOWFLAKE_URL;
  if (!url)
    throw new Error("WEIR_TEST_SNOWFLAKE_URL is not set: run the tests with `npm test`, which starts the Snowflake emulator (src/cli/snowflake-emulator.ts).");
  return url;
}

/** A statement as the emulator received it. */
export type TEmulatedQuery = { queryId: string | null; sqlText: string; queryTag: string | null; success: boolean };

/** Every statement the emulator has received so far (from every test process). */
export async function emulatorQueries(): Promise<TEmulatedQuery[]> {
  const response = await fetch(`${testSnowflakeUrl()}/__emulator/queries`);
  return ((await response.json()) as { queries: TEmulatedQuery[] }).queries;
}

export type TSnowflakeFixture = TConformanceTarget & {
  config: TSnowflakeConfig;
  database: string;
  ctx: TConnectorContext;
  openSession(): Promise<TDestinationSession>;
  /** One statement on the fixture's own connection; rows keyed by Weir's (unfolded) column names. */
  query(sql: string, binds?: (string | number | null)[]): Promise<Record<string, unknown>[]>;
  teardown(): Promise<void>;
};

export const testContext = (): TConnectorContext => ({ log: logger.child({ test: "snowflake" }), signal: new AbortController().signal });

/** A config for `database` on the emulator; the emulator takes any account, user and password. */
export function emulatorConfig(database: string): TSnowflakeConfig {
  return {
    account: "weir-test",
    user: "weir",
    authMethod: "password",
    password: "emulator-password",
    warehouse: "WEIR_WH",
    database,
    schema: "PUBLIC",
    accessUrl: testSnowflakeUrl(),
  };
}

export async function createSnowflakeFixture(): Promise<TSnowflakeFixture> {
  const database = `WEIR_TEST_${randomBytes(5).toString("hex").toUpperCase()}`;
  const config = emulatorConfig(database);
  const ctx = testContext();
  const admin: SnowflakeConnection = await connectSnowflake(parseSnowflakeConfig(config), { log: ctx.log, tag: '{"app":"weir-test"}' });
  for (const sql of [
    `CREATE DATABASE IF NOT EXISTS ${database}`,
    `CREATE SCHEMA IF NOT EXISTS ${database}.PUBLIC`,
    `USE DATABASE ${database}`,
    "USE SCHEMA PUBLIC",
  ])
    await admin.exec(sql, "preparing the test database");
  const query = async (sql: string, binds?: (string | number | null)[]) => {
    const result = await admin.exec(sql, "running a test query", { binds });
    return rowObjects(result.rows, result.columns, unfold);
  };
  return {
    config,
    database,
    ctx,
    openSession: () => connector.open(config, ctx),
    query,
    readTable: async (namespace, table, columns) => {
      const stored = parseStoredColumns(
        (await admin.exec(STORED_COLUMNS_SQL, "reading a test table's columns", { binds: [fold(namespace), fold(table)] })).rows,
      );
      if (stored.length === 0) return []; // no table: no rows
      const types = columns.map((name) => {
        const column = stored.find((c) => c.name === fold(name));
        if (!column) throw new Error(`${namespace}.${table} has no column "${name}" (it has ${stored.map((c) => c.name).join(", ")})`);
        return { column, type: weirTypeOfStored(column) ?? { kind: "text" as const } };
      });
      const select = types.map(({ column, type }) => `${wireTextSql(quoteStored(column.name), type)} AS ${quoteStored(column.name)}`);
      const result = await admin.exec(`SELECT ${select.join(", ")} FROM ${qualified(namespace, table)}`, "reading a test table");
      return result.rows
        .map((row) => row.map((v, i) => respellWireText(v === null || v === undefined ? null : String(v), types[i]!.type)))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    },
    listColumns: async (namespace, table) => {
      const stored = parseStoredColumns(
        (await admin.exec(STORED_COLUMNS_SQL, "reading a test table's columns", { binds: [fold(namespace), fold(table)] })).rows,
      );
      return stored.map((c) => unfold(c.name));
    },
    // The namespace's tables and Weir's own (staging lives in _WEIR), as Weir names them.
    listTables: async (namespace) => {
      const rows = await query("SELECT table_name FROM information_schema.tables WHERE table_schema IN (?, ?) ORDER BY 1", [fold(namespace), WEIR_SCHEMA]);
      return rows.map((r) => unfold(String(r.table_name)));
    },
    teardown: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${database}`, "dropping the test database").catch(() => undefined);
      await admin.close();
    },
  };
}
