import { describe, expect, it } from "vitest";
import { buildGraphNode as buildNode } from "@/components/lineage/graph-test-builders";
import { datasetNeighbours } from "@/components/catalog/dataset-neighbours";
import type { TGraphEdge } from "@/server/lineage/lineage-contracts";

function buildEdge(source: string, target: string, over: Partial<TGraphEdge> = {}): TGraphEdge {
  return { id: `${source}->${target}:${over.job ?? "job"}`, source, target, job: "job", stale: false, lastSeenAt: new Date(1000), unresolved: {}, ...over };
}

describe("datasetNeighbours", () => {
  const nodes = ["orders", "customers", "center", "daily", "weekly"].map((id) => buildNode(id));

  it("splits edges into upstream and downstream datasets", () => {
    const { upstream, downstream } = datasetNeighbours(
      { nodes, edges: [buildEdge("orders", "center"), buildEdge("customers", "center"), buildEdge("center", "daily")] },
      "center",
    );
    expect(upstream.map((n) => n.node.id)).toEqual(["customers", "orders"]);
    expect(downstream.map((n) => n.node.id)).toEqual(["daily"]);
  });

  it("merges edges of several jobs, stale only when all are", () => {
    const { downstream } = datasetNeighbours(
      {
        nodes,
        edges: [
          buildEdge("center", "daily", { job: "a", stale: true, lastSeenAt: new Date(1000) }),
          buildEdge("center", "daily", { job: "b", stale: false, lastSeenAt: new Date(5000) }),
          buildEdge("center", "weekly", { job: "a", stale: true }),
        ],
      },
      "center",
    );
    expect(downstream).toMatchObject([
      { node: { id: "daily" }, jobs: ["a", "b"], stale: false, lastSeenAt: new Date(5000) },
      { node: { id: "weekly" }, jobs: ["a"], stale: true },
    ]);
  });

  it("ignores self-edges and edges to nodes it was not given", () => {
    const { upstream, downstream } = datasetNeighbours({ nodes, edges: [buildEdge("center", "center"), buildEdge("ghost", "center")] }, "center");
    expect(upstream).toEqual([]);
    expect(downstream).toEqual([]);
  });
});
