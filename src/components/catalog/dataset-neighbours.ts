/**
 * The datasets one hop up- and downstream of a dataset, from its lineage
 * neighbourhood: one entry per dataset however many jobs connect them, with
 * the jobs named, stale only when every edge to it is stale. Pure.
 */
import type { TGraphEdge, TGraphNode, TGraphOutput } from "@/server/lineage/lineage-contracts";

export type TNeighbour = {
  node: TGraphNode;
  jobs: string[];
  /** No edge to it was seen by the last successful run of its job. */
  stale: boolean;
  lastSeenAt: Date;
};

function collect(edges: TGraphEdge[], nodes: Map<string, TGraphNode>, pick: (e: TGraphEdge) => string): TNeighbour[] {
  const byId = new Map<string, TNeighbour>();
  for (const edge of edges) {
    const node = nodes.get(pick(edge));
    if (!node) continue;
    const seen = byId.get(node.id);
    if (!seen) {
      byId.set(node.id, { node, jobs: [edge.job], stale: edge.stale, lastSeenAt: edge.lastSeenAt });
      continue;
    }
    if (!seen.jobs.includes(edge.job)) seen.jobs.push(edge.job);
    seen.stale &&= edge.stale;
    if (edge.lastSeenAt > seen.lastSeenAt) seen.lastSeenAt = edge.lastSeenAt;
  }
  return [...byId.values()].sort((a, b) => Number(a.stale) - Number(b.stale) || a.node.shortName.localeCompare(b.node.shortName));
}

export function datasetNeighbours(graph: Pick<TGraphOutput, "nodes" | "edges">, datasetId: string): { upstream: TNeighbour[]; downstream: TNeighbour[] } {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return {
    upstream: collect(
      graph.edges.filter((e) => e.target === datasetId && e.source !== datasetId),
      nodes,
      (e) => e.source,
    ),
    downstream: collect(
      graph.edges.filter((e) => e.source === datasetId && e.target !== datasetId),
      nodes,
      (e) => e.target,
    ),
  };
}
