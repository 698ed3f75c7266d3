import { describe, expect, it } from "vitest";
import { edgePath, layoutModelGraph } from "@/components/models/model-graph-layout";
import { buildModelLineage, downstreamOf } from "@/components/models/model-lineage";

const models = [
  { id: "1", name: "customers", layer: "silver", refs: [] },
  { id: "2", name: "orders", layer: "silver", refs: ["customers"] },
  { id: "3", name: "revenue", layer: "gold", refs: ["orders", "customers", "gone"] },
];

describe("model lineage", () => {
  it("links models by their refs, ignoring refs to models that do not exist", () => {
    const lineage = buildModelLineage(models);
    expect(lineage.edges).toHaveLength(3);
    expect(lineage.downstream.get("customers")).toEqual(["orders", "revenue"]);
    expect(lineage.upstream.get("revenue")).toEqual(["orders", "customers"]);
    expect(downstreamOf(lineage, "customers")).toEqual([
      { name: "orders", depth: 1 },
      { name: "revenue", depth: 1 },
    ]);
    expect(downstreamOf(lineage, "revenue")).toEqual([]);
  });

  it("lays upstream models out to the left of what reads them", () => {
    const layout = layoutModelGraph(buildModelLineage(models));
    const x = Object.fromEntries(layout.nodes.map((n) => [n.id, n.x]));
    expect(x.customers!).toBeLessThan(x.orders!);
    expect(x.orders!).toBeLessThan(x.revenue!);
    expect(layout.edges.every((e) => edgePath(e.points).startsWith("M "))).toBe(true);
    expect(layoutModelGraph({ nodes: [], edges: [] })).toEqual({ width: 0, height: 0, nodes: [], edges: [] });
  });
});
