/**
 * Where each model sits in the graph drawing: a left-to-right layered layout
 * (dagre), upstream on the left. Pure: nodes and edges in, positions and edge
 * paths out, so the SVG component only draws.
 */
import dagre from "@dagrejs/dagre";
import type { TModelLineage } from "@/components/models/model-lineage";

export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 46;

export type TPlacedNode = { id: string; x: number; y: number };
export type TPlacedEdge = { from: string; to: string; points: Array<{ x: number; y: number }> };
export type TGraphLayout = { width: number; height: number; nodes: TPlacedNode[]; edges: TPlacedEdge[] };

/** x and y are the node's top-left corner. */
export function layoutModelGraph(lineage: Pick<TModelLineage, "nodes" | "edges">): TGraphLayout {
  if (lineage.nodes.length === 0) return { width: 0, height: 0, nodes: [], edges: [] };
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 64, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  // Sorted, so the same models always lay out the same way.
  for (const n of [...lineage.nodes].sort((a, b) => a.name.localeCompare(b.name))) g.setNode(n.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of lineage.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  const nodes = g.nodes().map((id) => {
    const n = g.node(id);
    return { id, x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 };
  });
  const edges = g.edges().map((e) => ({ from: e.v, to: e.w, points: (g.edge(e).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) }));
  return { width: graph.width ?? 0, height: graph.height ?? 0, nodes, edges };
}

/** An SVG path through an edge's points, smoothed with quadratic curves. */
export function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first, ...rest] = points;
  if (!first) return "";
  if (rest.length === 0) return `M ${first.x} ${first.y}`;
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const next = rest[i + 1]!;
    d += ` Q ${p.x} ${p.y} ${(p.x + next.x) / 2} ${(p.y + next.y) / 2}`;
  }
  const last = rest[rest.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}
