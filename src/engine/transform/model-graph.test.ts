import { describe, expect, it } from "vitest";

import { ModelGraph } from "@/engine/transform/model-graph";

// bronze → silver → gold, with a mart on two silvers and an unrelated model.
const MODELS = [
  { name: "customers_clean", refs: [] },
  { name: "orders_clean", refs: [] },
  { name: "orders_enriched", refs: ["orders_clean", "customers_clean"] },
  { name: "daily_revenue", refs: ["orders_enriched"] },
  { name: "country_revenue", refs: ["orders_enriched", "customers_clean"] },
  { name: "products_clean", refs: [] },
];

describe("ModelGraph", () => {
  it("orders models in generations that depend only on earlier ones", () => {
    expect(ModelGraph.build(MODELS).generations()).toEqual([
      ["customers_clean", "orders_clean", "products_clean"],
      ["orders_enriched"],
      ["country_revenue", "daily_revenue"],
    ]);
  });

  it("selects with dbt's +model, model+ and +model+", () => {
    const graph = ModelGraph.build(MODELS);
    expect([...graph.select("orders_enriched")]).toEqual(["orders_enriched"]);
    expect([...graph.select("+orders_enriched")].sort()).toEqual(["customers_clean", "orders_clean", "orders_enriched"]);
    expect([...graph.select("orders_enriched+")].sort()).toEqual(["country_revenue", "daily_revenue", "orders_enriched"]);
    expect([...graph.select("+daily_revenue+")].sort()).toEqual(["customers_clean", "daily_revenue", "orders_clean", "orders_enriched"]);
    expect([...graph.select("customers_clean+")].sort()).toEqual(["country_revenue", "customers_clean", "daily_revenue", "orders_enriched"]);
    expect(graph.generations(graph.select("orders_enriched+"))).toEqual([["orders_enriched"], ["country_revenue", "daily_revenue"]]);
    expect(() => graph.select("nope+")).toThrow(/There is no model "nope"/);
    expect(() => graph.select("a b")).toThrow(/is not a model selector/);
  });

  it("keeps the order of selected models that connect through unselected ones", () => {
    const graph = ModelGraph.build(MODELS);
    expect(graph.generations(new Set(["orders_clean", "daily_revenue"]))).toEqual([["orders_clean"], ["daily_revenue"]]);
  });

  it("refuses unknown refs, naming every one", () => {
    expect(() =>
      ModelGraph.build([
        { name: "a", refs: ["missing"] },
        { name: "b", refs: ["a", "gone"] },
      ]),
    ).toThrow('Unknown models in ref(): "a" refers to "missing"; "b" refers to "gone". Create the model or fix the name.');
  });

  it("refuses a cycle, naming its path", () => {
    const cyclic = [
      { name: "a", refs: ["c"] },
      { name: "b", refs: ["a"] },
      { name: "c", refs: ["b"] },
      { name: "d", refs: [] },
    ];
    expect(() => ModelGraph.build(cyclic)).toThrow(/cycle: (a → b → c → a|b → c → a → b|c → a → b → c)\./);
    expect(() => ModelGraph.build([{ name: "self", refs: ["self"] }])).toThrow(/cycle: self → self/);
    expect(() =>
      ModelGraph.build([
        { name: "x", refs: [] },
        { name: "x", refs: [] },
      ]),
    ).toThrow(/Two models are named "x"/);
  });
});
