/**
 * POST and GET /api/v1/lineage through the route handlers themselves, on a
 * real PostgreSQL: events shaped as Airflow, Spark and dbt send them are
 * stored and join Weir's own graph by namespace and name; broken events,
 * bad tokens and oversized bodies are refused with the reason and store
 * nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET, POST } from "../../../app/api/v1/lineage/route";
import { db } from "@/db/client";
import { FACET_SCHEMAS, OPENLINEAGE_SCHEMA_URL, WEIR_PRODUCER, facet } from "@/engine/lineage/event-types";
import { validateRunEvent } from "@/engine/lineage/openlineage/validate-run-event";
import { recordRunEvent } from "@/engine/lineage/record-event";
import { syncRunEvent } from "@/engine/lineage/sync-lineage";
import { logger } from "@/lib/logger";
import { createToken } from "@/server/api-tokens/api-tokens";
import { lineageGraph } from "@/server/lineage/lineage-graph";
import { setUpTestApp } from "@/server/testing/test-app";

const FIXTURES = path.join(__dirname, "../../engine/lineage/openlineage/fixtures");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, any>;
const ADMIN = { id: null, email: "test" } as const;

let teardown: () => Promise<void>;
let writer: string;
let reader: string;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  writer = (await createToken({ name: "airflow", scopes: ["lineage:write", "lineage:read"] }, ADMIN)).token;
  reader = (await createToken({ name: "reader", scopes: ["lineage:read"] }, ADMIN)).token;
});
afterAll(() => teardown());

const post = (body: unknown, token = writer) =>
  POST(
    new Request("http://weir.test/api/v1/lineage", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
const get = (query: string, token = reader) => GET(new Request(`http://weir.test/api/v1/lineage?${query}`, { headers: { authorization: `Bearer ${token}` } }));
const counts = async () => ({ events: await db().lineageEvent.count(), datasets: await db().dataset.count(), runs: await db().lineageRun.count() });

describe("POST /api/v1/lineage", () => {
  it("stores events as Airflow, Spark and dbt send them, with schema and column lineage", async () => {
    for (const name of ["airflow-task-start.json", "airflow-task-complete.json", "spark-job-complete.json", "dbt-run-fail.json", "dbt-run-complete.json"]) {
      const res = await post(fixture(name));
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(201);
    }
    const airflowRun = await db().lineageRun.findUniqueOrThrow({
      where: { id: fixture("airflow-task-complete.json").run.runId },
      include: { events: true, job: true },
    });
    expect(airflowRun).toMatchObject({ state: "COMPLETE", origin: "external", job: { namespace: "food_delivery", name: "etl_orders.load_orders_daily" } });
    expect(airflowRun.events.map((e) => [e.eventType, e.receivedFrom])).toEqual([
      ["START", "token:airflow"],
      ["COMPLETE", "token:airflow"],
    ]);
    const daily = await db().dataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: "postgres://postgres:5432", name: "food_delivery.public.orders_daily" } },
      include: { columns: true },
    });
    expect(daily).toMatchObject({ kind: "external", platform: "postgres" });
    expect(daily.columns.length).toBeGreaterThan(0);

    const dbt = fixture("dbt-run-complete.json");
    const out = dbt.outputs[0];
    const orders = await db().dataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: out.namespace, name: out.name } },
      include: { columns: true },
    });
    const graph = await lineageGraph({ datasetId: orders.id, depth: 1, columns: true });
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(["analytics.public.orders", "analytics.public.stg_orders", "analytics.public.stg_payments"]);
    const columnFacet = out.facets.columnLineage.fields as Record<string, { inputFields: { name: string; field: string }[] }>;
    const expected = Object.entries(columnFacet)
      .flatMap(([col, f]) => f.inputFields.map((i) => `${i.name}.${i.field}>${col}`))
      .sort();
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(graph.columnEdges.map((e) => `${names.get(e.source)}.${e.sourceColumn}>${e.targetColumn}`).sort()).toEqual(expected);

    // Spark's run: S3 parquet in, a Hive table out
    const spark = fixture("spark-job-complete.json");
    const sparkOut = await db().dataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: spark.outputs[0].namespace, name: spark.outputs[0].name } },
    });
    expect((await lineageGraph({ datasetId: sparkOut.id, depth: 1, direction: "upstream" })).edges.length).toBeGreaterThan(0);
  });

  it("joins Weir's own graph when namespace and name match", async () => {
    // Weir loaded shop.public.orders into a PostgreSQL warehouse; dbt builds on that table.
    const ns = "postgres://warehouse.example:5432";
    await recordRunEvent(
      {
        eventType: "COMPLETE",
        eventTime: new Date().toISOString(),
        producer: WEIR_PRODUCER,
        schemaURL: OPENLINEAGE_SCHEMA_URL,
        run: { runId: "0193d2a0-0000-7000-8000-000000000001" },
        job: { namespace: "weir", name: "weir.sync.shop" },
        inputs: [{ namespace: "postgres://shop:5432", name: "shop.public.orders" }],
        outputs: [
          {
            namespace: ns,
            name: "analytics.bronze.orders",
            facets: { weir: facet(FACET_SCHEMAS.weir, { kind: "table" as const, platform: "postgres", layer: "bronze" as const }) },
          },
        ],
      },
      { receivedFrom: "weir", trusted: true, origin: "sync" },
    );
    const dbt = fixture("dbt-run-complete.json");
    dbt.run.runId = "0193d2a0-0000-7000-8000-000000000002";
    dbt.job.name = "analytics.silver.orders";
    dbt.inputs = [{ namespace: ns, name: "analytics.bronze.orders" }];
    dbt.outputs = [{ namespace: ns, name: "analytics.silver.orders" }];
    expect((await post(dbt)).status).toBe(201);
    const bronze = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: ns, name: "analytics.bronze.orders" } } });
    expect(bronze).toMatchObject({ kind: "table", layer: "bronze" }); // Weir's entry, not replaced by the external one
    const graph = await lineageGraph({ datasetId: bronze.id, depth: 1 });
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(["analytics.bronze.orders", "analytics.silver.orders", "shop.public.orders"]);
    expect(graph.edges.map((e) => e.job).sort()).toEqual(["analytics.silver.orders", "weir.sync.shop"]);

    const res = await get(`nodeId=${encodeURIComponent(`dataset:${ns}:analytics.bronze.orders`)}&depth=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { graph: { id: string; type: string; inEdges: unknown[]; outEdges: unknown[] }[] };
    expect(body.graph.map((n) => n.id).sort()).toEqual(
      [
        `dataset:${ns}:analytics.bronze.orders`,
        `dataset:${ns}:analytics.silver.orders`,
        "dataset:postgres://shop:5432:shop.public.orders",
        "job:dbt:analytics.silver.orders",
        "job:weir:weir.sync.shop",
      ].sort(),
    );
    expect(body.graph.find((n) => n.id === "job:weir:weir.sync.shop")).toMatchObject({
      type: "JOB",
      inEdges: [{ origin: "dataset:postgres://shop:5432:shop.public.orders" }],
      outEdges: [{ destination: `dataset:${ns}:analytics.bronze.orders` }],
    });
  });

  it("refuses broken events with the reason and stores nothing of them", async () => {
    const before = await counts();
    const good = fixture("airflow-task-complete.json");
    const cases: [unknown, RegExp][] = [
      [{ ...good, eventTime: undefined }, /eventTime/],
      [{ ...good, eventType: "DONE" }, /eventType: must be one of START/],
      [{ ...good, run: { runId: "run-42" } }, /run\.runId: must be a UUID/],
      [{ ...good, job: { namespace: "x", name: 42 } }, /job\.name/],
      [{ ...good, outputs: { name: "x" } }, /outputs/],
      [
        { ...good, outputs: [{ ...good.outputs[0], facets: { schema: { ...good.outputs[0].facets.schema, fields: [{ type: "int" }] } } }] },
        /outputs\[0\]\.facets\.schema\.fields\[0\]\.name/,
      ],
      ["{not json", /not JSON/],
      [[good], /one RunEvent per request/],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
    // a run id that already belongs to another job: refused, and the new dataset it names is not half-stored
    const clash = {
      ...fixture("dbt-run-complete.json"),
      run: { runId: good.run.runId },
      outputs: [{ namespace: "postgres://x:1", name: "db.s.never_stored" }],
    };
    const res = await post(clash);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/already belongs to another job/);
    expect(await counts()).toEqual(before);
    expect(await db().dataset.findFirst({ where: { name: "db.s.never_stored" } })).toBeNull();
  });

  it("wants a valid token with the right scope", async () => {
    const good = fixture("airflow-task-start.json");
    const bad = await post(good, "weir_not-a-real-token");
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid/);
    expect((await post(good, "Basic abc")).status).toBe(401);
    const readOnly = await post(good, reader);
    expect(readOnly.status).toBe(403);
    expect(((await readOnly.json()) as { error: string }).error).toMatch(/lineage:write/);
    expect((await get("nodeId=dataset:nowhere:x", "weir_nope")).status).toBe(401);
    expect((await get("nodeId=dataset:nowhere:x")).status).toBe(404);
    expect((await get("nodeId=dataset:nowhere:x&depth=9")).status).toBe(400);
    expect((await get("depth=1")).status).toBe(400);
  });
});

describe("Weir's own events", () => {
  it("move a dataset whose endpoint's namespace changed instead of adding a second one", async () => {
    const sourceId = "00000000-0000-4000-8000-0000000000b1";
    const event = (port: number, runId: string) => ({
      eventType: "COMPLETE" as const,
      eventTime: new Date().toISOString(),
      producer: WEIR_PRODUCER,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId },
      job: { namespace: "weir", name: "weir.sync.moving" },
      inputs: [
        {
          namespace: `postgres://127.0.0.1:${port}`,
          name: "shop.public.moving",
          facets: { weir: facet(FACET_SCHEMAS.weir, { kind: "source_stream" as const, platform: "postgres", sourceId }) },
        },
      ],
      outputs: [],
    });
    await recordRunEvent(event(41000, "0193d2a0-0000-7000-8000-0000000000b1"), { receivedFrom: "weir", trusted: true, origin: "sync" });
    const first = await db().dataset.findFirstOrThrow({ where: { name: "shop.public.moving" } });
    await db().dataset.update({ where: { id: first.id }, data: { description: "kept", editedFields: ["description"] } });
    await recordRunEvent(event(42000, "0193d2a0-0000-7000-8000-0000000000b2"), { receivedFrom: "weir", trusted: true, origin: "sync" });
    const rows = await db().dataset.findMany({ where: { name: "shop.public.moving" } });
    expect(rows.map((r) => [r.id, r.namespace, r.description])).toEqual([[first.id, "postgres://127.0.0.1:42000", "kept"]]);
  });

  it("are valid OpenLineage", () => {
    const endpoint = (connector: string, config: unknown) => ({ id: "00000000-0000-4000-8000-000000000001", connector, name: "e", config });
    const event = syncRunEvent(
      {
        runId: "0193d2a0-0000-7000-8000-0000000000aa",
        connection: { id: "c", name: "shop → warehouse" },
        source: endpoint("postgres", { host: "db", port: 5432, database: "shop", user: "u" }),
        destination: endpoint("duckdb", { path: "/tmp/w.duckdb" }),
        log: logger,
      },
      "COMPLETE",
      [
        {
          stream: "public.orders",
          columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }],
          namespace: "bronze",
          table: "orders",
          rows: 3,
          tableRows: 3,
        },
      ],
    );
    const checked = validateRunEvent(event);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(event.inputs![0]).toMatchObject({ namespace: "postgres://db:5432", name: "shop.public.orders" });
    expect(event.outputs![0]).toMatchObject({ namespace: "duckdb:///tmp/w.duckdb", name: "bronze.orders" });
  });
});
