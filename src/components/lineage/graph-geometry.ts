/**
 * The geometry the layout, the React Flow nodes and the node components
 * share: node sizes, where each handle sits (so React Flow can draw edges
 * to nodes it has not rendered, with onlyRenderVisibleElements), the layout
 * worker's messages, and keeping the picture still when the layout changes.
 * No dagre here, so the main bundle does not carry it.
 */
import type { TGraphModel } from "@/components/lineage/graph-model";

export const NODE_WIDTH = 248;
/** The name, layer, platform and owner lines. */
export const HEADER_HEIGHT = 60;
export const COLUMN_ROW_HEIGHT = 24;
const COLUMN_LIST_PADDING = 6;
const HANDLE_SIZE = 6;

export type TLayoutNode = { id: string; width: number; height: number; layer: string | null };
export type TLayoutInput = { key: string; nodes: TLayoutNode[]; edges: Array<{ source: string; target: string }> };
export type TPosition = { x: number; y: number };
/** A tinted background behind the datasets of one layer, when they sit together. */
export type TLayerBand = { layer: string; x: number; y: number; width: number; height: number };
export type TLayoutResult = { key: string; positions: Record<string, TPosition>; bands: TLayerBand[]; tookMs: number };

export type TLayoutRequest = { id: number; input: TLayoutInput };
export type TLayoutResponse = { id: number; result: TLayoutResult } | { id: number; error: string };

export function nodeHeight(columnCount: number | null): number {
  return columnCount === null ? HEADER_HEIGHT : HEADER_HEIGHT + columnCount * COLUMN_ROW_HEIGHT + COLUMN_LIST_PADDING;
}

/** The vertical centre of a column row, from the node's top. */
export function columnRowCenter(index: number): number {
  return HEADER_HEIGHT + index * COLUMN_ROW_HEIGHT + COLUMN_ROW_HEIGHT / 2;
}

/** Handle ids: the table's own on the header, and one pair per column. */
export const TABLE_IN = "in";
export const TABLE_OUT = "out";
export const columnIn = (column: string) => `in:${column}`;
export const columnOut = (column: string) => `out:${column}`;

export type THandleBox = { id: string; type: "source" | "target"; position: "left" | "right"; x: number; y: number; width: number; height: number };

function handlePair(inId: string, outId: string, centerY: number): THandleBox[] {
  const y = centerY - HANDLE_SIZE / 2;
  return [
    { id: inId, type: "target", position: "left", x: -HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
    { id: outId, type: "source", position: "right", x: NODE_WIDTH - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
  ];
}

/** Where the handles are, matching what LineageNode and ColumnRow render. */
export function nodeHandles(columns: ReadonlyArray<string> | null): THandleBox[] {
  const table = handlePair(TABLE_IN, TABLE_OUT, HEADER_HEIGHT / 2);
  if (!columns) return table;
  return [...table, ...columns.flatMap((c, i) => handlePair(columnIn(c), columnOut(c), columnRowCenter(i)))];
}

/**
 * What dagre lays out: the visible datasets (taller in column mode) and the
 * table edges between them. The key names the picture, so a layout is reused
 * for the same datasets, edges and heights.
 */
export function buildLayoutInput(model: TGraphModel, columnMode: boolean): TLayoutInput {
  const nodes = model.nodes
    .map((n) => ({ id: n.id, width: NODE_WIDTH, height: nodeHeight(columnMode ? (n.columns?.length ?? 0) : null), layer: n.layer }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pairs = new Set(model.edges.filter((e) => e.source !== e.target).map((e) => `${e.source}>${e.target}`));
  const edges = [...pairs].sort().map((p) => {
    const [source, target] = p.split(">") as [string, string];
    return { source, target };
  });
  const key = `${nodes.map((n) => `${n.id}:${n.height}`).join(",")}|${[...pairs].sort().join(",")}`;
  return { key, nodes, edges };
}

/**
 * Moves a new layout so that `anchor` stays where it was on screen (the node
 * just expanded, or the center), so the viewport need not move.
 */
export function anchorLayout(next: TLayoutResult, previous: Record<string, TPosition> | null, anchor: string | null): TLayoutResult {
  const was = anchor ? previous?.[anchor] : undefined;
  const now = anchor ? next.positions[anchor] : undefined;
  if (!was || !now || (was.x === now.x && was.y === now.y)) return next;
  const dx = was.x - now.x;
  const dy = was.y - now.y;
  const positions: Record<string, TPosition> = {};
  for (const [id, p] of Object.entries(next.positions)) positions[id] = { x: p.x + dx, y: p.y + dy };
  return { ...next, positions, bands: next.bands.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy })) };
}
