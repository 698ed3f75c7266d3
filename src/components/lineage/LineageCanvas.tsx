"use client";
/**
 * The lineage graph drawn by React Flow: read-only, only what is on screen
 * rendered, the viewport fitted when a new dataset opens and left alone
 * when the graph grows. The container carries the benchmark marker:
 * data-layout-state="ready" once the current layout is in React Flow's
 * store and painted, "pending" while fetching or laying out.
 */
import "@xyflow/react/dist/style.css";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Node, type NodeMouseHandler } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LayerBand } from "@/components/lineage/LayerBand";
import { LineageEdge } from "@/components/lineage/LineageEdge";
import { LineageNode } from "@/components/lineage/LineageNode";
import { createFlowBuilder, type TLineageFlowNode, type TSide } from "@/components/lineage/flow-elements";
import { NODE_WIDTH, nodeHeight, type TLayoutResult } from "@/components/lineage/graph-geometry";
import type { TExpandCounts, TGraphModel, THighlight } from "@/components/lineage/graph-model";
import { layerTint } from "@/components/lineage/lineage-styles";

const NODE_TYPES = { dataset: LineageNode, band: LayerBand };
const EDGE_TYPES = { lineage: LineageEdge };
/** Below this zoom the whole graph is not readable; show the center instead. */
const MIN_FIT_ZOOM = 0.5;

/** A laid-out graph ready to draw; a new object means a new picture. */
export type TShownGraph = {
  model: TGraphModel;
  layout: TLayoutResult;
  columnMode: boolean;
  /** A new token means a new view (another dataset, or table vs column level): fit it. */
  fitToken: string;
  /** The dataset kept still on screen since the previous picture. */
  anchor: string;
};

type TProps = {
  shown: TShownGraph | null;
  pending: boolean;
  highlight: THighlight;
  expand: Map<string, TExpandCounts>;
  expanding: Map<string, TSide>;
  onSelectNode: (id: string | null) => void;
};

export function LineageCanvas(props: TProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ shown, pending, highlight, expand, expanding, onSelectNode }: TProps) {
  const router = useRouter();
  const [build] = useState(createFlowBuilder);
  const [rendered, setRendered] = useState<TShownGraph | null>(null);
  const flow = useMemo(
    () => (shown ? build({ model: shown.model, layout: shown.layout, columnMode: shown.columnMode, highlight, expand, expanding }) : { nodes: [], edges: [] }),
    [build, shown, highlight, expand, expanding],
  );
  const onNodeClick: NodeMouseHandler<TLineageFlowNode> = useCallback((_, node) => onSelectNode(node.type === "dataset" ? node.id : null), [onSelectNode]);
  const onNodeDoubleClick: NodeMouseHandler<TLineageFlowNode> = useCallback(
    (_, node) => {
      if (node.type === "dataset") router.push(`/catalog/${node.id}`);
    },
    [router],
  );
  const onPaneClick = useCallback(() => onSelectNode(null), [onSelectNode]);
  const ready = !pending && !!shown && rendered === shown;
  const nodeCount = rendered ? rendered.model.nodes.length : 0;
  return (
    <div className="h-full w-full" data-testid="lineage-graph" data-layout-state={ready ? "ready" : "pending"} data-node-count={nodeCount} aria-busy={!ready}>
      <ReactFlow<TLineageFlowNode>
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={onPaneClick}
      >
        <Background gap={20} color="#e2e8f0" />
        <Controls showInteractive={false} />
        {/* A small graph fits on screen; the minimap would only cover part of it. */}
        {nodeCount > MINIMAP_FROM ? <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={0} maskColor="rgba(241, 245, 249, 0.7)" /> : null}
        <FlowSync shown={shown} nodes={flow.nodes} onRendered={setRendered} />
      </ReactFlow>
    </div>
  );
}

const MINIMAP_FROM = 30;

function miniMapColor(node: Node): string {
  if (node.type === "band") return "transparent";
  const data = node.data as { node?: { layer: string | null } };
  return layerTint(data.node?.layer ?? null).stroke;
}

/**
 * Inside React Flow: once the store holds the nodes of a new picture, fit
 * the viewport if a new dataset was opened, then report the picture as
 * rendered after the browser paints it.
 */
function FlowSync({ shown, nodes, onRendered }: { shown: TShownGraph | null; nodes: TLineageFlowNode[]; onRendered: (shown: TShownGraph) => void }) {
  const storeNodes = useStore((s) => s.nodes);
  const size = useStore(
    (s) => ({ width: s.width, height: s.height }),
    (a, b) => a.width === b.width && a.height === b.height,
  );
  const flow = useReactFlow();
  const fitted = useRef<string | null>(null);
  const previous = useRef<TShownGraph | null>(null);
  useEffect(() => {
    if (!shown || storeNodes !== nodes || size.width === 0) return;
    if (fitted.current !== shown.fitToken) {
      fitted.current = shown.fitToken;
      fitPicture(shown, size, flow);
    } else if (previous.current && previous.current !== shown) {
      revealNew(previous.current, shown, size, flow);
    }
    previous.current = shown;
    const frame = requestAnimationFrame(() => onRendered(shown));
    return () => cancelAnimationFrame(frame);
  }, [shown, storeNodes, nodes, size, flow, onRendered]);
  return null;
}

type TFlowView = ReturnType<typeof useReactFlow>;
type TSize = { width: number; height: number };
type TBox = { x: number; y: number; width: number; height: number };

function boxesOf(shown: TShownGraph, ids?: ReadonlySet<string>): TBox[] {
  return shown.model.nodes.flatMap((n) => {
    const p = shown.layout.positions[n.id];
    if (!p || (ids && !ids.has(n.id))) return [];
    return [{ ...p, width: NODE_WIDTH, height: nodeHeight(shown.columnMode ? (n.columns?.length ?? 0) : null) }];
  });
}

function union(boxes: TBox[]): TBox {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/** The whole graph when it is readable at that size, else the center at a readable zoom. */
function fitPicture(shown: TShownGraph, size: TSize, flow: TFlowView) {
  const boxes = boxesOf(shown);
  if (boxes.length === 0) return;
  const all = union(boxes);
  const zoom = Math.min(size.width / (all.width + 80), size.height / (all.height + 80));
  const center = boxesOf(shown, new Set([shown.model.center]))[0];
  if (zoom >= MIN_FIT_ZOOM || !center) void flow.fitView({ padding: 0.08, maxZoom: 1, minZoom: MIN_FIT_ZOOM, duration: 0 });
  else void flow.setCenter(center.x + center.width / 2, center.y + Math.min(center.height / 2, 200), { zoom: 0.75, duration: 0 });
}

const REVEAL_MARGIN = 40;

/**
 * After an expansion: pan (never zoom) just enough to bring the datasets it
 * added into view together with the node expanded, along each axis where
 * they fit; where they do not, the view stays on the expanded node.
 */
function revealNew(before: TShownGraph, after: TShownGraph, size: TSize, flow: TFlowView) {
  const had = new Set(before.model.nodes.map((n) => n.id));
  const added = after.model.nodes.filter((n) => !had.has(n.id)).map((n) => n.id);
  if (added.length === 0) return;
  const { x, y, zoom } = flow.getViewport();
  const box = union(boxesOf(after, new Set([...added, after.anchor])));
  const shift = (start: number, length: number, room: number) => {
    if (length > room - 2 * REVEAL_MARGIN) return 0;
    if (start < REVEAL_MARGIN) return REVEAL_MARGIN - start;
    return start + length > room - REVEAL_MARGIN ? room - REVEAL_MARGIN - (start + length) : 0;
  };
  const dx = shift(box.x * zoom + x, box.width * zoom, size.width);
  const dy = shift(box.y * zoom + y, box.height * zoom, size.height);
  if (dx !== 0 || dy !== 0) void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
}
