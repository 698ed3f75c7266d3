/**
 * The statements of a commit: staged wire text → typed rows → target, by sync
 * mode (the cursor and its boundary are boundary-sql.ts). Pure: each function
 * returns SQL text (parameters noted per function); the session runs them in
 * one transaction. Everything is set-based: no row reaches JavaScript.
 *
 * The typed view of the staging table names its columns positionally (v1…vN,
 * then x_extracted_at and x_ctid), so no source column name can clash with
 * the machinery, and every cast is written once.
 */
import { STAGE_EXTRACTED_AT, WEIR_COLUMN_DEFS, stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { castFromWire } from "@/connectors/postgres-destination/type-mapping";
import type { TColumn } from "@/connectors/types";

/** What the commit statements need to know about a stream. */
export type TApplyTarget = {
  schema: string;
  table: string;
  /** The staging table and its schema (the target's, or `_weir` while the target schema does not exist). */
  stage: string;
  stageSchema: string;
  columns: readonly TColumn[];
  primaryKey: readonly string[];
  cursorField?: string;
};

const typedName = (index: number) => `v${index + 1}`;

export function indexOfColumn(t: TApplyTarget, name: string): number {
  const i = t.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`column "${name}" is not a column of the stream`); // callers validate plans first
  return i;
}

/** The staging table with every column converted to its target type. */
export function typedStageSql(t: TApplyTarget): string {
  const casts = t.columns.map((c, i) => `${castFromWire(`s.${quoteIdent(stageColumn(i))}`, c.type)} AS ${typedName(i)}`);
  return `SELECT ${[...casts, `s.${quoteIdent(STAGE_EXTRACTED_AT)} AS x_extracted_at`, "s.ctid AS x_ctid"].join(", ")} FROM ${qualified(t.stageSchema, t.stage)} AS s`;
}

/** The target's column list of an INSERT: the source columns, then Weir's. */
export function insertColumnsSql(t: TApplyTarget): string {
  return [...t.columns.map((c) => quoteIdent(c.name)), ...WEIR_COLUMN_DEFS.map((c) => quoteIdent(c.name))].join(", ");
}

/** The values of an INSERT from a typed row source aliased `alias`; $1 = run id, $2 = stream. */
function insertValuesSql(t: TApplyTarget, alias: string): string {
  return [...t.columns.map((_, i) => `${alias}.${typedName(i)}`), "$1::text", `${alias}.x_extracted_at`, "$2::text"].join(", ");
}

/** Appends every staged row to `into` (the target, or the overwrite copy). Parameters: $1 run id, $2 stream. */
export function insertStagedSql(t: TApplyTarget, into: string = t.table): string {
  return `INSERT INTO ${qualified(t.schema, into)} (${insertColumnsSql(t)}) SELECT ${insertValuesSql(t, "typed")} FROM (${typedStageSql(t)}) AS typed`;
}

/**
 * incremental_dedup in one statement. The newest staged row per key (cursor
 * descending, NULL cursors oldest; among equals the later batch, then the
 * later row) wins unless the target already holds a newer cursor for that key
 * (a re-sent old version never replaces a newer one; on equal cursors the new
 * load wins). Each winner replaces every target row with its key.
 *
 * The DELETE and the INSERT share one snapshot, so the DELETE never sees the
 * rows being inserted. Keys are compared with `=`: rows whose key has a NULL
 * are only ever appended. Parameters: $1 run id, $2 stream.
 */
export function mergeStagedSql(t: TApplyTarget): string {
  const keyIndexes = t.primaryKey.map((k) => indexOfColumn(t, k));
  const cursor = t.cursorField === undefined ? undefined : { column: quoteIdent(t.cursorField), typed: typedName(indexOfColumn(t, t.cursorField)) };
  const order = keyIndexes.map((i) => `typed.${typedName(i)}`);
  if (cursor) order.push(`typed.${cursor.typed} DESC NULLS LAST`);
  order.push("typed.x_extracted_at DESC", "typed.x_ctid DESC");
  const target = qualified(t.schema, t.table);
  const match = (alias: string) => t.primaryKey.map((k, j) => `old.${quoteIdent(k)} = ${alias}.${typedName(keyIndexes[j]!)}`).join(" AND ");
  const newerInTarget = cursor
    ? ` WHERE NOT EXISTS (SELECT 1 FROM ${target} AS old WHERE ${match("fresh")} AND (old.${cursor.column} > fresh.${cursor.typed} OR (fresh.${cursor.typed} IS NULL AND old.${cursor.column} IS NOT NULL)))`
    : "";
  return (
    `WITH fresh AS MATERIALIZED (SELECT DISTINCT ON (${keyIndexes.map((i) => `typed.${typedName(i)}`).join(", ")}) typed.* FROM (${typedStageSql(t)}) AS typed ORDER BY ${order.join(", ")}), ` +
    `winners AS MATERIALIZED (SELECT fresh.* FROM fresh${newerInTarget}), ` +
    `replaced AS (DELETE FROM ${target} AS old USING winners WHERE ${match("winners")}) ` +
    `INSERT INTO ${target} (${insertColumnsSql(t)}) SELECT ${insertValuesSql(t, "winners")} FROM winners`
  );
}

/** Privileges granted on the target to roles other than its owner ($1 = the quoted, qualified target name). */
export const TARGET_GRANTS_SQL = `SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee, a.is_grantable
  FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`;

/** Re-grants one privilege of the old target on the copy. `grantee` comes from regrole output (already quoted). */
export function grantSql(schema: string, copy: string, privilege: string, grantee: string, grantable: boolean): string {
  if (!/^[A-Z ]+$/.test(privilege)) throw new Error(`unexpected privilege "${privilege}"`);
  return `GRANT ${privilege} ON ${qualified(schema, copy)} TO ${grantee}${grantable ? " WITH GRANT OPTION" : ""}`;
}

/** The swap: the old table goes, the copy takes its name; readers blocked on the old one then read the new one. */
export function swapInSql(t: TApplyTarget, copy: string): string[] {
  return [`DROP TABLE ${qualified(t.schema, t.table)}`, `ALTER TABLE ${qualified(t.schema, copy)} RENAME TO ${quoteIdent(t.table)}`];
}

/**
 * When views or foreign keys depend on the target it cannot be dropped: its
 * rows are replaced in place instead (still inside the one transaction, so
 * readers see the old rows until the commit).
 */
export function replaceRowsSql(t: TApplyTarget, copy: string): string[] {
  const target = qualified(t.schema, t.table);
  const cols = insertColumnsSql(t);
  return [`DELETE FROM ${target}`, `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM ${qualified(t.schema, copy)}`, `DROP TABLE ${qualified(t.schema, copy)}`];
}
