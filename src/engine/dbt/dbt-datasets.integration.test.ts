// The pure part of landing dbt nodes in the catalog: naming, merged docs and columns, stable run ids.
import { describe, expect, it } from "vitest";

import { type TDbtCatalogNode, dbtDatasets, schemaFields } from "@/engine/dbt/dbt-datasets";
import { stableUuid } from "@/engine/dbt/dbt-lineage";

const destination = { id: "6f7c1a52-3c1e-4d1b-9f51-6a7f3b8e2d10", connector: "duckdb", name: "warehouse", config: { path: "/srv/w.duckdb" } };

function buildNode(over: Partial<TDbtCatalogNode> & Pick<TDbtCatalogNode, "uniqueId" | "kind">): TDbtCatalogNode {
  return { relation: "main.orders", schema: "main", table: "orders", description: "", owner: null, columns: [], upstream: [], compiledSql: null, ...over };
}

describe("schemaFields", () => {
  it("keeps the warehouse's columns and order, adds dbt's docs by name whatever the case, then the columns only dbt lists", () => {
    const fields = schemaFields(
      [
        { name: "ID", description: "Order id.", dataType: null },
        { name: "note", description: "Only documented.", dataType: "text" },
      ],
      [
        { name: "id", type: "integer" },
        { name: "amount", type: "decimal(12,2)" },
      ],
    );
    expect(fields).toEqual([
      { name: "id", type: "integer", description: "Order id." },
      { name: "amount", type: "decimal(12,2)" },
      { name: "note", type: "text", description: "Only documented." },
    ]);
  });
});

describe("dbtDatasets", () => {
  it("names a node as Weir names the warehouse's tables and merges nodes of one relation: the builder's kind, the first description", () => {
    const datasets = dbtDatasets(
      [
        buildNode({
          uniqueId: "source.shop.shop.orders",
          kind: "dbt_source",
          description: "Orders as loaded.",
          columns: [{ name: "id", description: "Order id.", dataType: null }],
        }),
        buildNode({ uniqueId: "seed.shop.orders", kind: "dbt_seed", owner: "ops" }),
      ],
      destination,
      new Map(),
    );
    expect([...datasets.keys()]).toEqual(["main.orders"]);
    const d = datasets.get("main.orders")!;
    expect(d).toMatchObject({ namespace: "duckdb:///srv/w.duckdb", name: "main.orders" });
    expect(d.facets?.weir).toMatchObject({ kind: "dbt_seed", destinationId: destination.id });
    expect(d.facets?.documentation?.description).toBe("Orders as loaded.");
    expect(d.facets?.ownership?.owners).toEqual([{ name: "ops" }]);
    expect(d.facets?.schema?.fields).toEqual([{ name: "id", description: "Order id." }]);
  });

  it("states no documentation or schema it does not have, so a table's own stay", () => {
    const d = dbtDatasets([buildNode({ uniqueId: "model.shop.orders", kind: "dbt_model" })], destination, new Map()).get("main.orders")!;
    expect(Object.keys(d.facets ?? {})).toEqual(["weir"]);
  });
});

describe("stableUuid", () => {
  it("gives the same UUID for the same parts and another for other parts", () => {
    const a = stableUuid("dbt", "inv-1", "model.shop.orders");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid("dbt", "inv-1", "model.shop.orders")).toBe(a);
    expect(stableUuid("dbt", "inv-2", "model.shop.orders")).not.toBe(a);
  });
});
