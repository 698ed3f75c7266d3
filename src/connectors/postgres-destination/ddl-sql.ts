/**
 * DDL of the PostgreSQL destination: schemas, target tables and their new
 * columns, per-attempt staging tables and the merge index (the bookkeeping
 * tables are in ledger-sql.ts, what a commit changes in target-ddl.ts).
 * Pure: each function returns SQL text with every identifier quoted.
 *
 * Target columns are all nullable and carry no constraints: a column the
 * source drops stays and is NULL in new rows, and append modes keep
 * duplicates by design.
 */
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { pgType } from "@/connectors/postgres-destination/type-mapping";
import { type TColumn, WEIR_COLUMNS } from "@/connectors/types";

/** Weir's own columns, in the order they follow the source columns. */
export const WEIR_COLUMN_DEFS: readonly { name: string; sqlType: string }[] = [
  { name: WEIR_COLUMNS.runId, sqlType: "text" },
  { name: WEIR_COLUMNS.extractedAt, sqlType: "timestamptz" },
  { name: WEIR_COLUMNS.stream, sqlType: "text" },
];

/**
 * Key of the advisory lock that serializes this destination's DDL, so two
 * sessions creating the same schema, table or ledger at once do not race
 * (CREATE … IF NOT EXISTS is not safe against concurrent creation). Taken
 * only by transactions that change the catalogue.
 */
export const DDL_LOCK_KEY = 0x5745_4952_0001n; // "WEIR" 1

export function createSchemaSql(schema: string): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`;
}

/** Column definitions: the source's, then Weir's. */
function columnDefs(columns: readonly TColumn[]): string[] {
  return [...columns.map((c) => `${quoteIdent(c.name)} ${pgType(c.type)}`), ...WEIR_COLUMN_DEFS.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`)];
}

/** A new table with the plan's columns and Weir's (the target, or full_refresh_overwrite's new copy of a table that does not exist yet). */
export function createTargetSql(schema: string, table: string, columns: readonly TColumn[]): string {
  return `CREATE TABLE IF NOT EXISTS ${qualified(schema, table)} (${columnDefs(columns).join(", ")})`;
}

/** Every column the target should have, source first, with its SQL type. */
export function targetColumnDefs(columns: readonly TColumn[]): { name: string; sqlType: string }[] {
  return [...columns.map((c) => ({ name: c.name, sqlType: pgType(c.type) })), ...WEIR_COLUMN_DEFS];
}

/** Staging column of the source column at `index` (0-based): positional, so no source name can clash. */
export function stageColumn(index: number): string {
  return `c${index + 1}`;
}

/** The staged extraction time; set per batch through the column default. */
export const STAGE_EXTRACTED_AT = "_weir_extracted_at";

/**
 * The staged rows' order, numbered as COPY stores them (incremental_dedup
 * only: among rows with the same key and cursor the one read last wins, and
 * a row's ctid does not say which came later, since COPY fills earlier pages
 * with room left). A cached identity: about +15% on that COPY, nothing on
 * the other modes.
 */
export const STAGE_ORDER = "_weir_staged_order";

/**
 * An UNLOGGED table of text columns, one per source column, plus the
 * extraction time (and with `ordered`, STAGE_ORDER). Unlogged: nothing in it
 * must survive a server crash (the attempt is retried), so it skips the WAL.
 * Autovacuum has no business with it.
 */
export function createStageSql(schema: string, stage: string, columnCount: number, ordered = false): string {
  const cols = Array.from({ length: columnCount }, (_, i) => `${quoteIdent(stageColumn(i))} text`);
  const order = ordered ? [`${quoteIdent(STAGE_ORDER)} bigint GENERATED ALWAYS AS IDENTITY (CACHE 10000)`] : [];
  return `CREATE UNLOGGED TABLE IF NOT EXISTS ${qualified(schema, stage)} (${[...cols, `${quoteIdent(STAGE_EXTRACTED_AT)} timestamptz`, ...order].join(", ")}) WITH (autovacuum_enabled = off)`;
}

/** Makes the next COPY's rows carry `extractedAt` without a field in the CSV. */
export function setStageExtractedAtSql(schema: string, stage: string, extractedAt: Date): string {
  return `ALTER TABLE ${qualified(schema, stage)} ALTER COLUMN ${quoteIdent(STAGE_EXTRACTED_AT)} SET DEFAULT '${extractedAt.toISOString()}'::timestamptz`;
}

/** The load-time defaults of a direct load's new table: COPY fills Weir's run id and stream without fields in the CSV. */
export function setWeirDefaultsSql(schema: string, copy: string, runId: string, stream: string): string {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  return `ALTER TABLE ${qualified(schema, copy)} ALTER COLUMN ${quoteIdent(WEIR_COLUMNS.runId)} SET DEFAULT ${literal(runId)}, ALTER COLUMN ${quoteIdent(WEIR_COLUMNS.stream)} SET DEFAULT ${literal(stream)}`;
}

/** Removes the load-time defaults of Weir's columns from a direct load's table. */
export function dropWeirDefaultsSql(schema: string, copy: string): string {
  return `ALTER TABLE ${qualified(schema, copy)} ${WEIR_COLUMN_DEFS.map((c) => `ALTER COLUMN ${quoteIdent(c.name)} DROP DEFAULT`).join(", ")}`;
}

/**
 * COPY of one wire batch into the given staging columns. PostgreSQL's CSV
 * defaults are the wire format: `,` and `"`, quote doubling, and NULL as an
 * empty unquoted field while `""` is the empty string.
 */
export function copyIntoStageSql(schema: string, stage: string, stageColumns: readonly string[]): string {
  return `COPY ${qualified(schema, stage)} (${stageColumns.map(quoteIdent).join(", ")}) FROM STDIN WITH (FORMAT csv)`;
}

export function dropTableSql(schema: string, table: string): string {
  return `DROP TABLE IF EXISTS ${qualified(schema, table)}`;
}

/** A plain (non-unique) index on the primary key, so merges find the rows they replace without a full scan. */
export function createMergeIndexSql(schema: string, table: string, indexName: string, primaryKey: readonly string[]): string {
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(indexName)} ON ${qualified(schema, table)} (${primaryKey.map(quoteIdent).join(", ")})`;
}
