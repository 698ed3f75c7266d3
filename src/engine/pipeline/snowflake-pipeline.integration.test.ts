/**
 * The pipeline on Snowflake (the emulator, through the real snowflake-sdk),
 * through Weir's own entry points: a PostgreSQL source synced into a
 * Snowflake destination (runConnectionSync, incremental dedup), its
 * automatic key checks and a model's check run in Snowflake, the models the
 * sync starts built there (runTransform: a silver table and an incremental
 * gold model), every query tagged with its run, and the query ids kept on
 * the run's stream and model rows. A failing check blocks the gold model.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { type TSnowflakeFixture, createSnowflakeFixture, emulatorQueries } from "@/connectors/snowflake/snowflake-fixture";
import { db } from "@/db/client";
import { runStartedBy, syncOnce } from "@/engine/pipeline/pipeline-fixture";
import { createConnection } from "@/server/connections/connection-store";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { createModel } from "@/server/transforms/model-store";
import { setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "test" } as const;
let teardown: () => Promise<void>;
let source: TSourceDatabase;
let snowflake: TSnowflakeFixture;
let connectionId: string;

/** The emulator sums NUMBER as FLOAT (Snowflake keeps NUMBER(38,s)); reads cast sums back to money. */
const money = (expr: string) => `CAST(${expr} AS NUMBER(12,2))`;

const tagOf = (text: string | null) => (text ? (JSON.parse(text) as Record<string, string>) : {});

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  source = await createSourceDatabase();
  snowflake = await createSnowflakeFixture();
  await source.exec(`
    CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(12,2), ordered_at timestamptz NOT NULL);
    INSERT INTO orders VALUES (1, 'ann', 10.00, '2024-05-01 10:00:00+00'), (2, 'bob', 20.50, '2024-05-01 11:00:00+00'), (3, 'ann', 5.25, '2024-05-02 09:00:00+00');`);
  const src = await createEndpoint("source", { name: "shop", connector: "postgres", config: source.config }, ACTOR);
  const dst = await createEndpoint("destination", { name: "snowflake", connector: "snowflake", config: snowflake.config }, ACTOR);
  await discoverSource(src.id, ACTOR);
  const connection = await createConnection(
    {
      name: "shop → snowflake",
      sourceId: src.id,
      destinationId: dst.id,
      namespace: "bronze",
      tablePrefix: "",
      schedule: null,
      schemaChangePolicy: "propagate",
      streams: [{ stream: "public.orders", selected: true, syncMode: "incremental_dedup", cursorField: "ordered_at", primaryKey: ["id"] }],
    },
    ACTOR,
  );
  connectionId = connection.id;
  const silver = await createModel(
    {
      name: "orders_clean",
      layer: "silver",
      materialization: "table",
      uniqueKey: [],
      description: "",
      owner: null,
      columnDescriptions: {},
      schedule: null,
      destinationId: dst.id,
      sql: "select id, lower(customer) as customer, amount, ordered_at\nfrom {{ source('shop → snowflake', 'public.orders') }}",
    },
    ACTOR,
  );
  await createModel(
    {
      name: "revenue_by_customer",
      layer: "gold",
      materialization: "incremental",
      uniqueKey: ["customer"],
      description: "",
      owner: null,
      columnDescriptions: {},
      schedule: null,
      destinationId: dst.id,
      sql: "select customer, sum(amount) as revenue, count(*) as orders\nfrom {{ ref('orders_clean') }}\ngroup by customer",
    },
    ACTOR,
  );
  await db().check.create({
    data: {
      name: "customer not null",
      destinationId: dst.id,
      datasetSchema: "silver",
      datasetTable: "orders_clean",
      modelId: silver.id,
      definition: { kind: "not_null", column: "customer" },
      severity: "error",
    },
  });
});

afterAll(async () => {
  await source?.drop();
  await snowflake?.teardown();
  await teardown();
});

describe("a pipeline on Snowflake", () => {
  it("syncs into Snowflake, checks the keys there, then builds and checks the models there, tagging and recording every query", async () => {
    const before = (await emulatorQueries()).length;
    const syncRunId = await syncOnce(connectionId);
    expect((await db().run.findUniqueOrThrow({ where: { id: syncRunId } })).status).toBe("succeeded");
    expect(await snowflake.query("SELECT id, customer, amount FROM bronze.orders ORDER BY id")).toEqual([
      { id: 1, customer: "ann", amount: "10.00" },
      { id: 2, customer: "bob", amount: "20.50" },
      { id: 3, customer: "ann", amount: "5.25" },
    ]);
    const keyChecks = await db().checkResult.findMany({ where: { syncRunId }, include: { check: true } });
    expect(Object.fromEntries(keyChecks.map((r) => [r.check.name, r.status]))).toEqual({ "id not null": "passed", "id unique": "passed" });

    const transform = await runStartedBy(syncRunId);
    expect(transform).toMatchObject({ status: "succeeded", trigger: "upstream" });
    expect(transform.models.map((m) => [m.model, m.status, m.rows])).toEqual([
      ["orders_clean", "succeeded", 3],
      ["revenue_by_customer", "succeeded", 2],
    ]);
    expect(await snowflake.query(`SELECT customer, ${money("revenue")} AS revenue, orders FROM gold.revenue_by_customer ORDER BY customer`)).toEqual([
      { customer: "ann", revenue: "15.25", orders: 2 },
      { customer: "bob", revenue: "20.50", orders: 1 },
    ]);
    const modelCheck = await db().checkResult.findFirstOrThrow({ where: { transformRunId: transform.id } });
    expect(modelCheck).toMatchObject({ status: "passed", failingRows: 0n, totalRows: 3n });

    // Every query names its run; the run page's ids are the ones Snowflake saw.
    const received = (await emulatorQueries()).slice(before).filter((q) => q.queryTag?.includes('"app":"weir"'));
    const stream = await db().runStream.findFirstOrThrow({ where: { runId: syncRunId } });
    expect(stream.queryIds.length).toBeGreaterThan(5);
    const syncQueries = received.filter((q) => stream.queryIds.includes(q.queryId ?? ""));
    expect(syncQueries).toHaveLength(stream.queryIds.length);
    for (const q of syncQueries)
      expect(tagOf(q.queryTag)).toEqual({ app: "weir", kind: "sync", run: syncRunId, connection: connectionId, stream: "public.orders" });
    expect(syncQueries.some((q) => /^MERGE INTO "BRONZE"\."ORDERS"/.test(q.sqlText))).toBe(true);
    const built = await db().modelRun.findMany({ where: { transformRunId: transform.id }, include: { model: true } });
    for (const m of built) {
      expect(m.queryIds.length).toBeGreaterThan(0);
      for (const q of received.filter((r) => m.queryIds.includes(r.queryId ?? "")))
        expect(tagOf(q.queryTag)).toEqual({ app: "weir", kind: "model", run: transform.id, model: m.model.name });
    }
    expect(received.some((q) => tagOf(q.queryTag).kind === "check" && tagOf(q.queryTag).run === syncRunId)).toBe(true);

    // The catalog names the Snowflake tables as OpenLineage does and their columns as Weir does.
    const gold = await db().dataset.findFirstOrThrow({
      where: { name: `${snowflake.database}.GOLD.REVENUE_BY_CUSTOMER` },
      include: { columns: { orderBy: { position: "asc" } } },
    });
    expect(gold).toMatchObject({ namespace: "snowflake://weir-test", platform: "snowflake", kind: "model" });
    expect(gold.columns.map((c) => c.name)).toEqual(["customer", "revenue", "orders"]);
    const bronze = await db().dataset.findFirstOrThrow({
      where: { name: `${snowflake.database}.BRONZE.ORDERS` },
      include: { columns: { orderBy: { position: "asc" } } },
    });
    expect(bronze.columns.map((c) => c.name)).toEqual(["id", "customer", "amount", "ordered_at", "_weir_run_id", "_weir_extracted_at", "_weir_stream"]);
  });

  it("merges changed orders on the next sync, updates the incremental gold model, and blocks gold when the silver check fails", async () => {
    await source.exec(
      `UPDATE orders SET amount = 12.00, ordered_at = '2024-05-03 10:00:00+00' WHERE id = 1; INSERT INTO orders VALUES (4, 'cid', 1.00, '2024-05-03 11:00:00+00')`,
    );
    const syncRunId = await syncOnce(connectionId);
    expect(await snowflake.query(`SELECT COUNT(*) AS n, ${money("SUM(amount)")} AS total FROM bronze.orders`)).toEqual([{ n: 4, total: "38.75" }]);
    const transform = await runStartedBy(syncRunId);
    expect(transform.status).toBe("succeeded");
    expect(await snowflake.query(`SELECT customer, ${money("revenue")} AS revenue FROM gold.revenue_by_customer ORDER BY customer`)).toEqual([
      { customer: "ann", revenue: "17.25" },
      { customer: "bob", revenue: "20.50" },
      { customer: "cid", revenue: "1.00" },
    ]);

    await source.exec(`INSERT INTO orders VALUES (5, NULL, 3.00, '2024-05-04 10:00:00+00')`);
    const blocked = await runStartedBy(await syncOnce(connectionId));
    expect(blocked.status).toBe("failed");
    expect(blocked.models.find((m) => m.model === "revenue_by_customer")).toMatchObject({
      status: "blocked",
      reason: expect.stringMatching(/check "customer not null" on silver\.orders_clean failed/),
    });
    expect(await snowflake.query("SELECT COUNT(*) AS n FROM gold.revenue_by_customer")).toEqual([{ n: 3 }]);
    const failed = await db().checkResult.findFirstOrThrow({ where: { transformRunId: blocked.id } });
    expect(failed).toMatchObject({ status: "failed", failingRows: 1n });
  });
});
