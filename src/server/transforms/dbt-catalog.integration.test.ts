/**
 * A real dbt project (dbt-core + dbt-duckdb, engine/dbt/dbt-fixture.ts)
 * imported through `dbt.import`, changed and rebuilt, and imported again:
 * its nodes are catalog datasets named as Weir names the warehouse's tables
 * (joining a Weir-loaded table and an OpenLineage producer's dataset of the
 * same relations), with column docs and lineage from depends_on and the
 * compiled SQL; re-imports are idempotent; what the project dropped is
 * marked removed; tests on relations Weir does not reach are dbt-run only.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { type TDbtRun, buildFixtureProject, rebuildFixtureProject } from "@/engine/dbt/dbt-fixture";
import { type TEndpoint, warehouseRelationName } from "@/engine/lineage/dataset-naming";
import { FACET_SCHEMAS, OPENLINEAGE_SCHEMA_URL, facet } from "@/engine/lineage/event-types";
import { recordRunEvent } from "@/engine/lineage/record-event";
import { weirRunEvent } from "@/engine/lineage/weir-events";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let v1: TDbtRun;
let v2: TDbtRun;
let destination: TEndpoint & { id: string };
let api: ReturnType<typeof callerFor>;

const datasetOf = async (relation: string) => {
  const [schema, table] = relation.split(".");
  return db().dataset.findUniqueOrThrow({
    where: { namespace_name: warehouseRelationName(destination, schema!, table!) },
    include: { columns: { orderBy: { position: "asc" } } },
  });
};
const dbtChecks = () => db().check.findMany({ where: { destinationId: destination.id, origin: { startsWith: "dbt:" } } });

/** The project's next version: a model and a (failing) test removed, a column doc changed, a model with a test and a source added. */
function changeProject(dir: string): void {
  const sourcesYml = path.join(dir, "models", "sources.yml");
  writeFileSync(
    sourcesYml,
    `${readFileSync(sourcesYml, "utf8")}      - name: payments\n        description: Payments as loaded.\n        columns:\n          - name: paid_at\n            description: When the payment cleared.\n`,
  );
  unlinkSync(path.join(dir, "models", "staging", "stg_shop_orders.sql"));
  const schemaYml = path.join(dir, "models", "schema.yml");
  const yml = readFileSync(schemaYml, "utf8")
    .replace("description: The customer.\n", "description: The customer, as the shop numbers them.\n")
    .replace(
      '      - name: country\n        data_tests:\n          - accepted_values:\n              arguments:\n                values: ["NL", "DE", "FR"]\n',
      "      - name: country\n",
    );
  writeFileSync(
    schemaYml,
    `${yml}  - name: customer_orders\n    description: Orders per customer.\n    columns:\n      - name: customer_id\n        data_tests: [not_null]\n`,
  );
  writeFileSync(
    path.join(dir, "models", "marts", "customer_orders.sql"),
    "select c.customer_id, c.country, count(o.order_id) as orders\nfrom {{ ref('stg_customers') }} c\nleft join {{ ref('stg_orders') }} o using (customer_id)\ngroup by 1, 2\n",
  );
}

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  v1 = buildFixtureProject();
  const config = { path: path.join(v1.dir, "shop.duckdb") };
  destination = { ...(await db().destination.create({ data: { name: "dbt warehouse", connector: "duckdb", config } })), config };
  api = callerFor(await buildUser({ role: "engineer" }));

  // Weir loads raw_orders into this warehouse (a sync's output event) ...
  await recordRunEvent(
    weirRunEvent({
      eventType: "COMPLETE",
      runId: randomUUID(),
      job: "weir.sync.shop",
      jobType: "SYNC",
      inputs: [],
      outputs: [
        {
          ...warehouseRelationName(destination, "main", "raw_orders"),
          facets: {
            weir: facet(FACET_SCHEMAS.weir, { kind: "table" as const, destinationId: destination.id }),
            schema: facet(FACET_SCHEMAS.schema, { fields: ["id", "customer_id", "amount", "status", "ordered_at"].map((name) => ({ name, type: "varchar" })) }),
          },
        },
      ],
    }),
    { receivedFrom: "weir", trusted: true, origin: "sync" },
  );
  // ... and a producer (a BI job) reports reading daily_revenue, before Weir knows it as a dbt model.
  await recordRunEvent(
    {
      eventType: "COMPLETE",
      eventTime: new Date().toISOString(),
      producer: "https://example.com/bi",
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId: randomUUID() },
      job: { namespace: "bi", name: "revenue_dashboard" },
      inputs: [warehouseRelationName(destination, "main", "daily_revenue")],
      outputs: [{ namespace: "bi", name: "dashboards.revenue" }],
    },
    { receivedFrom: "token:bi", trusted: false },
  );
}, 600_000);
afterAll(async () => {
  await teardown();
  if (v1) rmSync(v1.dir, { recursive: true, force: true });
});

describe("dbt.import into the catalog", () => {
  it("makes every node a catalog dataset of its warehouse relation, joining the Weir table and the producer's dataset of the same relations", async () => {
    const table = await datasetOf("main.raw_orders");
    const reported = await datasetOf("main.daily_revenue");
    expect(reported.kind).toBe("external");

    const imported = await api.dbt.import({ destinationId: destination.id, manifest: v1.manifest, runResults: v1.runResults });
    // dbt skipped daily_revenue (a test upstream failed), so the warehouse has no such table yet: its not_null test is dbt-run only.
    expect(imported).toMatchObject({
      project: "shop",
      datasets: 6,
      edges: 5,
      checks: 7,
      results: 6,
      repeatedResults: 0,
      dbtRunOnlyChecks: 1,
      removed: { nodes: 0, checks: 0, datasets: 0 },
    });
    expect(imported.columnEdges).toBeGreaterThan(10);

    const orders = await datasetOf("main.raw_orders");
    expect(orders).toMatchObject({ id: table.id, kind: "table", description: "Orders as loaded." });
    expect(orders.columns.map((c) => c.name)).toEqual(["id", "customer_id", "amount", "status", "ordered_at"]);
    expect(orders.columns[0]).toMatchObject({ name: "id", description: "Order id." });

    const revenue = await api.catalog.dataset({ id: reported.id });
    expect(revenue).toMatchObject({
      kind: "dbt_model",
      description: "Paid revenue per day and country.",
      owner: "analytics",
      removedAt: null,
      previewable: true,
    });
    expect(revenue.columns.map((c) => [c.name, c.description])).toEqual([["revenue", "Sum of paid order amounts."]]);
    expect((await dbtChecks()).find((c) => c.name === "not_null_daily_revenue_revenue")?.dbtRunOnlyReason).toMatch(/has no main\.daily_revenue/);

    const customers = await datasetOf("main.stg_customers");
    expect(customers).toMatchObject({ kind: "dbt_model", description: "Customers, cleaned.", qualityStatus: "failed" });
    expect(customers.columns.map((c) => [c.name, c.type, c.description])).toEqual([
      ["customer_id", "integer", "The customer."],
      ["email", "varchar", ""],
      ["country", "varchar", ""],
    ]);
    expect((await datasetOf("main.raw_customers")).kind).toBe("dbt_seed");

    const found = await api.catalog.search({ q: "paid revenue per day" });
    expect(found.items.find((i) => i.id === reported.id)).toMatchObject({ kind: "dbt_model", description: "Paid revenue per day and country." });
  });

  it("draws dbt's depends_on and the compiled SQL's column lineage in the lineage graph", async () => {
    const revenue = await datasetOf("main.daily_revenue");
    const graph = await api.lineage.graph({ datasetId: revenue.id, depth: 2, columns: true });
    const name = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const edges = graph.edges.map((e) => `${name.get(e.source)} > ${name.get(e.target)} (${e.job})`).sort();
    expect(edges).toEqual([
      "main.daily_revenue > dashboards.revenue (revenue_dashboard)",
      "main.raw_customers > main.stg_customers (model.shop.stg_customers)",
      "main.raw_orders > main.stg_orders (model.shop.stg_orders)",
      "main.stg_customers > main.daily_revenue (model.shop.daily_revenue)",
      "main.stg_orders > main.daily_revenue (model.shop.daily_revenue)",
    ]);
    const direct = (target: string) =>
      graph.columnEdges
        .filter((c) => name.get(c.target) === target && c.transformation.startsWith("DIRECT"))
        .map((c) => `${name.get(c.source)}.${c.sourceColumn} > ${c.targetColumn} ${c.transformation}`)
        .sort();
    expect(direct("main.stg_customers")).toEqual([
      "main.raw_customers.country > country DIRECT/IDENTITY",
      "main.raw_customers.email > email DIRECT/TRANSFORMATION",
      "main.raw_customers.id > customer_id DIRECT/IDENTITY",
    ]);
    // dbt skipped the model, so the manifest has no compiled SQL for it: its edges say why there is no column lineage.
    expect(graph.edges.find((e) => e.target === revenue.id && name.get(e.source) === "main.stg_orders")?.unresolved).toEqual({
      "*": "the manifest has no compiled SQL for this node (run dbt compile, run or build first)",
    });
    const job = await db().lineageJob.findUniqueOrThrow({
      where: { namespace_name: { namespace: "dbt://shop", name: "model.shop.daily_revenue" } },
      include: { runs: true },
    });
    expect(job.runs.map((r) => r.origin)).toEqual(["dbt"]);
  });

  it("imports the same manifest and run_results.json again without adding results, runs or incidents", async () => {
    const before = {
      results: await db().checkResult.count(),
      runs: await db().lineageRun.count(),
      open: await db().incident.count({ where: { status: "open" } }),
    };
    const again = await api.dbt.import({ destinationId: destination.id, manifest: v1.manifest, runResults: v1.runResults });
    expect(again).toMatchObject({ results: 0, repeatedResults: 6, edges: 0, columnEdges: 0, checks: 7 });
    expect({
      results: await db().checkResult.count(),
      runs: await db().lineageRun.count(),
      open: await db().incident.count({ where: { status: "open" } }),
    }).toEqual(before);
  });

  it("after the project changed: removed model and test marked removed, new model and doc in, a new invocation's results added once", async () => {
    v2 = rebuildFixtureProject(v1, changeProject);
    const accepted = (await dbtChecks()).find((c) => c.name.startsWith("accepted_values_stg_customers_country"))!;
    const resultsBefore = await db().checkResult.count();

    const imported = await api.dbt.import({ destinationId: destination.id, manifest: v2.manifest, runResults: v2.runResults });
    expect(imported).toMatchObject({
      datasets: 7,
      sources: 2,
      checks: 7,
      repeatedResults: 0,
      dbtRunOnlyChecks: 0,
      removed: { nodes: 1, checks: 1, datasets: 1 },
    });
    expect(imported.results).toBe(7);
    expect(await db().checkResult.count()).toBe(resultsBefore + 7);
    expect(await api.dbt.import({ destinationId: destination.id, manifest: v2.manifest, runResults: v2.runResults })).toMatchObject({
      results: 0,
      repeatedResults: 7,
      removed: { nodes: 0, checks: 0, datasets: 0 },
    });
    expect(await db().checkResult.count()).toBe(resultsBefore + 7);

    // The removed test: disabled, marked, its incident resolved, its failure no longer in the badge, not runnable.
    const removedCheck = await api.quality.check({ id: accepted.id });
    expect(removedCheck).toMatchObject({ enabled: false, openIncidentId: null, removedAt: expect.any(Date) });
    expect(removedCheck.results[0]?.status).toBe("failed");
    expect(await datasetOf("main.stg_customers")).toMatchObject({ qualityStatus: "passed" });
    await expect(api.quality.runCheck({ id: accepted.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/removed from its dbt project/),
    });
    await expect(api.quality.setCheckEnabled({ id: accepted.id, enabled: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/removed from its dbt project/),
    });
    expect((await dbtChecks()).filter((c) => c.enabled)).toHaveLength(7);

    // The removed model: off /models and out of search, shown as removed with a stale edge in the graph.
    const nodes = await callerFor(await buildUser({ role: "viewer" })).dbt.nodes();
    expect(nodes.map((n) => n.name)).toContain("customer_orders");
    expect(nodes.map((n) => n.name)).not.toContain("stg_shop_orders");
    const gone = await datasetOf("main.stg_shop_orders");
    expect(gone.removedAt).not.toBeNull();
    expect((await api.catalog.search({ q: "stg_shop_orders" })).items.map((i) => i.name)).not.toContain("main.stg_shop_orders");
    expect((await api.catalog.search({})).items.map((i) => i.name)).not.toContain("main.stg_shop_orders");
    const orders = await datasetOf("main.raw_orders");
    const graph = await api.lineage.graph({ datasetId: orders.id, depth: 1, direction: "downstream" });
    expect(graph.nodes.find((n) => n.id === gone.id)).toMatchObject({ removedAt: expect.any(Date) });
    expect(graph.edges.find((e) => e.target === gone.id)).toMatchObject({ stale: true });
    const live = await api.lineage.graph({ datasetId: orders.id, depth: 1, direction: "downstream", includeStale: false });
    expect(live.nodes.map((n) => n.name)).toEqual(["main.raw_orders", "main.stg_orders"]);
    expect(orders.removedAt).toBeNull();

    // A source no node builds is a catalog entry of its own; the warehouse has no such table, so its columns are the manifest's.
    const payments = await datasetOf("main.payments");
    expect(payments).toMatchObject({ kind: "dbt_source", description: "Payments as loaded.", removedAt: null });
    expect(payments.columns.map((c) => [c.name, c.description])).toEqual([["paid_at", "When the payment cleared."]]);

    // The changed doc and the new model with its lineage.
    expect((await datasetOf("main.stg_customers")).columns.find((c) => c.name === "customer_id")?.description).toBe("The customer, as the shop numbers them.");
    const customerOrders = await datasetOf("main.customer_orders");
    expect(customerOrders).toMatchObject({ kind: "dbt_model", description: "Orders per customer.", qualityStatus: "passed" });
    const up = await api.lineage.graph({ datasetId: customerOrders.id, depth: 1, direction: "upstream", columns: true });
    const name = new Map(up.nodes.map((n) => [n.id, n.name]));
    expect(up.edges.map((e) => name.get(e.source)).sort()).toEqual(["main.stg_customers", "main.stg_orders"]);
    expect(
      up.columnEdges
        .filter((c) => c.targetColumn === "orders" && c.transformation.startsWith("DIRECT"))
        .map((c) => `${name.get(c.source)}.${c.sourceColumn} ${c.transformation}`),
    ).toEqual(["main.stg_orders.order_id DIRECT/AGGREGATION"]);
    // Built this time: daily_revenue's columns come from the warehouse with dbt's doc, its SQL gives column lineage, its test runs in Weir.
    const revenue = await datasetOf("main.daily_revenue");
    expect(revenue.columns.map((c) => [c.name, c.type, c.description])).toEqual([
      ["ordered_on", "date", ""],
      ["country", "varchar", ""],
      ["revenue", "decimal(38,2)", "Sum of paid order amounts."],
    ]);
    const down = await api.lineage.graph({ datasetId: revenue.id, depth: 1, direction: "upstream", columns: true });
    const named = new Map(down.nodes.map((n) => [n.id, n.name]));
    expect(
      down.columnEdges.filter((c) => c.targetColumn === "revenue" && !c.stale).map((c) => `${named.get(c.source)}.${c.sourceColumn} ${c.transformation}`),
    ).toEqual(["main.stg_orders.amount DIRECT/AGGREGATION"]);
    const notNull = (await dbtChecks()).find((c) => c.name === "not_null_daily_revenue_revenue")!;
    expect(notNull.dbtRunOnlyReason).toBeNull();
    expect((await api.quality.runCheck({ id: notNull.id })).results[0]).toMatchObject({ status: "passed", message: expect.not.stringMatching(/^dbt:/) });
  });

  it("keeps tests on relations Weir does not reach as dbt-run only: results from dbt, never run by Weir, no incident from trying", async () => {
    const elsewhere = await db().destination.create({
      data: { name: "empty warehouse", connector: "duckdb", config: { path: path.join(v1.dir, "empty.duckdb") } },
    });
    const imported = await api.dbt.import({ destinationId: elsewhere.id, manifest: v2.manifest, runResults: v2.runResults });
    expect(imported).toMatchObject({ checks: 7, dbtRunOnlyChecks: 7, results: 7 });
    const check = (await api.quality.checks({})).find((c) => c.destination?.id === elsewhere.id && c.name === "not_null_customer_orders_customer_id")!;
    expect(check.dbtRunOnlyReason).toBe(
      'The warehouse "empty warehouse" Weir reaches has no main.customer_orders: dbt builds it elsewhere, so only dbt runs this test.',
    );
    expect(check.results).toHaveLength(1);
    const before = { incidents: await db().incident.count(), results: await db().checkResult.count() };
    await expect(api.quality.runCheck({ id: check.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `id: "not_null_customer_orders_customer_id" is run by dbt only. ${check.dbtRunOnlyReason}`,
    });
    expect({ incidents: await db().incident.count(), results: await db().checkResult.count() }).toEqual(before);
  });
});
