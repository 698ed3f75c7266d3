/**
 * GET /api/v1/lineage answers as Marquez does, in detail: every answer is
 * validated against Marquez's own OpenAPI spec (vendored in ./marquez), and
 * the node data a Marquez client reads is checked field by field (DB_TABLE
 * datasets with physicalName, sourceName, facets and a version; BATCH or
 * STREAM jobs with their inputs, outputs, facets and latest run), around a
 * dataset node and around a `job:<namespace>:<name>` node. Events go in
 * through POST on the same route.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET, POST } from "../../../app/api/v1/lineage/route";
import { createToken } from "@/server/api-tokens/api-tokens";
import { marquezGraphErrors } from "@/server/lineage/marquez/marquez-spec";
import { setUpTestApp } from "@/server/testing/test-app";

const FIXTURES = path.join(__dirname, "../../engine/lineage/openlineage/fixtures");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, any>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let teardown: () => Promise<void>;
let token: string;

type TNode = {
  id: string;
  type: string;
  data: Record<string, any>;
  inEdges: { origin: string; destination: string }[];
  outEdges: { origin: string; destination: string }[];
};

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  token = (await createToken({ name: "marquez-client", scopes: ["lineage:write", "lineage:read"] }, { id: null, email: "test" })).token;
  for (const name of ["airflow-task-start.json", "airflow-task-complete.json", "spark-job-complete.json", "dbt-run-complete.json"]) {
    const res = await post(fixture(name));
    expect(res.status, `${name}: ${await res.clone().text()}`).toBe(201);
  }
});
afterAll(() => teardown());

const auth = () => ({ authorization: `Bearer ${token}` });
const post = (body: unknown) =>
  POST(
    new Request("http://weir.test/api/v1/lineage", { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify(body) }),
  );

/** GET the graph around `nodeId`; the answer must match Marquez's spec. */
async function graph(nodeId: string, depth = 2): Promise<Map<string, TNode>> {
  const res = await GET(new Request(`http://weir.test/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}&depth=${depth}`, { headers: auth() }));
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { graph: TNode[] };
  expect(marquezGraphErrors(body)).toEqual([]);
  return new Map(body.graph.map((n) => [n.id, n]));
}

const ORDERS = "dataset:postgres://postgres:5432:food_delivery.public.orders";
const DAILY = "dataset:postgres://postgres:5432:food_delivery.public.orders_daily";
const AIRFLOW_JOB = "job:food_delivery:etl_orders.load_orders_daily";

describe("GET /api/v1/lineage as Marquez answers it", () => {
  it("gives dataset nodes Marquez's dataset data", async () => {
    const nodes = await graph(DAILY);
    const daily = nodes.get(DAILY)!;
    expect(daily.type).toBe("DATASET");
    expect(daily.data).toMatchObject({
      id: { namespace: "postgres://postgres:5432", name: "food_delivery.public.orders_daily" },
      type: "DB_TABLE",
      name: "food_delivery.public.orders_daily",
      physicalName: "food_delivery.public.orders_daily",
      namespace: "postgres://postgres:5432",
      sourceName: "postgres://postgres:5432", // the dataSource facet's name
      tags: [],
    });
    expect(daily.data.fields.length).toBeGreaterThan(0);
    expect(daily.data.fields.every((f: { name: unknown; type: unknown }) => typeof f.name === "string" && typeof f.type === "string")).toBe(true);
    expect(Date.parse(daily.data.createdAt)).toBeLessThanOrEqual(Date.parse(daily.data.updatedAt));
    expect(daily.data.lastModifiedAt).toBe(new Date(fixture("airflow-task-complete.json").eventTime).toISOString());
    expect(daily.data.currentVersion).toMatch(UUID);
    expect(Object.keys(daily.data.facets).sort()).toEqual(["columnLineage", "dataSource", "schema"]);
    expect(daily.data.facets.schema._producer).toMatch(/integration\/airflow/);
    expect(daily.inEdges).toEqual([{ origin: AIRFLOW_JOB, destination: DAILY }]);
  });

  it("gives job nodes Marquez's job data: type, names, inputs, outputs, facets, latest run", async () => {
    const nodes = await graph(ORDERS, 1);
    const job = nodes.get(AIRFLOW_JOB)!;
    expect(job.type).toBe("JOB");
    expect(job.data).toMatchObject({
      id: { namespace: "food_delivery", name: "etl_orders.load_orders_daily" },
      type: "BATCH",
      name: "etl_orders.load_orders_daily",
      simpleName: "load_orders_daily",
      parentJobName: "etl_orders",
      namespace: "food_delivery",
      inputs: [{ namespace: "postgres://postgres:5432", name: "food_delivery.public.orders" }],
      outputs: [{ namespace: "postgres://postgres:5432", name: "food_delivery.public.orders_daily" }],
      latestRun: { id: fixture("airflow-task-complete.json").run.runId, state: "COMPLETED" },
    });
    // job facets merged across START (documentation) and COMPLETE (jobType, sql)
    expect(Object.keys(job.data.facets).sort()).toEqual(["documentation", "jobType", "sql"]);
    expect(job.data.description).toBe(fixture("airflow-task-start.json").job.facets.documentation.description);
    expect(job.data.latestRun.durationMs).toBeGreaterThan(0);
    expect(job.data.latestRun.facets.nominalTime).toBeDefined();
    expect(job.data.currentVersion).toMatch(UUID);
    expect(job.inEdges).toEqual([{ origin: ORDERS, destination: AIRFLOW_JOB }]);
    expect(job.outEdges).toEqual([{ origin: AIRFLOW_JOB, destination: DAILY }]);
  });

  it("accepts job:<namespace>:<name> node ids", async () => {
    const nodes = await graph(AIRFLOW_JOB, 1);
    expect([...nodes.keys()].sort()).toEqual([AIRFLOW_JOB, DAILY, ORDERS].sort());
    // a namespace with colons, as Spark's are
    const spark = fixture("spark-job-complete.json");
    const sparkNodes = await graph(`job:${spark.job.namespace}:${spark.job.name}`, 1);
    expect(sparkNodes.get(`dataset:${spark.outputs[0].namespace}:${spark.outputs[0].name}`)?.data.lastLifecycleState).toBe(
      spark.outputs[0].facets.lifecycleStateChange.lifecycleStateChange,
    );
  });

  it("types a streaming job STREAM and links a job that has not completed to what its run named", async () => {
    const start = {
      eventType: "START",
      eventTime: new Date().toISOString(),
      producer: "https://github.com/apache/flink",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: "0193d2a0-0000-7000-8000-00000000f001" },
      job: {
        namespace: "flink",
        name: "clicks_to_sessions",
        facets: {
          jobType: {
            _producer: "https://github.com/apache/flink",
            _schemaURL: "https://openlineage.io/spec/facets/2-0-2/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
            processingType: "STREAMING",
            integration: "FLINK",
            jobType: "JOB",
          },
        },
      },
      inputs: [{ namespace: "kafka://broker:9092", name: "clicks" }],
      outputs: [{ namespace: "kafka://broker:9092", name: "sessions" }],
    };
    expect((await post(start)).status).toBe(201);
    const nodes = await graph("job:flink:clicks_to_sessions", 1);
    const job = nodes.get("job:flink:clicks_to_sessions")!;
    expect(job.data).toMatchObject({ type: "STREAM", latestRun: { state: "RUNNING" }, inputs: [{ name: "clicks" }], outputs: [{ name: "sessions" }] });
    expect(job.inEdges).toEqual([{ origin: "dataset:kafka://broker:9092:clicks", destination: "job:flink:clicks_to_sessions" }]);
    expect(job.outEdges).toEqual([{ origin: "job:flink:clicks_to_sessions", destination: "dataset:kafka://broker:9092:sessions" }]);
    expect(nodes.get("dataset:kafka://broker:9092:clicks")!.data.sourceName).toBe("default"); // no dataSource facet, as Marquez names it
  });

  it("drops a facet an event marks _deleted", async () => {
    const dbt = fixture("dbt-run-complete.json");
    const out = dbt.outputs[0];
    const key = `dataset:${out.namespace}:${out.name}`;
    expect((await graph(key, 1)).get(key)!.data.facets.documentation.description).toBe(out.facets.documentation.description);
    const next = {
      ...dbt,
      run: { runId: "0193d2a0-0000-7000-8000-00000000d002" },
      outputs: [
        {
          namespace: out.namespace,
          name: out.name,
          facets: { documentation: { _producer: dbt.producer, _schemaURL: out.facets.documentation._schemaURL, _deleted: true } },
        },
      ],
    };
    expect((await post(next)).status).toBe(201);
    const after = (await graph(key, 1)).get(key)!;
    expect(Object.keys(after.data.facets).sort()).toEqual(["columnLineage", "dataSource", "outputStatistics", "schema"]);
    expect(after.data.facets.documentation).toBeUndefined();
  });

  it("names the node id it cannot read or find", async () => {
    const get = (nodeId: string) => GET(new Request(`http://weir.test/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}`, { headers: auth() }));
    const missing = await get("job:nowhere:nothing");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/nodeId: no job job:nowhere:nothing/);
    const run = await get("run:0193d2a0-0000-7000-8000-00000000f001");
    expect(run.status).toBe(400);
    expect(((await run.json()) as { error: string }).error).toMatch(/nodeId: .* use dataset:<namespace>:<name>.*job:<namespace>:<name>/);
  });
});
