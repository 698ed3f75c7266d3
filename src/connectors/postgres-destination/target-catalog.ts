/**
 * Reads what the catalogue holds of a stream's target and of Weir's
 * bookkeeping tables (one query), and runs the DDL a commit needs inside the
 * commit's own transaction. The DDL advisory lock is taken only when there
 * is DDL to run (then the catalogue is read again under it, since another
 * session may just have created the same things), so commits that change
 * nothing in the catalogue never wait for each other.
 */
import type pg from "pg";

import { DDL_LOCK_KEY } from "@/connectors/postgres-destination/ddl-sql";
import { BOOKKEEPING_TABLE_NAMES, bookkeepingDdl } from "@/connectors/postgres-destination/ledger-sql";
import { LEDGER_SCHEMA } from "@/connectors/postgres-destination/identifiers";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import { type TStoredColumn, type TTargetState, targetDdl } from "@/connectors/postgres-destination/target-ddl";

export type TCatalog = TTargetState & { weirSchemaExists: boolean; bookkeeping: Set<string> };

/** Parameters: $1 schema, $2 table, $3 merge index name, $4 bookkeeping table names. */
const CATALOG_SQL = `SELECT
  EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema_exists,
  EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')) AS table_exists,
  (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $3) AS merge_index_exists,
  EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${LEDGER_SCHEMA}') AS weir_schema_exists,
  ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${LEDGER_SCHEMA}' AND c.relname = ANY($4::text[])) AS bookkeeping`;

type TCatalogRow = {
  schema_exists: boolean;
  table_exists: boolean;
  columns: TStoredColumn[] | null;
  merge_index_exists: boolean;
  weir_schema_exists: boolean;
  bookkeeping: string[];
};

export async function readCatalog(client: pg.Client, target: { schema: string; table: string; mergeIndex?: string }): Promise<TCatalog> {
  const row = (await client.query<TCatalogRow>(CATALOG_SQL, [target.schema, target.table, target.mergeIndex ?? "", BOOKKEEPING_TABLE_NAMES])).rows[0]!;
  return {
    schemaExists: row.schema_exists,
    columns: row.table_exists ? (row.columns ?? []) : null,
    mergeIndexExists: row.merge_index_exists,
    weirSchemaExists: row.weir_schema_exists,
    bookkeeping: new Set(row.bookkeeping),
  };
}

/** Takes the DDL lock (until the transaction ends). */
export async function lockDdl(client: pg.Client): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
}

/**
 * Runs `plan(catalog)`'s statements inside the open transaction; under the
 * DDL lock, against a fresh read, when there are any. Returns the catalogue
 * as it was before them (what the commit compares the plan with).
 */
export async function runCatalogDdl(
  client: pg.Client,
  target: { schema: string; table: string; mergeIndex?: string },
  plan: (catalog: TCatalog) => string[],
): Promise<TCatalog> {
  let catalog = await readCatalog(client, target);
  if (plan(catalog).length === 0) return catalog;
  await lockDdl(client);
  catalog = await readCatalog(client, target);
  for (const sql of plan(catalog)) await client.query(sql);
  return catalog;
}

/** The commit's DDL: Weir's bookkeeping tables and the target's shape (target-ddl.ts; SCHEMA_CHANGED before anything runs). */
export function commitDdl(r: TResolvedPlan): (catalog: TCatalog) => string[] {
  return (catalog) => [...bookkeepingDdl(catalog.bookkeeping, catalog.weirSchemaExists), ...targetDdl(r, catalog)];
}
