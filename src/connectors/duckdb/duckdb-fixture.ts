/**
 * Test support for the DuckDB destination: a real warehouse file in a fresh
 * temporary folder, sessions on it, tables read back as wire text, and
 * typed builders for write plans and batches.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TConformanceTarget } from "@/connectors/testing/destination-conformance";
import { loadOnce, planBuilder } from "@/connectors/testing/load-builders";
import type { TDestinationSession, TWritePlan } from "@/connectors/types";
import { connector } from "@/connectors/duckdb/destination";
import { openDatabase } from "@/connectors/duckdb/open-database";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
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

/** SQL giving the wire text of a column of DuckDB type `type` (as duckdb_columns spells it). */
function wireTextSql(expr: string, type: string): string {
  if (type.endsWith("[]")) return `CAST(to_json(${expr}) AS VARCHAR)`;
  if (type === "BLOB") return `to_base64(${expr})`;
  if (type === "DOUBLE") return `CASE WHEN isnan(${expr}) THEN 'NaN' WHEN isinf(${expr}) THEN (CASE WHEN ${expr} > 0 THEN 'Infinity' ELSE '-Infinity' END) ELSE CAST(${expr} AS VARCHAR) END`;
  return `CAST(${expr} AS VARCHAR)`;
}

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
    async readTable(namespace, table, columns) {
      const types = new Map(
        (await query(`SELECT lower(column_name), data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ${sqlString(namespace)} AND table_name = ${sqlString(table)}`)).map(
          (r) => [String(r[0]), String(r[1])],
        ),
      );
      const select = columns.map((c) => wireTextSql(ident(c), types.get(c.toLowerCase()) ?? "VARCHAR"));
      const rows = await query(`SELECT ${select.join(", ")} FROM ${qualified(namespace, table)}`);
      return rows.map((r) => r.map((v) => (v === null ? null : String(v))));
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
