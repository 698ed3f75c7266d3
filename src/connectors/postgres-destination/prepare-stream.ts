/**
 * `prepareStream`: makes sure the schema, the ledger, the target table with
 * every column of the plan, the merge index (incremental_dedup) and this
 * attempt's staging table (for a direct load: a new, empty table) exist.
 * Idempotent; one short transaction under an advisory lock so concurrent
 * syncs into one database do not race on CREATE … IF NOT EXISTS.
 *
 * Existence is looked up before creating: `CREATE SCHEMA IF NOT EXISTS` needs
 * CREATE on the database even when the schema exists, and an unchanged table
 * should not be locked by an ALTER on every run.
 */
import type pg from "pg";

import {
  CREATE_LEDGER_SQL,
  DDL_LOCK_KEY,
  addColumnsSql,
  createMergeIndexSql,
  createDirectLoadSql,
  createSchemaSql,
  createStageSql,
  createTargetSql,
  targetColumnDefs,
} from "@/connectors/postgres-destination/ddl-sql";
import { LEDGER_SCHEMA, LEDGER_TABLE } from "@/connectors/postgres-destination/identifiers";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";

const RELATION_SQL = `SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`;
const COLUMNS_SQL = `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`;

async function relationExists(client: pg.Client, schema: string, name: string): Promise<boolean> {
  return ((await client.query(RELATION_SQL, [schema, name])).rowCount ?? 0) > 0;
}

async function ensureSchema(client: pg.Client, schema: string): Promise<void> {
  const found = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  if (!found.rowCount) await client.query(createSchemaSql(schema));
}

/** Creates `_weir` and the ledger when missing. Call inside a transaction holding the DDL lock. */
async function ensureLedger(client: pg.Client): Promise<void> {
  if (await relationExists(client, LEDGER_SCHEMA, LEDGER_TABLE)) return;
  await ensureSchema(client, LEDGER_SCHEMA);
  for (const sql of CREATE_LEDGER_SQL.slice(1)) await client.query(sql);
}

async function ensureTarget(client: pg.Client, r: TResolvedPlan): Promise<void> {
  const existing = new Set((await client.query<{ attname: string }>(COLUMNS_SQL, [r.schema, r.table])).rows.map((row) => row.attname));
  if (existing.size === 0 && !(await relationExists(client, r.schema, r.table))) {
    await client.query(createTargetSql(r.schema, r.table, r.columns));
    return;
  }
  const missing = targetColumnDefs(r.columns).filter((c) => !existing.has(c.name));
  if (missing.length) await client.query(addColumnsSql(r.schema, r.table, missing));
}

/** Runs `work` in a transaction holding the destination's DDL lock. */
export async function withDdlLock(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
    await work();
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

export async function prepareStream(client: pg.Client, r: TResolvedPlan): Promise<void> {
  await withDdlLock(client, async () => {
    await ensureLedger(client);
    await ensureSchema(client, r.schema);
    await ensureTarget(client, r);
    if (r.plan.mode === "incremental_dedup" && !(await relationExists(client, r.schema, r.mergeIndex))) {
      await client.query(createMergeIndexSql(r.schema, r.table, r.mergeIndex, r.primaryKey));
    }
    if (r.directLoad) {
      for (const sql of createDirectLoadSql(r.schema, r.table, r.overwriteCopy, r.plan.runId, r.plan.stream)) await client.query(sql);
    } else {
      await client.query(createStageSql(r.schema, r.stage, r.columns.length));
    }
  });
}
