/**
 * Turns the laid-out graph into React Flow nodes and edges. A builder keeps
 * the objects it made last time and hands back the same object when nothing
 * about a node or edge changed, so a highlight change re-renders only the
 * nodes and edges whose look changed (the node components are memoised).
 */
import { MarkerType, Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import { NODE_WIDTH, TABLE_IN, TABLE_OUT, columnIn, columnOut, nodeHandles, nodeHeight, type TLayoutResult } from "@/components/lineage/graph-geometry";
import { drawableColumnEdges, isHighlighting, type TExpandCounts, type TGraphModel, type THighlight } from "@/components/lineage/graph-model";
import type { TGraphNode } from "@/server/lineage/lineage-contracts";

export type TSide = "upstream" | "downstream";

export type TDatasetNodeData = {
  node: TGraphNode;
  center: boolean;
  /** In column mode: the columns are listed, one row (and handle pair) each. */
  columnMode: boolean;
  /** "on": on the highlighted path; "off": dimmed because something else is highlighted. */
  state: TElementState;
  /** Columns on the highlighted column path, or null when no column is selected. */
  pathColumns: ReadonlySet<string> | null;
  expand: TExpandCounts;
  expanding: TSide | null;
  /** Output columns whose sources could not be resolved, as "column: why". */
  unresolved: string[];
};
export type TDatasetFlowNode = Node<TDatasetNodeData, "dataset">;
export type TBandFlowNode = Node<{ layer: string }, "band">;
export type TLineageFlowNode = TDatasetFlowNode | TBandFlowNode;

export type TElementState = "none" | "on" | "off";
export type TLineageEdgeData = { kind: "table" | "column"; stale: boolean; state: TElementState; title: string; warning: string | null };
export type TLineageFlowEdge = Edge<TLineageEdgeData, "lineage">;

/** Edge colours by kind and highlight state; the legend uses them too. */
export const EDGE_COLORS = { table: { none: "#94a3b8", on: "#0284c7", off: "#cbd5e1" }, column: { none: "#818cf8", on: "#4f46e5", off: "#e0e7ff" } } as const;

export type TFlowInput = {
  model: TGraphModel;
  layout: TLayoutResult;
  columnMode: boolean;
  highlight: THighlight;
  expand: Map<string, TExpandCounts>;
  expanding: Map<string, TSide>;
};

type TCacheEntry<T> = { sig: string; ref: unknown; value: T };

const NO_EXPAND: TExpandCounts = { upstream: 0, downstream: 0 };

/** A builder that reuses unchanged node and edge objects between calls. */
export function createFlowBuilder() {
  let nodeCache = new Map<string, TCacheEntry<TLineageFlowNode>>();
  let edgeCache = new Map<string, TCacheEntry<TLineageFlowEdge>>();

  function reuse<T>(cache: Map<string, TCacheEntry<T>>, next: Map<string, TCacheEntry<T>>, id: string, ref: unknown, sig: string, make: () => T): T {
    const hit = cache.get(id);
    const entry = hit && hit.ref === ref && hit.sig === sig ? hit : { sig, ref, value: make() };
    next.set(id, entry);
    return entry.value;
  }

  return function build({ model, layout, columnMode, highlight, expand, expanding }: TFlowInput): { nodes: TLineageFlowNode[]; edges: TLineageFlowEdge[] } {
    const active = isHighlighting(highlight);
    const columnSelected = highlight.columns.size > 0;
    const stateOf = (on: boolean): TElementState => (!active ? "none" : on ? "on" : "off");
    const nextNodes = new Map<string, TCacheEntry<TLineageFlowNode>>();
    const nextEdges = new Map<string, TCacheEntry<TLineageFlowEdge>>();

    const unresolved = new Map<string, string[]>();
    for (const e of model.edges) {
      for (const [column, why] of Object.entries(e.unresolved)) unresolved.set(e.target, [...(unresolved.get(e.target) ?? []), `${column}: ${why}`]);
    }

    const nodes: TLineageFlowNode[] = layout.bands.map((b) =>
      reuse(nodeCache, nextNodes, `band:${b.layer}`, null, `${b.x},${b.y},${b.width},${b.height}`, () => ({
        id: `band:${b.layer}`,
        type: "band" as const,
        position: { x: b.x, y: b.y },
        width: b.width,
        height: b.height,
        measured: { width: b.width, height: b.height },
        data: { layer: b.layer },
        zIndex: -1,
        selectable: false,
        draggable: false,
        focusable: false,
        style: { pointerEvents: "none" as const },
      })),
    );
    for (const n of model.nodes) {
      const position = layout.positions[n.id];
      if (!position) continue;
      const columns = columnMode ? (n.columns ?? []).map((c) => c.name) : null;
      const height = nodeHeight(columns ? columns.length : null);
      const pathColumns = columnSelected ? new Set((columns ?? []).filter((c) => highlight.columns.has(`${n.id}/${c}`))) : null;
      const state = stateOf(highlight.nodes.has(n.id));
      const counts = expand.get(n.id) ?? NO_EXPAND;
      const side = expanding.get(n.id) ?? null;
      const warnings = unresolved.get(n.id) ?? [];
      const sig = [
        position.x,
        position.y,
        height,
        state,
        pathColumns ? [...pathColumns].join("\n") : "-",
        counts.upstream,
        counts.downstream,
        side,
        warnings.join("\n"),
        n.id === model.center,
      ].join("|");
      nodes.push(
        reuse(nodeCache, nextNodes, n.id, n, sig, () => ({
          id: n.id,
          type: "dataset" as const,
          position,
          width: NODE_WIDTH,
          height,
          measured: { width: NODE_WIDTH, height },
          handles: nodeHandles(columns).map((h): NodeHandle => ({ ...h, position: h.position === "left" ? Position.Left : Position.Right })),
          data: { node: n, center: n.id === model.center, columnMode, state, pathColumns, expand: counts, expanding: side, unresolved: warnings },
          draggable: false,
          selectable: false,
          connectable: false,
        })),
      );
    }

    const edges: TLineageFlowEdge[] = [];
    const columnEdges = columnMode ? drawableColumnEdges(model) : [];
    const pairsWithColumns = new Set(columnEdges.map((e) => `${e.source}>${e.target}`));
    const highlightedPairs = new Set(model.edges.filter((e) => highlight.edges.has(e.id)).map((e) => `${e.source}>${e.target}`));
    const makeEdge = (id: string, ref: unknown, source: string, target: string, handles: [string, string], data: TLineageEdgeData) =>
      reuse(edgeCache, nextEdges, id, ref, `${data.state}|${data.warning}`, () => ({
        id,
        type: "lineage" as const,
        source,
        target,
        sourceHandle: handles[0],
        targetHandle: handles[1],
        data,
        zIndex: data.state === "on" ? 1 : 0,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: EDGE_COLORS[data.kind][data.state] },
        selectable: false,
        focusable: false,
      }));
    for (const e of model.edges) {
      if (e.source === e.target || pairsWithColumns.has(`${e.source}>${e.target}`)) continue;
      const columns = Object.entries(e.unresolved);
      const warning = columns.length === 0 ? null : `Unresolved columns:\n${columns.map(([c, why]) => `${c}: ${why}`).join("\n")}`;
      const title = `${e.job}${e.stale ? " · stale: its job's last successful run did not see this edge" : ""} · last seen ${e.lastSeenAt.toLocaleString()}`;
      edges.push(
        makeEdge(`t:${e.id}`, e, e.source, e.target, [TABLE_OUT, TABLE_IN], {
          kind: "table",
          stale: e.stale,
          state: stateOf(highlight.edges.has(e.id)),
          title,
          warning,
        }),
      );
    }
    for (const e of columnEdges) {
      const on = columnSelected ? highlight.columnEdges.has(e.id) : highlightedPairs.has(`${e.source}>${e.target}`);
      const title = `${e.sourceColumn} → ${e.targetColumn} (${e.transformation})${e.stale ? " · stale" : ""}`;
      edges.push(
        makeEdge(`c:${e.id}`, e, e.source, e.target, [columnOut(e.sourceColumn), columnIn(e.targetColumn)], {
          kind: "column",
          stale: e.stale,
          state: stateOf(on),
          title,
          warning: null,
        }),
      );
    }
    nodeCache = nextNodes;
    edgeCache = nextEdges;
    return { nodes, edges };
  };
}
