/**
 * A producer's `dataQualityAssertions` input facet, posted on
 * POST /api/v1/lineage, becomes results of checks it reports on the
 * dataset: a failing error assertion shows as failing quality on the
 * dataset's page (catalog.dataset) and in the quality views
 * (quality.checks, quality.incidents), named as reported by the producer;
 * a later passing report closes the incident and the dataset passes. Such a
 * check cannot be run by Weir, and a malformed facet is refused by its
 * OpenLineage schema.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST } from "../../../app/api/v1/lineage/route";
import { db } from "@/db/client";
import { createToken } from "@/server/api-tokens/api-tokens";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.40.0/integration/great_expectations";
const NS = "postgres://warehouse.internal:5432";
const ORDERS = "analytics.public.orders";

let teardown: () => Promise<void>;
let writer: string;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  writer = (await createToken({ name: "great-expectations", scopes: ["lineage:write"] }, { id: null, email: "test" })).token;
});
afterAll(() => teardown());

const post = (body: unknown) =>
  POST(
    new Request("http://weir.test/api/v1/lineage", {
      method: "POST",
      headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

function validation(runId: string, assertions: unknown[]) {
  return {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId },
    job: { namespace: "great_expectations", name: "orders_suite" },
    inputs: [
      {
        namespace: NS,
        name: ORDERS,
        inputFacets: {
          dataQualityAssertions: {
            _producer: PRODUCER,
            _schemaURL: "https://openlineage.io/spec/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet",
            assertions,
          },
        },
      },
    ],
    outputs: [],
  };
}

describe("dataQualityAssertions on POST /api/v1/lineage", () => {
  it("shows a failing assertion as failing quality, reported by the producer", async () => {
    const res = await post(
      validation("0193d2a0-0000-7000-8000-00000000a001", [
        { assertion: "not_null", column: "order_id", success: true },
        { assertion: "unique", column: "order_id", success: false, severity: "error", expected: "0", actual: "3" },
        { assertion: "row_count", success: false, severity: "warn", name: "orders_min_rows" },
      ]),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const dataset = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name: ORDERS } } });
    const viewer = callerFor(await buildUser({ role: "viewer" }));
    const page = await viewer.catalog.dataset({ id: dataset.id });
    expect(page.qualityStatus).toBe("failed");
    expect(page.checks.map((c) => [c.name, c.kind, c.reportedBy, c.severity, c.status])).toEqual([
      ["not_null(order_id)", "reported not_null", PRODUCER, "error", "passed"],
      ["orders_min_rows", "reported row_count", PRODUCER, "warn", "failed"],
      ["unique(order_id)", "reported unique", PRODUCER, "error", "failed"],
    ]);
    expect(page.checks.find((c) => c.name === "unique(order_id)")!.message).toBe(`Reported by ${PRODUCER}: unique on order_id failed (expected 0, actual 3).`);

    const checks = await viewer.quality.checks({ status: "failed" });
    expect(checks.map((c) => [c.name, c.dataset, c.destination, c.reportedBy])).toEqual([
      ["orders_min_rows", ORDERS, null, PRODUCER],
      ["unique(order_id)", ORDERS, null, PRODUCER],
    ]);
    const incidents = await viewer.quality.incidents({ status: "open" });
    expect(incidents.map((i) => i.check.name)).toEqual(["unique(order_id)"]); // a warn assertion opens none
    const engineer = callerFor(await buildUser({ role: "engineer" }));
    await expect(engineer.quality.runCheck({ id: checks[1]!.id })).rejects.toThrow(/reported by .*great_expectations; Weir does not run it/);

    // Impact: what is downstream of raw orders shows the failing reported checks of orders.
    const load = {
      eventType: "COMPLETE",
      eventTime: new Date().toISOString(),
      producer: PRODUCER,
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: "0193d2a0-0000-7000-8000-00000000a0f1" },
      job: { namespace: "etl", name: "load_orders" },
      inputs: [{ namespace: NS, name: "analytics.public.raw_orders" }],
      outputs: [{ namespace: NS, name: ORDERS }],
    };
    expect((await post(load)).status).toBe(201);
    const raw = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name: "analytics.public.raw_orders" } } });
    const impact = await viewer.catalog.impact({ id: raw.id });
    expect(impact.items.find((i) => i.name === ORDERS)?.failingChecks.sort()).toEqual(["orders_min_rows", "unique(order_id)"]);
  });

  it("closes the incident and passes the dataset when the producer reports the assertions passing", async () => {
    const res = await post(
      validation("0193d2a0-0000-7000-8000-00000000a002", [
        { assertion: "not_null", column: "order_id", success: true },
        { assertion: "unique", column: "order_id", success: true, severity: "error" },
        { assertion: "row_count", success: true, severity: "warn", name: "orders_min_rows" },
      ]),
    );
    expect(res.status).toBe(201);
    const dataset = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name: ORDERS } } });
    expect(dataset.qualityStatus).toBe("passed");
    const unique = await db().check.findFirstOrThrow({
      where: { datasetId: dataset.id, name: "unique(order_id)" },
      include: { incidents: true, results: { orderBy: { createdAt: "asc" } } },
    });
    expect(unique.results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(unique.incidents.map((i) => [i.status, i.autoResolved])).toEqual([["resolved", true]]);
    expect(await db().check.count({ where: { datasetId: dataset.id } })).toBe(3); // the same checks, not new ones
  });

  it("stores an event sent again (a producer's retry) once: no second result, no second incident", async () => {
    const event = validation("0193d2a0-0000-7000-8000-00000000a004", [{ assertion: "not_null", column: "customer_id", success: false, severity: "error" }]);
    expect((await post(event)).status).toBe(201);
    const results = await db().checkResult.count();
    const incidents = await db().incident.count();
    expect((await post(event)).status).toBe(201);
    expect(await db().checkResult.count()).toBe(results);
    expect(await db().incident.count()).toBe(incidents);
  });

  it("refuses a malformed facet by its schema and stores nothing of it", async () => {
    const before = await db().checkResult.count();
    const res = await post(validation("0193d2a0-0000-7000-8000-00000000a003", [{ assertion: "not_null", success: "yes" }]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /inputs\[0\]\.inputFacets\.dataQualityAssertions\.assertions\[0\]\.success: must be true or false/,
    );
    expect(await db().checkResult.count()).toBe(before);
  });
});
