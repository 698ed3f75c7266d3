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
import type { TColumn, TDestinationSession, TRecordBatch, TWritePlan } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
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

export const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
export const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
export const UPDATED: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };

export function buildPlan(overrides: Partial<TWritePlan> & Pick<TWritePlan, "table" | "mode">): TWritePlan {
  return {
    connectionId: "conn-duckdb-test",
    runId: randomUUID(),
    attempt: 1,
    stream: `public.${overrides.table}`,
    namespace: "raw",
    columns: [ID, NAME, UPDATED],
    primaryKey: ["id"],
    cursorField: "updated_at",
    ...overrides,
  };
}

export function buildBatch(plan: TWritePlan, rows: unknown[][], extractedAt = new Date()): TRecordBatch {
  return { stream: plan.stream, columns: plan.columns.map((c) => c.name), csv: encodeWireRows(plan.columns, rows), rows: rows.length, extractedAt };
}

/** One attempt as the sync engine runs it: discard stale staging, prepare, write the batches, commit with the ledger's state. */
export async function loadAttempt(warehouse: TTestWarehouse, plan: TWritePlan, batches: unknown[][][]) {
  const session = await warehouse.openSession();
  try {
    await session.discardStaging(plan);
    await session.prepareStream(plan);
    for (const rows of batches) await session.writeBatch(plan, buildBatch(plan, rows));
    const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
    return await session.commitStream(plan, previous);
  } finally {
    await session.close();
  }
}

/** A timestamptz in wire text: 2024-05-01 10:00:<second>+00. */
export const ts = (second: number) => `2024-05-01 10:00:${String(second).padStart(2, "0")}+00`;
