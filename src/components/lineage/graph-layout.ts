/**
 * Where each dataset sits: a left-to-right layered layout by dagre, upstream
 * on the left, plus a tinted band behind each layer (bronze, silver, gold)
 * whose datasets sit together. Pure and synchronous; the explorer runs it in
 * layout.worker.ts so a large neighbourhood never blocks the page.
 */
import dagre from "@dagrejs/dagre";
import type { TLayerBand, TLayoutInput, TLayoutResult, TPosition } from "@/components/lineage/graph-geometry";

/** Above this many datasets dagre's slower, better ranking and ordering cost seconds; use the fast ones. */
const LARGE_GRAPH = 150;
const BAND_PADDING = 14;
const BAND_LABEL = 22;

/** Positions are the nodes' top-left corners, as React Flow wants them. */
export function layoutGraph(input: TLayoutInput): TLayoutResult {
  const started = performance.now();
  const large = input.nodes.length > LARGE_GRAPH;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 96, marginx: 24, marginy: 24, ranker: large ? "tight-tree" : "network-simplex" });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of input.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g, { disableOptimalOrderHeuristic: large });
  const positions: Record<string, TPosition> = {};
  for (const n of input.nodes) {
    const placed = g.node(n.id);
    positions[n.id] = { x: Math.round(placed.x - n.width / 2), y: Math.round(placed.y - n.height / 2) };
  }
  return { key: input.key, positions, bands: layerBands(input, positions), tookMs: Math.round(performance.now() - started) };
}

type TBox = { x: number; y: number; width: number; height: number };

const overlaps = (a: TBox, b: TBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * A band per layer around its datasets, kept only when no other dataset and
 * no other band falls inside it, so a band never claims a dataset that is
 * not of its layer (the node's own tint and label still say it).
 */
export function layerBands(input: TLayoutInput, positions: Record<string, TPosition>): TLayerBand[] {
  const boxes = input.nodes.map((n) => ({ ...n, ...positions[n.id]! }));
  const bands: TLayerBand[] = [];
  for (const layer of ["bronze", "silver", "gold"]) {
    const members = boxes.filter((b) => b.layer === layer);
    if (members.length === 0) continue;
    const x = Math.min(...members.map((m) => m.x)) - BAND_PADDING;
    const y = Math.min(...members.map((m) => m.y)) - BAND_PADDING - BAND_LABEL;
    const band = {
      layer,
      x,
      y,
      width: Math.max(...members.map((m) => m.x + m.width)) + BAND_PADDING - x,
      height: Math.max(...members.map((m) => m.y + m.height)) + BAND_PADDING - y,
    };
    const intruder = boxes.some((b) => b.layer !== layer && overlaps(band, b));
    if (!intruder && !bands.some((other) => overlaps(band, other))) bands.push(band);
  }
  return bands;
}
