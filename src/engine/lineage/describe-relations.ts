/**
 * Columns of `schema.table` relations as the warehouse's information_schema
 * lists them, keyed by the lower-case relation name the SQL lineage parser
 * uses (column-lineage.ts). Shared by model lineage and by the masking of
 * check samples, which both trace columns through SQL.
 */
import type { TWarehouse } from "@/connectors/warehouse-types";

export type TDescribedRelation = { relation: string; columns: { name: string; type: string }[] };

/** `schema.table` split at its first dot. */
export function splitRelation(relation: string): { schema: string; table: string } {
  const dot = relation.indexOf(".");
  return { schema: relation.slice(0, dot), table: relation.slice(dot + 1) };
}

/** Columns of the given relations, read from the warehouse's information_schema; relations it does not hold are absent. */
export async function describeRelations(warehouse: TWarehouse, relations: readonly string[]): Promise<Map<string, TDescribedRelation>> {
  const out = new Map<string, TDescribedRelation>();
  if (!relations.length) return out;
  const q = warehouse.dialect.literal;
  const where = relations
    .map((r) => `(lower(table_schema) = ${q(splitRelation(r).schema.toLowerCase())} AND lower(table_name) = ${q(splitRelation(r).table.toLowerCase())})`)
    .join(" OR ");
  const rows = await warehouse.query(
    `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE ${where} ORDER BY table_schema, table_name, ordinal_position`,
  );
  for (const row of rows) {
    const relation = `${String(row.table_schema)}.${String(row.table_name)}`.toLowerCase();
    const entry = out.get(relation) ?? { relation, columns: [] };
    const name = String(row.column_name);
    entry.columns.push({ name: warehouse.weirName?.(name) ?? name, type: String(row.data_type).toLowerCase() });
    out.set(relation, entry);
  }
  return out;
}
