/**
 * What the source's system catalogs say about relations: which tables and
 * views the user can read in the included schemas, their columns (types with
 * domains resolved to the base type), primary keys and row estimates. Shared
 * by discover (all relations) and read (the one relation of a request, looked
 * up again so a read always uses the live column types).
 */
import type pg from "pg";

import type { TPgType } from "@/connectors/postgres/type-mapping";

export type TRelationKind = "table" | "partitioned_table" | "foreign_table" | "view" | "materialized_view";

export type TPgRelation = {
  oid: string;
  schema: string;
  name: string;
  kind: TRelationKind;
  /** pg_class.reltuples (summed over partitions); null when never analysed. */
  estimatedRows: number | null;
};

export type TPgColumn = {
  name: string;
  notNull: boolean;
  /** format_type with modifiers, for display: "numeric(12,2)", "character varying(20)", "integer[]". */
  sourceType: string;
  /** format_type without modifiers: a type name to cast a literal to, e.g. "timestamp with time zone". */
  castType: string;
  type: TPgType;
};

const RELKINDS: Record<string, TRelationKind> = { r: "table", p: "partitioned_table", f: "foreign_table", v: "view", m: "materialized_view" };

/** Relations that can be read with a WHERE on a cursor: tables, not views (see docs/connectors/postgres.md). */
export function isIncrementalRelation(kind: TRelationKind): boolean {
  return kind === "table" || kind === "partitioned_table" || kind === "foreign_table";
}

const RELATIONS_SQL = `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
  CASE
    WHEN c.relkind = 'p' THEN (SELECT sum(pc.reltuples)::float8 FROM pg_catalog.pg_partition_tree(c.oid) pt
                               JOIN pg_catalog.pg_class pc ON pc.oid = pt.relid WHERE pt.isleaf AND pc.reltuples >= 0)
    WHEN c.relkind IN ('r', 'm', 'f') AND c.reltuples >= 0 THEN c.reltuples::float8
  END AS estimated_rows,
  pg_catalog.has_any_column_privilege(c.oid, 'SELECT') AS readable
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
  AND NOT c.relispartition
  AND ($2::text IS NULL OR n.nspname || '.' || c.relname = $2::text)
  AND ($3::text IS NULL OR n.nspname = $3::text)
ORDER BY n.nspname, c.relname`;

/** PostgreSQL's FirstNormalObjectId: every object with a smaller oid is built in. */
const FIRST_NORMAL_OID = 16384;

// Domains can be based on domains: resolve each to its first non-domain base, keeping the innermost type modifier set.
const COLUMNS_SQL = `
WITH RECURSIVE dom AS (
  SELECT t.oid AS domain_oid, t.typbasetype AS base_oid, t.typtypmod AS typmod
  FROM pg_catalog.pg_type t WHERE t.typtype = 'd'
  UNION ALL
  SELECT dom.domain_oid, b.typbasetype, CASE WHEN dom.typmod >= 0 THEN dom.typmod ELSE b.typtypmod END
  FROM dom JOIN pg_catalog.pg_type b ON b.oid = dom.base_oid AND b.typtype = 'd'
), base AS (
  SELECT dom.* FROM dom JOIN pg_catalog.pg_type b ON b.oid = dom.base_oid AND b.typtype <> 'd'
)
SELECT a.attrelid::text AS rel, a.attname AS name, a.attnotnull AS not_null,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS source_type,
  pg_catalog.format_type(a.atttypid, NULL) AS cast_type,
  t.typname AS type_name, t.typcategory AS category, t.oid >= ${FIRST_NORMAL_OID} AS user_defined,
  CASE WHEN a.atttypmod >= 0 THEN a.atttypmod ELSE coalesce(bd.typmod, -1) END AS type_modifier,
  a.attndims AS dimensions,
  e.typname AS element_name, e.typcategory AS element_category, e.oid >= ${FIRST_NORMAL_OID} AS element_user_defined,
  CASE WHEN a.atttypmod >= 0 THEN a.atttypmod ELSE coalesce(ed.typmod, -1) END AS element_type_modifier
FROM pg_catalog.pg_attribute a
LEFT JOIN base bd ON bd.domain_oid = a.atttypid
JOIN pg_catalog.pg_type t ON t.oid = coalesce(bd.base_oid, a.atttypid)
LEFT JOIN base ed ON t.typcategory = 'A' AND ed.domain_oid = t.typelem
LEFT JOIN pg_catalog.pg_type e ON t.typcategory = 'A' AND e.oid = coalesce(ed.base_oid, t.typelem)
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
  AND pg_catalog.has_column_privilege(a.attrelid, a.attnum, 'SELECT')
ORDER BY a.attrelid, a.attnum`;

const PRIMARY_KEYS_SQL = `
SELECT con.conrelid::text AS rel, json_agg(a.attname ORDER BY k.ord) AS columns
FROM pg_catalog.pg_constraint con
CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
WHERE con.contype = 'p' AND con.conrelid = ANY($1::oid[])
GROUP BY con.conrelid`;

type TRelationRow = { oid: string; schema: string; name: string; relkind: string; estimated_rows: number | null; readable: boolean };
type TColumnRow = {
  rel: string;
  name: string;
  not_null: boolean;
  source_type: string;
  cast_type: string;
  type_name: string;
  category: string;
  type_modifier: number;
  user_defined: boolean;
  dimensions: number;
  element_name: string | null;
  element_category: string | null;
  element_user_defined: boolean | null;
  element_type_modifier: number;
};

export type TRelationFilter = {
  /** Only the relation whose "schema.name" is this. */
  qualifiedName?: string;
  /** Only relations in this schema. */
  schema?: string;
};

/** Relations in `schemas`, split into those the user may read (some column) and those it may not. */
export async function listRelations(
  client: pg.Client,
  schemas: readonly string[],
  filter: TRelationFilter = {},
): Promise<{ readable: TPgRelation[]; unreadable: string[] }> {
  const { rows } = await client.query<TRelationRow>(RELATIONS_SQL, [schemas, filter.qualifiedName ?? null, filter.schema ?? null]);
  const readable: TPgRelation[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    if (!row.readable) {
      unreadable.push(`${row.schema}.${row.name}`);
      continue;
    }
    const kind = RELKINDS[row.relkind] ?? "table";
    readable.push({
      oid: row.oid,
      schema: row.schema,
      name: row.name,
      kind,
      estimatedRows: row.estimated_rows === null ? null : Math.round(row.estimated_rows),
    });
  }
  return { readable, unreadable };
}

function columnType(row: TColumnRow, moneyScale: number | undefined): TPgType {
  const type: TPgType = { typeName: row.type_name, category: row.category, typeModifier: row.type_modifier };
  if (row.user_defined) type.userDefined = true;
  if (row.element_name !== null && row.element_category !== null) {
    // An array column's modifier is its elements' (numeric(10,2)[] carries (10,2)), or that of the domain its elements are.
    type.element = { typeName: row.element_name, category: row.element_category, typeModifier: row.element_type_modifier };
    if (row.element_user_defined) type.element.userDefined = true;
    type.dimensions = row.dimensions;
  }
  if (moneyScale !== undefined && (row.type_name === "money" || row.element_name === "money")) type.moneyScale = moneyScale;
  return type;
}

/**
 * The decimal places money has in this session: money counts minor units of
 * the currency of lc_monetary, which the source never changes (the same
 * stored number would mean another amount).
 */
async function sessionMoneyScale(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ scale: number }>("SELECT scale(0::money::numeric) AS scale");
  return rows[0]?.scale ?? 2;
}

/** The readable columns of each relation, in table order, by relation oid. */
export async function listColumns(client: pg.Client, oids: readonly string[]): Promise<Map<string, TPgColumn[]>> {
  const { rows } = await client.query<TColumnRow>(COLUMNS_SQL, [oids]);
  const moneyScale = rows.some((r) => r.type_name === "money" || r.element_name === "money") ? await sessionMoneyScale(client) : undefined;
  const byRelation = new Map<string, TPgColumn[]>();
  for (const row of rows) {
    const list = byRelation.get(row.rel) ?? [];
    list.push({ name: row.name, notNull: row.not_null, sourceType: row.source_type, castType: row.cast_type, type: columnType(row, moneyScale) });
    byRelation.set(row.rel, list);
  }
  return byRelation;
}

/** Primary key columns in key order, by relation oid (relations without one are absent). */
export async function listPrimaryKeys(client: pg.Client, oids: readonly string[]): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ rel: string; columns: string[] }>(PRIMARY_KEYS_SQL, [oids]);
  return new Map(rows.map((r) => [r.rel, r.columns]));
}
