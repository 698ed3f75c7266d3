/**
 * Test support for the DuckDB destination: a real warehouse file in a fresh
 * temporary folder, sessions on it, tables read back as wire text, and
 * typed builders for write plans and batches.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TConformanceTarget } from "@/connectors/testing/destination-conformance";
import { loadOnce, planBuilder } from "@/connectors/testing/load-builders";
import type { TDestinationSession, TWritePlan } from "@/connectors/types";
import { connector } from "@/connectors/duckdb/destination";
import { openDatabase } from "@/connectors/duckdb/open-database";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";
import { weirTypeOfDuckDb } from "@/connectors/duckdb/type-mapping";
import { logger } from "@/lib/logger";

export type TTestWarehouse = TConformanceTarget & {
  dir: string;
  file: string;
  openSession(): Promise<TDestinationSession>;
  /** Runs a query on the warehouse (its own short-lived connection). */
  query(sql: string): Promise<unknown[][]>;
  teardown(): Promise<void>;
};

export const testContext = () => ({ log: logger, signal: new AbortController().signal });

/** Name and DuckDB type of each column of a table, in table order. */
const columnsSql = (namespace: string, table: string) =>
  `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ${sqlString(namespace)} AND table_name = ${sqlString(table)} ORDER BY column_index`;

export async function createTestWarehouse(): Promise<TTestWarehouse> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-dest-"));
  const file = path.join(dir, "warehouse", "warehouse.duckdb");
  const config = { path: file };
  const query = async (sql: string) => {
    const db = await openDatabase(file);
    try {
      return await db.rows(sql);
    } finally {
      await db.close();
    }
  };
  return {
    dir,
    file,
    query,
    openSession: () => connector.open(config, testContext()),
    /** The columns as wire text, read back by the destination's own toWireSql through the Weir type each stored type maps to; no rows when the table does not exist. */
    async readTable(namespace, table, columns) {
      const types = new Map((await query(columnsSql(namespace, table))).map((r) => [String(r[0]).toLowerCase(), String(r[1])]));
      if (!types.size) return [];
      const select = columns.map((c) => toWireSql(ident(c), weirTypeOfDuckDb(types.get(c.toLowerCase()) ?? "VARCHAR") ?? { kind: "text" }));
      const rows = await query(`SELECT ${select.join(", ")} FROM ${qualified(namespace, table)}`);
      return rows.map((r) => r.map((v) => (v === null ? null : String(v))));
    },
    async listColumns(namespace, table) {
      return (await query(columnsSql(namespace, table))).map((r) => String(r[0]));
    },
    async listTables(namespace) {
      return (await query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = ${sqlString(namespace)} ORDER BY 1`)).map((r) => String(r[0]));
    },
    async teardown() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { ID, NAME, UPDATED, buildBatch, ts } from "@/connectors/testing/load-builders";

export const buildPlan = planBuilder({ connectionId: "conn-duckdb-test", namespace: "raw" });

/** One attempt as the sync engine runs it: discard stale staging, prepare, write the batches, commit with the ledger's state. */
export function loadAttempt(warehouse: TTestWarehouse, plan: TWritePlan, batches: unknown[][][]) {
  return loadOnce(() => warehouse.openSession(), plan, batches);
}
