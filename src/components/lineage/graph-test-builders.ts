/**
 * Typed builders of lineage graph nodes for tests of the graph model and of
 * a dataset's neighbours: a plain table with overrides.
 */
import type { TGraphNode } from "@/server/lineage/lineage-contracts";

export function buildGraphNode(id: string, over: Partial<TGraphNode> = {}): TGraphNode {
  return {
    id,
    namespace: "duckdb://warehouse",
    name: `main.${id}`,
    shortName: id,
    platform: "duckdb",
    kind: "table",
    layer: null,
    owner: null,
    qualityStatus: null,
    removedAt: null,
    upstreamCount: 0,
    downstreamCount: 0,
    ...over,
  };
}
