/**
 * Lineage and catalog as the engine records them: the demo pipeline (a real
 * PostgreSQL shop synced into a DuckDB file, then silver and gold models)
 * run through its real entry points, then the catalog, the lineage graph
 * at table and column level, PII, previews, impact and stale edges read
 * back through the server functions the tRPC procedures call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { ensureDemo } from "@/demo/ensure-demo";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { runTransform } from "@/engine/transform/run-transform";
import { logger } from "@/lib/logger";
import { getDataset } from "@/server/catalog/dataset-page";
import { previewDataset } from "@/server/catalog/dataset-preview";
import { impactOf } from "@/server/catalog/impact";
import { searchCatalog } from "@/server/catalog/search";
import { lineageGraph } from "@/server/lineage/lineage-graph";
import { setUpTestApp } from "@/server/testing/test-app";
import { createModel, updateModel } from "@/server/transforms/model-store";

let teardown: () => Promise<void>;
let state: string;
const SYSTEM = { id: null, email: "test" } as const;
const signal = new AbortController().signal;

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  state = mkdtempSync(path.join(os.tmpdir(), "weir-lineage-"));
}, 120_000);
afterAll(async () => {
  await teardown();
  rmSync(state, { recursive: true, force: true });
});

async function dataset(suffix: string) {
  const row = await db().dataset.findFirst({ where: { name: { endsWith: suffix } }, include: { columns: { orderBy: { position: "asc" } } } });
  expect(row, `a catalog entry named …${suffix}`).toBeTruthy();
  return row!;
}

async function transform(selector: string): Promise<void> {
  const run = await db().transformRun.create({ data: { selector } });
  await runTransform({ transformRunId: run.id, log: logger, signal });
  const done = await db().transformRun.findUniqueOrThrow({ where: { id: run.id }, include: { modelRuns: true } });
  expect(done.status, done.error ?? "").toBe("succeeded");
}

const columnEdges = async (outputSuffix: string, outputColumn: string) => {
  const out = await dataset(outputSuffix);
  const rows = await db().columnEdge.findMany({ where: { outputColumn, edge: { outputId: out.id } }, include: { edge: { include: { job: true } } } });
  const inputs = await db().dataset.findMany({ where: { id: { in: rows.map((r) => r.edge.inputId) } } });
  return rows.map((r) => `${inputs.find((i) => i.id === r.edge.inputId)!.name}.${r.inputColumn} ${r.transformation}`).sort();
};

describe("lineage recorded by the engine", () => {
  it("records the demo pipeline at table and column level, fills the catalog, and marks dropped inputs stale", async () => {
    const serverUrl = process.env.WEIR_TEST_PG_URL!;
    const demo = await ensureDemo(serverUrl, state);
    // discover alone puts the source's streams in the catalog, PII marked by the demo
    const discovered = await dataset(".public.customers");
    expect(discovered).toMatchObject({ kind: "source_stream", platform: "postgres" });
    expect(discovered.namespace).toMatch(/^postgres:\/\/.+:\d+$/);
    expect(
      discovered.columns
        .filter((c) => c.pii)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["email", "full_name"]);

    const run = await db().run.create({ data: { connectionId: demo.connectionId, trigger: "manual" } });
    expect(await runConnectionSync({ runId: run.id, attempt: 1, maxAttempts: 1, log: logger, signal })).toBe("succeeded");
    const pipeline = await db().transformRun.findFirstOrThrow({ where: { upstreamRunId: run.id } });
    await runTransform({ transformRunId: pipeline.id, log: logger, signal });

    // the sync: START then COMPLETE under its run id, source stream → bronze table, columns one to one
    const events = await db().lineageEvent.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.eventType)).toEqual(["START", "COMPLETE"]);
    const bronzeItems = await dataset("bronze.shop_order_items");
    expect(bronzeItems).toMatchObject({ kind: "table", layer: "bronze", platform: "duckdb" });
    expect(Number(bronzeItems.rowCount)).toBeGreaterThan(3000);
    expect(bronzeItems.columns.map((c) => c.name)).toEqual(expect.arrayContaining(["order_id", "quantity", "unit_price", "_weir_run_id"]));
    expect(await columnEdges("bronze.shop_order_items", "unit_price")).toEqual(["shop.public.order_items.unit_price DIRECT/IDENTITY"]);

    // the models: inputs → table, column lineage from the SQL (joins, aliases, aggregates, USING)
    const gold = await dataset("gold.daily_revenue");
    expect(gold).toMatchObject({ kind: "model", layer: "gold", owner: "demo", description: "Paid revenue per day and country.", qualityStatus: null });
    expect(Number(gold.rowCount)).toBeGreaterThan(10);
    expect(gold.columns.map((c) => c.name)).toEqual(["order_date", "country", "orders", "revenue"]);
    expect(gold.columns.find((c) => c.name === "revenue")!.description).toBe("Sum of order amounts.");
    expect(await columnEdges("gold.daily_revenue", "revenue")).toEqual(["silver.orders.amount DIRECT/AGGREGATION"]);
    expect(await columnEdges("gold.daily_revenue", "country")).toEqual(["silver.customers.country DIRECT/IDENTITY"]);
    expect(await columnEdges("silver.orders", "amount")).toEqual([
      "bronze.shop_order_items.quantity DIRECT/AGGREGATION",
      "bronze.shop_order_items.unit_price DIRECT/AGGREGATION",
    ]);
    expect(await columnEdges("silver.customers", "customer_id")).toEqual(["bronze.shop_customers.id DIRECT/IDENTITY"]);
    // the checks' results reach the catalog; PII follows the column lineage (email → lower(trim(email)))
    const customers = await dataset("silver.customers");
    expect(customers.qualityStatus).toBe("passed");
    expect(
      customers.columns
        .filter((c) => c.pii)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["email", "full_name"]);
    expect(gold.columns.some((c) => c.pii)).toBe(false);

    // the explorer's graph: gold's upstream chain back to the source streams, three hops
    const graph = await lineageGraph({ datasetId: gold.id, depth: 3, direction: "upstream", columns: true });
    const names = graph.nodes.map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "gold.daily_revenue",
        "silver.orders",
        "silver.customers",
        "bronze.shop_order_items",
        "shop.public.order_items",
        "shop.public.customers",
      ]),
    );
    expect(graph.nodes.find((n) => n.name === "silver.orders")).toMatchObject({ upstreamCount: 2, downstreamCount: 1, layer: "silver" });
    const byId = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(
      graph.columnEdges
        .filter((e) => byId.get(e.target) === "silver.orders" && e.targetColumn === "amount")
        .map((e) => e.sourceColumn)
        .sort(),
    ).toEqual(["quantity", "unit_price"]);
    expect(graph.edges.every((e) => !e.stale)).toBe(true);

    // impact of a source column: everything downstream, to any depth
    const source = await dataset("shop.public.order_items");
    const impact = await impactOf({ id: source.id, column: "unit_price" });
    expect(impact.items.map((i) => [i.name, i.depth, i.columns])).toEqual([
      ["bronze.shop_order_items", 1, ["unit_price"]],
      ["silver.orders", 2, ["amount"]],
      ["gold.daily_revenue", 3, ["revenue"]],
    ]);
    expect((await impactOf({ id: source.id })).items.map((i) => i.name)).toEqual(["bronze.shop_order_items", "silver.orders", "gold.daily_revenue"]);

    // the dataset page: runs that produced it, links; preview masks PII below engineer
    const page = await getDataset(customers.id);
    expect(page.runs.some((r) => r.role === "output" && r.state === "COMPLETE" && r.href?.startsWith("/models/runs/"))).toBe(true);
    expect(page.checks.map((c) => c.status)).toEqual(["passed", "passed"]);
    const masked = await previewDataset(customers.id, { role: "analyst" });
    expect(masked.masked).toBe(true);
    expect(masked.rows.length).toBe(100);
    const email = masked.columns.findIndex((c) => c.name === "email");
    expect(masked.rows.every((r) => r[email] === "•••")).toBe(true);
    const plain = await previewDataset(customers.id, { role: "engineer" });
    expect(plain.masked).toBe(false);
    expect(plain.rows[0]![email]).toMatch(/@/);

    // a model whose columns come through CTEs and joins
    await createModel(
      {
        name: "customer_value",
        layer: "gold",
        materialization: "table",
        uniqueKey: [],
        owner: "analytics",
        description: "Lifetime value per customer.",
        columnDescriptions: {},
        destinationId: gold.destinationId!,
        schedule: null,
        sql: `with paid as (select customer_id, amount from {{ ref('orders') }} where status <> 'cancelled'),
  totals as (select customer_id, sum(amount) as lifetime_value, count(*) as orders from paid group by customer_id)
select c.customer_id, c.email as contact, t.lifetime_value, t.orders
from {{ ref('customers') }} c join totals t on t.customer_id = c.customer_id`,
      },
      SYSTEM,
    );
    await transform("customer_value");
    expect(await columnEdges("gold.customer_value", "lifetime_value")).toEqual(["silver.orders.amount DIRECT/AGGREGATION"]);
    expect(await columnEdges("gold.customer_value", "contact")).toEqual(["silver.customers.email DIRECT/IDENTITY"]);
    expect(await columnEdges("gold.customer_value", "customer_id")).toEqual(["silver.customers.customer_id DIRECT/IDENTITY"]);
    expect((await dataset("gold.customer_value")).columns.find((c) => c.name === "contact")!.pii).toBe(true);

    // a model drops an input: its edge from that input is stale, and can be hidden
    const orders = await db().model.findUniqueOrThrow({ where: { name: "orders" } });
    await updateModel(
      {
        id: orders.id,
        sql: `{{ config(materialized='table') }}\nselect o.id as order_id, o.customer_id, lower(o.status) as status, o.ordered_at, cast(o.ordered_at as date) as order_date, 0::decimal(12, 2) as amount\nfrom {{ source('shop → warehouse', 'public.orders') }} o`,
      },
      SYSTEM,
    );
    await transform("orders");
    const silverOrders = await dataset("silver.orders");
    const withStale = await lineageGraph({ datasetId: silverOrders.id, depth: 1, direction: "upstream" });
    const stale = withStale.edges.filter((e) => e.stale).map((e) => byId.get(e.source) ?? e.source);
    expect(stale).toEqual(["bronze.shop_order_items"]);
    const hidden = await lineageGraph({ datasetId: silverOrders.id, depth: 1, direction: "upstream", includeStale: false });
    expect(hidden.edges.map((e) => withStale.nodes.find((n) => n.id === e.source)!.name)).toEqual(["bronze.shop_orders"]);
    // impact follows current lineage only
    expect((await impactOf({ id: source.id })).items.map((i) => i.name)).toEqual(["bronze.shop_order_items"]);

    // search: ranked, typo-tolerant, faceted, any text safe
    const found = await searchCatalog({ q: "orders" });
    expect(found.items[0]!.shortName).toBe("orders");
    expect(found.items.map((i) => i.name)).toEqual(expect.arrayContaining(["silver.orders", "bronze.shop_orders", "shop.public.orders"]));
    expect(found.facets.layer).toEqual(expect.arrayContaining([{ value: "silver", count: expect.any(Number) }]));
    expect((await searchCatalog({ q: "ordrs" })).items.map((i) => i.shortName)).toContain("orders");
    expect((await searchCatalog({ q: "lifetime" })).items[0]!.name).toBe("gold.customer_value");
    expect((await searchCatalog({ q: "unit_price" })).items.map((i) => [i.name, i.matchedColumns])).toContainEqual(["bronze.shop_order_items", ["unit_price"]]);
    const goldOnly = await searchCatalog({ q: "", layer: ["gold"] });
    expect(goldOnly.items.map((i) => i.name).sort()).toEqual(["gold.customer_value", "gold.daily_revenue"]);
    // a facet's counts ignore its own pick, so another layer can be added to it
    expect(goldOnly.facets.layer.map((f) => f.value)).toEqual(expect.arrayContaining(["gold", "silver", "bronze"]));
    expect(goldOnly.facets.platform).toEqual([{ value: "duckdb", count: 2 }]);
    for (const q of [`'; DROP TABLE "Dataset"; --`, `"unterminated`, "ünïcødé 数据 🚀", "x".repeat(10_000), "!!!", "a & b | c"]) {
      await expect(searchCatalog({ q })).resolves.toMatchObject({ total: expect.any(Number) });
    }
  }, 240_000);
});
