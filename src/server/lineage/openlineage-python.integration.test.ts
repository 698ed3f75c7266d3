/**
 * The official OpenLineage Python client (PyPI openlineage-python, pinned,
 * in a virtualenv under ~/.cache/weir made once) with its HTTP transport's
 * `compression: gzip` on and an API token, sends a chain of events to
 * /api/v1/lineage: job load_orders (START, COMPLETE) reads shop.public.orders
 * and writes shop.staging.orders; job daily_revenue (START, COMPLETE) reads
 * that output, with a dataQualityAssertions facet, and writes
 * shop.mart.daily_revenue. Every event lands (the client raises on a non-2xx
 * answer) gzip-compressed, and the chain reads back through the
 * Marquez-shaped GET, validated against Marquez's spec. The route's own
 * handlers answer over HTTP: a plain node:http server hands each request to
 * them, as Next.js does.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET, POST } from "../../../app/api/v1/lineage/route";
import { ensurePythonVenv } from "@/lib/testing/python-venv";
import { createToken } from "@/server/api-tokens/api-tokens";
import { marquezGraphErrors } from "@/server/lineage/marquez/marquez-spec";
import { setUpTestApp } from "@/server/testing/test-app";

const OPENLINEAGE_PYTHON = "1.54.0";
const NS = "postgres://pyclient.example:5432";

/** The client's chain of events; the URL and token come from the environment. */
const SCRIPT = `
import os, uuid
from datetime import datetime, timezone
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import data_quality_assertions_dataset as dq, job_type_job, schema_dataset

client = OpenLineageClient(config={"transport": {
    "type": "http", "url": os.environ["WEIR_URL"], "endpoint": "api/v1/lineage",
    "auth": {"type": "api_key", "apiKey": os.environ["WEIR_TOKEN"]}, "compression": "gzip"}})
NS = "${NS}"

def schema(*columns):
    return {"schema": schema_dataset.SchemaDatasetFacet(fields=[schema_dataset.SchemaDatasetFacetFields(name=c, type="bigint") for c in columns])}

def run(job, inputs, outputs):
    run_id = str(uuid.uuid4())
    facets = {"jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="PYTHON", jobType="TASK")}
    for state in (RunState.START, RunState.COMPLETE):
        client.emit(RunEvent(eventType=state, eventTime=datetime.now(timezone.utc).isoformat(), run=Run(runId=run_id),
                             job=Job(namespace="pyclient", name=job, facets=facets), inputs=inputs, outputs=outputs))

run("load_orders", [InputDataset(namespace=NS, name="shop.public.orders", facets=schema("id", "amount"))],
    [OutputDataset(namespace=NS, name="shop.staging.orders", facets=schema("id", "amount"))])
checks = dq.DataQualityAssertionsDatasetFacet(assertions=[dq.Assertion(assertion="not_null", success=True, column="id")])
run("daily_revenue", [InputDataset(namespace=NS, name="shop.staging.orders", inputFacets={"dataQualityAssertions": checks})],
    [OutputDataset(namespace=NS, name="shop.mart.daily_revenue", facets=schema("day", "revenue"))])
print("sent 4 events")
`;

let teardown: () => Promise<void>;
let server: Server;
let url: string;
let token: string;
const received: { method: string; encoding: string | undefined; status: number }[] = [];

/** Hands a node:http request to a route handler as the Request Next.js would build. */
async function toRoute(req: IncomingMessage): Promise<Response> {
  const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
  const request = new Request(new URL(req.url ?? "/", url), {
    method: req.method,
    headers,
    ...(req.method === "POST" ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
  const path = new URL(request.url).pathname;
  if (path !== "/api/v1/lineage") return Response.json({ error: "not found" }, { status: 404 });
  return req.method === "POST" ? POST(request) : GET(request);
}

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  token = (await createToken({ name: "python-client", scopes: ["lineage:write", "lineage:read"] }, { id: null, email: "test" })).token;
  server = createServer((req, res) => {
    void toRoute(req).then(async (response) => {
      received.push({ method: req.method ?? "", encoding: req.headers["content-encoding"], status: response.status });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await teardown();
});

describe("the OpenLineage Python client, gzip on", () => {
  it("sends a chain of events that lands and reads back through the Marquez-shaped GET", async () => {
    const venv = ensurePythonVenv(`openlineage-python-${OPENLINEAGE_PYTHON}`, [`openlineage-python==${OPENLINEAGE_PYTHON}`]);
    const { stdout } = await promisify(execFile)(venv.bin("python"), ["-c", SCRIPT], {
      env: { ...process.env, WEIR_URL: url, WEIR_TOKEN: token },
      timeout: 120_000,
    });
    expect(stdout.trim()).toBe("sent 4 events");
    expect(received).toEqual(Array.from({ length: 4 }, () => ({ method: "POST", encoding: "gzip", status: 201 })));

    const res = await fetch(`${url}/api/v1/lineage?nodeId=${encodeURIComponent("job:pyclient:daily_revenue")}&depth=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { graph: { id: string; type: string; data: Record<string, any>; inEdges: { origin: string }[] }[] };
    expect(marquezGraphErrors(body)).toEqual([]);
    const ids = body.graph.map((n) => n.id).sort();
    expect(ids).toEqual(
      [
        `dataset:${NS}:shop.mart.daily_revenue`,
        `dataset:${NS}:shop.public.orders`,
        `dataset:${NS}:shop.staging.orders`,
        "job:pyclient:daily_revenue",
        "job:pyclient:load_orders",
      ].sort(),
    );
    const revenue = body.graph.find((n) => n.id === "job:pyclient:daily_revenue")!;
    expect(revenue.data).toMatchObject({
      type: "BATCH",
      latestRun: { state: "COMPLETED" },
      inputs: [{ name: "shop.staging.orders" }],
      outputs: [{ name: "shop.mart.daily_revenue" }],
    });
    expect(revenue.inEdges).toEqual([{ origin: `dataset:${NS}:shop.staging.orders`, destination: "job:pyclient:daily_revenue" }]);
    const staged = body.graph.find((n) => n.id === `dataset:${NS}:shop.staging.orders`)!;
    expect(staged.data.fields.map((f: { name: string }) => f.name)).toEqual(["id", "amount"]);
    expect(staged.data.facets.dataQualityAssertions.assertions).toEqual([expect.objectContaining({ assertion: "not_null", success: true, column: "id" })]);
    expect(staged.data.facets.schema._producer).toMatch(/openlineage/i);
  });
});
