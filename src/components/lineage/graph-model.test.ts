import { describe, expect, it } from "vitest";
import { buildGraphNode as buildNode } from "@/components/lineage/graph-test-builders";
import { anchorLayout, buildLayoutInput, nodeHandles, HEADER_HEIGHT, COLUMN_ROW_HEIGHT } from "@/components/lineage/graph-geometry";
import { columnKey, drawableColumnEdges, expandCounts, highlightPath, mergeGraphs, visibleGraph } from "@/components/lineage/graph-model";
import { lineageHref, parseLineageParams } from "@/components/lineage/lineage-params";
import type { TColumnEdge, TGraphEdge, TGraphNode, TGraphOutput } from "@/server/lineage/lineage-contracts";

function buildEdge(source: string, target: string, over: Partial<TGraphEdge> = {}): TGraphEdge {
  return {
    id: `${source}>${target}`,
    source,
    target,
    job: `weir.model.${target}`,
    stale: false,
    lastSeenAt: new Date("2026-01-01T00:00:00Z"),
    unresolved: {},
    ...over,
  };
}

function buildColumnEdge(source: string, sourceColumn: string, target: string, targetColumn: string, over: Partial<TColumnEdge> = {}): TColumnEdge {
  return {
    id: `${source}.${sourceColumn}>${target}.${targetColumn}`,
    source,
    sourceColumn,
    target,
    targetColumn,
    transformation: "DIRECT/IDENTITY",
    stale: false,
    ...over,
  };
}

function buildGraph(center: string, nodes: TGraphNode[], edges: TGraphEdge[], columnEdges: TColumnEdge[] = [], truncated = false): TGraphOutput {
  return { center, nodes, edges, columnEdges, truncated };
}

const cols = (...names: string[]) => names.map((name) => ({ name, type: "VARCHAR", pii: false }));

// raw_orders -> stg_orders -> daily_revenue <- stg_payments <- raw_payments ; daily_revenue -> exec_dashboard
const chain = buildGraph(
  "daily_revenue",
  [
    buildNode("raw_orders", { downstreamCount: 1, columns: cols("id", "amount") }),
    buildNode("stg_orders", { layer: "silver", upstreamCount: 1, downstreamCount: 1, columns: cols("order_id", "amount") }),
    buildNode("raw_payments", { downstreamCount: 1, columns: cols("id") }),
    buildNode("stg_payments", { layer: "silver", upstreamCount: 1, downstreamCount: 1, columns: cols("payment_id") }),
    buildNode("daily_revenue", { layer: "gold", upstreamCount: 2, downstreamCount: 1, columns: cols("day", "revenue") }),
    buildNode("exec_dashboard", { upstreamCount: 1, columns: cols("revenue") }),
  ],
  [
    buildEdge("raw_orders", "stg_orders"),
    buildEdge("stg_orders", "daily_revenue"),
    buildEdge("raw_payments", "stg_payments"),
    buildEdge("stg_payments", "daily_revenue"),
    buildEdge("daily_revenue", "exec_dashboard"),
  ],
  [
    buildColumnEdge("raw_orders", "id", "stg_orders", "order_id"),
    buildColumnEdge("raw_orders", "amount", "stg_orders", "amount"),
    buildColumnEdge("stg_orders", "amount", "daily_revenue", "revenue", { transformation: "DIRECT/AGGREGATION" }),
    buildColumnEdge("stg_payments", "payment_id", "daily_revenue", "revenue", { transformation: "INDIRECT/FILTER" }),
    buildColumnEdge("raw_payments", "id", "stg_payments", "payment_id"),
    buildColumnEdge("daily_revenue", "revenue", "exec_dashboard", "revenue"),
  ],
);

describe("mergeGraphs", () => {
  it("keeps each node, edge and column edge once, in the order first seen, with the first response's center", () => {
    const expansion = buildGraph(
      "exec_dashboard",
      [buildNode("exec_dashboard", { upstreamCount: 1, downstreamCount: 1 }), buildNode("daily_revenue", { layer: "gold" }), buildNode("board_pack")],
      [buildEdge("daily_revenue", "exec_dashboard"), buildEdge("exec_dashboard", "board_pack")],
      [buildColumnEdge("daily_revenue", "revenue", "exec_dashboard", "revenue")],
      true,
    );
    const merged = mergeGraphs([chain, undefined, expansion])!;
    expect(merged.center).toBe("daily_revenue");
    expect(merged.nodes.map((n) => n.id)).toEqual([
      "raw_orders",
      "stg_orders",
      "raw_payments",
      "stg_payments",
      "daily_revenue",
      "exec_dashboard",
      "board_pack",
    ]);
    expect(merged.edges.map((e) => e.id)).toEqual([...chain.edges.map((e) => e.id), "exec_dashboard>board_pack"]);
    expect(merged.columnEdges).toHaveLength(chain.columnEdges.length);
    expect(merged.truncated).toBe(true);
    // The first copy of a node wins: its counts are the whole graph's either way.
    expect(merged.nodes.find((n) => n.id === "exec_dashboard")!.downstreamCount).toBe(0);
  });

  it("takes a later copy's columns when the first copy had none, and drops edges to unknown nodes", () => {
    const bare = buildGraph("a", [buildNode("a")], [buildEdge("ghost", "a")]);
    const withColumns = buildGraph("a", [buildNode("a", { columns: cols("x") })], []);
    const merged = mergeGraphs([bare, withColumns])!;
    expect(merged.nodes[0]!.columns).toEqual(cols("x"));
    expect(merged.edges).toEqual([]);
    expect(mergeGraphs([undefined, null])).toBeNull();
  });
});

describe("visibleGraph", () => {
  it("hides stale edges and the datasets only they connected to the center", () => {
    const graph = buildGraph(
      "b",
      [buildNode("a"), buildNode("b"), buildNode("c"), buildNode("d")],
      [buildEdge("a", "b"), buildEdge("b", "c", { stale: true }), buildEdge("c", "d"), buildEdge("a", "d", { stale: true })],
      [buildColumnEdge("b", "x", "c", "x", { stale: true }), buildColumnEdge("a", "x", "b", "x")],
    );
    const model = mergeGraphs([graph])!;
    expect(visibleGraph(model, false)).toBe(model);
    const visible = visibleGraph(model, true);
    expect(visible.nodes.map((n) => n.id)).toEqual(["a", "b"]);
    expect(visible.edges.map((e) => e.id)).toEqual(["a>b"]);
    expect(visible.columnEdges.map((e) => e.id)).toEqual(["a.x>b.x"]);
  });

  it("draws only column edges whose two columns are listed", () => {
    const graph = buildGraph(
      "a",
      [buildNode("a", { columns: cols("x") }), buildNode("b", { columns: cols("y") })],
      [buildEdge("a", "b")],
      [buildColumnEdge("a", "x", "b", "y"), buildColumnEdge("a", "gone", "b", "y")],
    );
    expect(drawableColumnEdges(mergeGraphs([graph])!).map((e) => e.sourceColumn)).toEqual(["x"]);
  });
});

describe("expandCounts", () => {
  it("counts each side's edges that are not loaded yet, and none once they are", () => {
    const first = buildGraph(
      "b",
      [buildNode("a", { upstreamCount: 3, downstreamCount: 1 }), buildNode("b", { upstreamCount: 1, downstreamCount: 2 })],
      [buildEdge("a", "b")],
    );
    const counts = expandCounts(mergeGraphs([first])!);
    expect(counts.get("a")).toEqual({ upstream: 3, downstream: 0 });
    expect(counts.get("b")).toEqual({ upstream: 0, downstream: 2 });
    const expansion = buildGraph("b", [buildNode("b"), buildNode("c"), buildNode("d")], [buildEdge("b", "c"), buildEdge("b", "d")]);
    expect(expandCounts(mergeGraphs([first, expansion])!).get("b")).toEqual({ upstream: 0, downstream: 0 });
  });

  it("counts a hidden stale edge as loaded", () => {
    const graph = buildGraph("b", [buildNode("a", { downstreamCount: 1 }), buildNode("b", { upstreamCount: 1 })], [buildEdge("a", "b", { stale: true })]);
    expect(expandCounts(mergeGraphs([graph])!).get("b")).toEqual({ upstream: 0, downstream: 0 });
  });
});

describe("highlightPath", () => {
  const model = mergeGraphs([chain])!;

  it("at table level: everything upstream and downstream of a node, not its siblings", () => {
    const path = highlightPath(model, [], { kind: "node", id: "stg_orders" });
    expect([...path.nodes].sort()).toEqual(["daily_revenue", "exec_dashboard", "raw_orders", "stg_orders"]);
    expect([...path.edges].sort()).toEqual(["daily_revenue>exec_dashboard", "raw_orders>stg_orders", "stg_orders>daily_revenue"]);
    expect(path.columns.size).toBe(0);
  });

  it("at column level: the column's upstream and downstream columns and column edges", () => {
    const path = highlightPath(model, drawableColumnEdges(model), { kind: "column", node: "daily_revenue", column: "revenue" });
    expect([...path.columns].sort()).toEqual(
      [
        columnKey("daily_revenue", "revenue"),
        columnKey("exec_dashboard", "revenue"),
        columnKey("raw_orders", "amount"),
        columnKey("raw_payments", "id"),
        columnKey("stg_orders", "amount"),
        columnKey("stg_payments", "payment_id"),
      ].sort(),
    );
    expect(path.columnEdges.has("raw_orders.id>stg_orders.order_id")).toBe(false);
    expect(path.columnEdges.size).toBe(5);
    expect(path.nodes.has("raw_orders")).toBe(true);
    expect(path.edges.size).toBe(0);
  });

  it("from a column that feeds nothing further: only its own upstream", () => {
    const path = highlightPath(model, drawableColumnEdges(model), { kind: "column", node: "stg_orders", column: "order_id" });
    expect([...path.columns].sort()).toEqual([columnKey("raw_orders", "id"), columnKey("stg_orders", "order_id")]);
    expect(highlightPath(model, [], null).nodes.size).toBe(0);
  });

  it("highlights nothing when the selected dataset is no longer shown", () => {
    expect(highlightPath(model, [], { kind: "node", id: "gone" }).nodes.size).toBe(0);
  });
});

describe("layout geometry", () => {
  it("keys a layout by its datasets, edges and heights, and keeps the anchor still", () => {
    const model = mergeGraphs([chain])!;
    const table = buildLayoutInput(model, false);
    const columns = buildLayoutInput(model, true);
    expect(table.key).not.toBe(columns.key);
    expect(buildLayoutInput(mergeGraphs([{ ...chain, nodes: [...chain.nodes].reverse() }])!, false).key).toBe(table.key);
    expect(columns.nodes.find((n) => n.id === "daily_revenue")!.height).toBeGreaterThan(table.nodes.find((n) => n.id === "daily_revenue")!.height);
    const next = { key: "k", positions: { a: { x: 10, y: 10 }, b: { x: 300, y: 10 } }, bands: [], tookMs: 1 };
    expect(anchorLayout(next, { a: { x: 110, y: -40 } }, "a").positions).toEqual({ a: { x: 110, y: -40 }, b: { x: 400, y: -40 } });
    expect(anchorLayout(next, null, "a")).toBe(next);
  });

  it("puts a column's handles at the middle of its row", () => {
    const handles = nodeHandles(["id", "amount"]);
    const amountIn = handles.find((h) => h.id === "in:amount")!;
    expect(amountIn.y + amountIn.height / 2).toBe(HEADER_HEIGHT + COLUMN_ROW_HEIGHT * 1.5);
    expect(handles.filter((h) => h.type === "source")).toHaveLength(3);
  });
});

describe("lineage URL", () => {
  it("reads and writes dataset, depth (1–5, default 2), column mode and hidden stale edges", () => {
    const params = parseLineageParams(new URLSearchParams("dataset=abc&depth=9&columns=1"));
    expect(params).toEqual({ dataset: "abc", depth: 5, columns: true, hideStale: false });
    expect(parseLineageParams(new URLSearchParams("depth=x"))).toEqual({ dataset: null, depth: 2, columns: false, hideStale: false });
    expect(lineageHref({ ...params, depth: 3, hideStale: true })).toBe("/lineage?dataset=abc&depth=3&columns=1&hideStale=1");
    expect(lineageHref({ dataset: null, depth: 2, columns: false, hideStale: false })).toBe("/lineage");
  });
});
