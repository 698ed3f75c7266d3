/**
 * Where a value comes from while a query is being analysed: the input
 * columns behind it (each with the strongest transformation it went
 * through: AGGREGATION > TRANSFORMATION > IDENTITY) and the reasons some
 * of it could not be traced. Pure.
 */
import type { TColumnSource } from "@/engine/lineage/sql/column-lineage-types";

export type TTransformation = TColumnSource["transformation"];

export type TLineage = { sources: TColumnSource[]; unresolved: string[] };

const STRENGTH: Record<TTransformation, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

export const NO_LINEAGE: TLineage = { sources: [], unresolved: [] };

export function strongest(a: TTransformation, b: TTransformation): TTransformation {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

export function unresolvedLineage(reason: string): TLineage {
  return { sources: [], unresolved: [reason] };
}

/** `lineage` as seen through a step of kind `kind`: no source is weaker than it afterwards. */
export function atLeast(lineage: TLineage, kind: TTransformation): TLineage {
  if (kind === "IDENTITY") return lineage;
  return { sources: lineage.sources.map((s) => ({ ...s, transformation: strongest(s.transformation, kind) })), unresolved: lineage.unresolved };
}

/** Sources sorted by relation then column, one per column (its strongest transformation). */
export function dedupeSources(sources: readonly TColumnSource[]): TColumnSource[] {
  const byColumn = new Map<string, TColumnSource>();
  for (const source of sources) {
    const key = `${source.relation}\u0000${source.column}`;
    const seen = byColumn.get(key);
    byColumn.set(key, seen ? { ...seen, transformation: strongest(seen.transformation, source.transformation) } : source);
  }
  return [...byColumn.values()].sort((a, b) => (a.relation === b.relation ? compareText(a.column, b.column) : compareText(a.relation, b.relation)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Everything the parts come from, together. */
export function mergeLineage(parts: readonly TLineage[]): TLineage {
  if (parts.length === 1) return parts[0]!;
  return { sources: dedupeSources(parts.flatMap((p) => p.sources)), unresolved: [...new Set(parts.flatMap((p) => p.unresolved))] };
}
