/**
 * Which columns of a check's failing-row sample to mask, decided by the
 * column lineage of the query that produced it, not by the sample's column
 * names: `SELECT email AS contact …` is masked because `contact` comes from
 * a PII column, whatever it is called. A column is masked when any column
 * it is computed from is PII, and withheld (masked too) when its origin
 * cannot be traced for certain: the parser reports it unresolved, it comes
 * from a relation the catalog does not know, or the query does not parse.
 * Samples are masked before they are stored, so no role reads them unmasked
 * (docs/security.md).
 */
import { sqlLineage } from "@/engine/lineage/column-lineage";
import { describeRelations } from "@/engine/lineage/describe-relations";
import type { TWarehouse } from "@/connectors/warehouse-types";

export const MASK = "•••";

/** The PII columns of a `schema.table` relation (lower-case), or null when the catalog does not know it. */
export type TPiiLookup = (relation: string) => Promise<readonly string[] | null>;

export type TMaskReason = "pii" | "unresolved";

/** The sample's columns to mask, each with why; the others may be shown as they are. */
export async function maskedColumns(
  warehouse: TWarehouse,
  sql: string,
  sampleColumns: readonly string[],
  piiOf: TPiiLookup,
): Promise<Map<string, TMaskReason>> {
  const out = new Map<string, TMaskReason>();
  const all = (reason: TMaskReason) => new Map(sampleColumns.map((c) => [c, reason] as const));
  // First the relations the query reads, then their columns, so `*` and unqualified names resolve.
  const first = await sqlLineage(sql, []);
  if (!first.ok) return all("unresolved");
  const described = await describeRelations(warehouse, first.inputs);
  const parsed = await sqlLineage(
    sql,
    first.inputs.map((relation) => ({ relation, columns: described.get(relation)?.columns.map((c) => c.name) ?? null })),
  );
  if (!parsed.ok) return all("unresolved");

  const pii = new Map<string, Set<string> | null>();
  for (const relation of parsed.inputs) {
    const columns = await piiOf(relation);
    pii.set(relation, columns ? new Set(columns.map((c) => c.toLowerCase())) : null);
  }
  const byName = new Map<string, typeof parsed.columns>();
  for (const column of parsed.columns) byName.set(column.name.toLowerCase(), [...(byName.get(column.name.toLowerCase()) ?? []), column]);

  for (const name of sampleColumns) {
    const traced = byName.get(name.toLowerCase());
    // Two output columns of one name are one key in a sample row: which one it holds is not certain.
    if (!traced || traced.length !== 1) {
      out.set(name, "unresolved");
      continue;
    }
    const [column] = traced;
    const flagged = column!.sources.map((s) => pii.get(s.relation));
    if (column!.sources.some((s, i) => flagged[i]?.has(s.column.toLowerCase()))) out.set(name, "pii");
    else if (column!.unresolved || flagged.some((f) => f === null || f === undefined)) out.set(name, "unresolved");
  }
  return out;
}

/** The rows with the masked columns' non-NULL values replaced by MASK. */
export function applyMask(rows: Record<string, unknown>[], masked: ReadonlyMap<string, TMaskReason>): Record<string, unknown>[] {
  if (!masked.size) return rows;
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, masked.has(k) && v !== null ? MASK : v])));
}
