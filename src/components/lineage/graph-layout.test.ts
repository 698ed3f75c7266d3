import { describe, expect, it } from "vitest";
import { layerBands, layoutGraph } from "@/components/lineage/graph-layout";
import type { TLayoutInput } from "@/components/lineage/graph-geometry";

const node = (id: string, layer: string | null, height = 60) => ({ id, width: 248, height, layer });

describe("layoutGraph", () => {
  it("lays lineage out left to right and bands each layer whose datasets sit together", () => {
    const input: TLayoutInput = {
      key: "k",
      nodes: [node("src", null), node("b1", "bronze"), node("b2", "bronze"), node("s1", "silver"), node("g1", "gold", 150)],
      edges: [
        { source: "src", target: "b1" },
        { source: "src", target: "b2" },
        { source: "b1", target: "s1" },
        { source: "b2", target: "s1" },
        { source: "s1", target: "g1" },
      ],
    };
    const result = layoutGraph(input);
    const x = (id: string) => result.positions[id]!.x;
    expect(x("src")).toBeLessThan(x("b1"));
    expect(x("b1")).toBe(x("b2"));
    expect(x("b1")).toBeLessThan(x("s1"));
    expect(x("s1")).toBeLessThan(x("g1"));
    expect(result.key).toBe("k");
    expect(result.bands.map((b) => b.layer)).toEqual(["bronze", "silver", "gold"]);
    const bronze = result.bands[0]!;
    expect(bronze.x).toBeLessThan(x("b1"));
    expect(bronze.y + bronze.height).toBeGreaterThan(Math.max(result.positions.b1!.y, result.positions.b2!.y) + 60);
  });

  it("draws no band that would enclose a dataset of another layer", () => {
    const input: TLayoutInput = { key: "k", nodes: [node("s1", "silver"), node("g1", "gold"), node("s2", "silver")], edges: [] };
    const positions = { s1: { x: 0, y: 0 }, g1: { x: 0, y: 100 }, s2: { x: 0, y: 200 } };
    expect(layerBands(input, positions).map((b) => b.layer)).toEqual(["gold"]);
  });
});
