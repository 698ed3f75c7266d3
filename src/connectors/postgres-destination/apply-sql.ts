/**
 * The statements of a commit: staged wire text → typed rows → target, by sync
 * mode (the cursor and its boundary are boundary-sql.ts). Pure: each function
 * returns SQL text (parameters noted per function); the session runs them in
 * one transaction. Everything is set-based: no row reaches JavaScript.
 *
 * The typed view of the staging table names its columns positionally (v1…vN,
 * then x_extracted_at, x_ctid and, where the staging keeps it, x_order),
 * so no source column name can clash with the machinery, and every cast is
 * written once. incremental_dedup's merge is merge-sql.ts.
 */
import { castColumnFromWire } from "@/connectors/postgres-destination/cast-check-sql";
import { STAGE_EXTRACTED_AT, STAGE_ORDER, WEIR_COLUMN_DEFS, stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
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
  /** Whether the staging table numbers its rows in the order they were staged (`STAGE_ORDER`; incremental_dedup's ties). */
  stagedOrder: boolean;
};

export const typedName = (index: number) => `v${index + 1}`;

export function indexOfColumn(t: TApplyTarget, name: string): number {
  const i = t.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`column "${name}" is not a column of the stream`); // callers validate plans first
  return i;
}

/** The staging table with every column converted to its target type (castFrom columns checked: cast-check-sql.ts). */
export function typedStageSql(t: TApplyTarget): string {
  const casts = t.columns.map((c, i) => `${castColumnFromWire(`s.${quoteIdent(stageColumn(i))}`, c)} AS ${typedName(i)}`);
  const order = t.stagedOrder ? [`s.${quoteIdent(STAGE_ORDER)} AS x_order`] : [];
  return `SELECT ${[...casts, `s.${quoteIdent(STAGE_EXTRACTED_AT)} AS x_extracted_at`, "s.ctid AS x_ctid", ...order].join(", ")} FROM ${qualified(t.stageSchema, t.stage)} AS s`;
}

/** The target's column list of an INSERT: the source columns, then Weir's. */
export function insertColumnsSql(t: TApplyTarget): string {
  return [...t.columns.map((c) => quoteIdent(c.name)), ...WEIR_COLUMN_DEFS.map((c) => quoteIdent(c.name))].join(", ");
}

/** The values of an INSERT from a typed row source aliased `alias`; $1 = run id, $2 = stream. */
export function insertValuesSql(t: TApplyTarget, alias: string): string {
  return [...t.columns.map((_, i) => `${alias}.${typedName(i)}`), "$1::text", `${alias}.x_extracted_at`, "$2::text"].join(", ");
}

/** Appends every staged row to `into` (the target, or the overwrite copy). Parameters: $1 run id, $2 stream. */
export function insertStagedSql(t: TApplyTarget, into: string = t.table): string {
  return `INSERT INTO ${qualified(t.schema, into)} (${insertColumnsSql(t)}) SELECT ${insertValuesSql(t, "typed")} FROM (${typedStageSql(t)}) AS typed`;
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
  return [
    `DELETE FROM ${target}`,
    `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM ${qualified(t.schema, copy)}`,
    `DROP TABLE ${qualified(t.schema, copy)}`,
  ];
}
