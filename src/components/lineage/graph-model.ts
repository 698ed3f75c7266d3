/**
 * The lineage explorer's graph model, pure: merges the neighbourhoods the
 * server sends (the first one and each expansion) into one graph, decides
 * what is visible (stale edges hidden or not), counts the edges of a node
 * that are not loaded yet, and finds the nodes, columns and edges on the
 * upstream and downstream path of a clicked node or column.
 */
import type { TColumnEdge, TGraphEdge, TGraphNode, TGraphOutput } from "@/server/lineage/lineage-contracts";

export type TGraphModel = {
  /** The dataset the explorer was opened on. */
  center: string;
  nodes: TGraphNode[];
  edges: TGraphEdge[];
  columnEdges: TColumnEdge[];
  /** Some response left out datasets beyond the server's node limit. */
  truncated: boolean;
};

/** What lies on a clicked node's or column's path; empty sets when nothing is selected. */
export type THighlight = { nodes: ReadonlySet<string>; edges: ReadonlySet<string>; columns: ReadonlySet<string>; columnEdges: ReadonlySet<string> };

export type TSelection = { kind: "node"; id: string } | { kind: "column"; node: string; column: string } | null;

export type TExpandCounts = { upstream: number; downstream: number };

/** A column's key in highlight sets: dataset ids never contain "/". */
export function columnKey(nodeId: string, column: string): string {
  return `${nodeId}/${column}`;
}

/**
 * One graph from the first response and each expansion, in that order. A node
 * seen twice keeps its first copy, but takes the columns of a later copy when
 * the first has none; edges and column edges are kept once by id.
 */
export function mergeGraphs(parts: ReadonlyArray<TGraphOutput | null | undefined>): TGraphModel | null {
  const present = parts.filter((p): p is TGraphOutput => !!p);
  const first = present[0];
  if (!first) return null;
  const nodes = new Map<string, TGraphNode>();
  const edges = new Map<string, TGraphEdge>();
  const columnEdges = new Map<string, TColumnEdge>();
  for (const part of present) {
    for (const n of part.nodes) {
      const seen = nodes.get(n.id);
      if (!seen) nodes.set(n.id, n);
      else if (!seen.columns && n.columns) nodes.set(n.id, { ...seen, columns: n.columns });
    }
    for (const e of part.edges) if (!edges.has(e.id)) edges.set(e.id, e);
    for (const e of part.columnEdges) if (!columnEdges.has(e.id)) columnEdges.set(e.id, e);
  }
  return {
    center: first.center,
    nodes: [...nodes.values()],
    edges: [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)),
    columnEdges: [...columnEdges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)),
    truncated: present.some((p) => p.truncated),
  };
}

/**
 * The part of the graph to draw. Hiding stale edges also hides the datasets
 * that only stale edges connected to the center.
 */
export function visibleGraph(model: TGraphModel, hideStale: boolean): TGraphModel {
  if (!hideStale) return model;
  const edges = model.edges.filter((e) => !e.stale);
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    pushTo(neighbours, e.source, e.target);
    pushTo(neighbours, e.target, e.source);
  }
  const reached = new Set([model.center]);
  const queue = [model.center];
  while (queue.length > 0) {
    for (const next of neighbours.get(queue.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return {
    ...model,
    nodes: model.nodes.filter((n) => reached.has(n.id)),
    edges: edges.filter((e) => reached.has(e.source)),
    columnEdges: model.columnEdges.filter((e) => !e.stale && reached.has(e.source) && reached.has(e.target)),
  };
}

/** Column edges whose two columns are listed on their nodes, so both rows (and their handles) exist. */
export function drawableColumnEdges(model: TGraphModel): TColumnEdge[] {
  const columns = new Map(model.nodes.map((n) => [n.id, new Set((n.columns ?? []).map((c) => c.name))]));
  return model.columnEdges.filter((e) => columns.get(e.source)?.has(e.sourceColumn) && columns.get(e.target)?.has(e.targetColumn));
}

/**
 * How many of each node's edges, upstream and downstream, are not loaded yet
 * (its counts over the whole graph minus the loaded edges on that side).
 * Pass the merged model, not the visible one: a hidden stale edge is loaded.
 */
export function expandCounts(model: TGraphModel): Map<string, TExpandCounts> {
  const loadedUp = new Map<string, number>();
  const loadedDown = new Map<string, number>();
  for (const e of model.edges) {
    loadedUp.set(e.target, (loadedUp.get(e.target) ?? 0) + 1);
    loadedDown.set(e.source, (loadedDown.get(e.source) ?? 0) + 1);
  }
  return new Map(
    model.nodes.map((n) => [
      n.id,
      { upstream: Math.max(0, n.upstreamCount - (loadedUp.get(n.id) ?? 0)), downstream: Math.max(0, n.downstreamCount - (loadedDown.get(n.id) ?? 0)) },
    ]),
  );
}

function pushTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

type TLink = { id: string; from: string; to: string };

/** Everything reachable from `start` following links forwards, then backwards (not sideways). */
function walkBothWays(links: TLink[], start: string): { reached: Set<string>; links: Set<string> } {
  const forward = new Map<string, TLink[]>();
  const backward = new Map<string, TLink[]>();
  for (const l of links) {
    pushTo(forward, l.from, l);
    pushTo(backward, l.to, l);
  }
  const reached = new Set([start]);
  const used = new Set<string>();
  for (const [index, end] of [
    [forward, "to"],
    [backward, "from"],
  ] as const) {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const l of index.get(queue.pop()!) ?? []) {
        used.add(l.id);
        const next = l[end];
        if (!seen.has(next)) {
          seen.add(next);
          reached.add(next);
          queue.push(next);
        }
      }
    }
  }
  return { reached, links: used };
}

const NO_HIGHLIGHT: THighlight = { nodes: new Set(), edges: new Set(), columns: new Set(), columnEdges: new Set() };

/** The upstream and downstream path of the selected node (table level) or column (column level). */
export function highlightPath(model: TGraphModel, columnEdges: TColumnEdge[], selection: TSelection): THighlight {
  const selected = selection?.kind === "node" ? selection.id : selection?.node;
  if (!selection || !model.nodes.some((n) => n.id === selected)) return NO_HIGHLIGHT;
  if (selection.kind === "node") {
    const walk = walkBothWays(
      model.edges.map((e) => ({ id: e.id, from: e.source, to: e.target })),
      selection.id,
    );
    return { ...NO_HIGHLIGHT, nodes: walk.reached, edges: walk.links };
  }
  const links = columnEdges.map((e) => ({ id: e.id, from: columnKey(e.source, e.sourceColumn), to: columnKey(e.target, e.targetColumn) }));
  const walk = walkBothWays(links, columnKey(selection.node, selection.column));
  const nodes = new Set([...walk.reached].map((key) => key.slice(0, key.indexOf("/"))));
  return { nodes, edges: new Set(), columns: walk.reached, columnEdges: walk.links };
}

/** True when something is selected, so what is off its path is dimmed. */
export function isHighlighting(h: THighlight): boolean {
  return h.nodes.size > 0 || h.columns.size > 0;
}
