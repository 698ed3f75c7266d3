/**
 * POST /api/v1/lineage at a real producer's size, through the route handler
 * on a real PostgreSQL: one COMPLETE event with 5,000 inputs (each with a
 * schema) is stored whole, with every dataset, column and edge; the next run
 * of the job updates them (a dropped column goes, a person's edit stays);
 * two producers naming the same new datasets at once both land. The time
 * goal (< 1 s at p95) is measured by `npm run bench:catalog`; this test
 * holds a loose bound that a per-dataset path (which held its transaction
 * past 30 s and failed) cannot meet.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST } from "../../../app/api/v1/lineage/route";
import { wideEvent } from "@/bench/catalog-ingest-bench";
import { db } from "@/db/client";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { createToken } from "@/server/api-tokens/api-tokens";
import { setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let writer: string;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  writer = (await createToken({ name: "wide-producer", scopes: ["lineage:write"] }, { id: null, email: "test" })).token;
  // Warm the process (schema compilation, first connections) as a running server is, so the timing below is the event's own.
  const warm = wideEvent(3) as { job: { name: string } };
  warm.job.name = "bench.warm_up";
  expect((await post(warm)).status).toBe(201);
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
const NS = "postgres://lake.bench:5432";
const job = () => db().lineageJob.findUniqueOrThrow({ where: { namespace_name: { namespace: "bench", name: "bench.wide_join" } } });

describe("POST /api/v1/lineage with 5,000 inputs", () => {
  it("stores every dataset, column and edge of the event in one go", async () => {
    const started = performance.now();
    const event = wideEvent(5_000) as { run: { runId: string } };
    const res = await post(event);
    const ms = performance.now() - started;
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ datasets: 5_001, edges: 5_000, columnEdges: 0 });
    // Loose on purpose (shared CI machines): the per-dataset path held its transaction past 30 s and failed.
    expect(ms).toBeLessThan(20_000);
    expect(await db().dataset.count({ where: { namespace: NS } })).toBe(5_001);
    expect(await db().datasetColumn.count({ where: { dataset: { namespace: NS } } })).toBe(5_000 * 6 + 8);
    const { id: jobId } = await job();
    expect(await db().lineageEdge.count({ where: { jobId } })).toBe(5_000);
    const output = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name: "lake.mart.events_wide" } } });
    expect(await db().lineageEdge.count({ where: { jobId, outputId: output.id } })).toBe(5_000);
    expect(await db().lineageRunDataset.count({ where: { runId: event.run.runId, role: "input" } })).toBe(5_000);
    expect(await db().lineageRunDataset.count({ where: { runId: event.run.runId, role: "output", datasetId: output.id } })).toBe(1);
    // searchable like any other entry: the text written with a new entry is the one refreshSearchText computes
    const one = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name: "lake.raw.events_04999" } } });
    expect(one.searchText).toContain("customer id");
    const texts = async () => await db().dataset.findMany({ where: { namespace: NS }, select: { id: true, searchText: true }, orderBy: { id: "asc" } });
    const written = await texts();
    await refreshSearchText(
      db(),
      written.map((d) => d.id),
    );
    expect(await texts()).toEqual(written);
  });

  it("updates them on the job's next run: a dropped column goes, a person's edit stays, every edge is seen again", async () => {
    const first = await db().dataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: NS, name: "lake.raw.events_00007" } },
      include: { columns: true },
    });
    await db().dataset.update({ where: { id: first.id }, data: { description: "kept by a person", editedFields: ["description"] } });
    const event = wideEvent(5_000) as { run: { runId: string }; inputs: { facets: { schema: { fields: { name: string }[] }; documentation?: unknown } }[] };
    const seventh = event.inputs[7]!;
    seventh.facets.schema.fields = seventh.facets.schema.fields.filter((f) => f.name !== "currency");
    seventh.facets.documentation = {
      _producer: "https://example.com/p",
      _schemaURL: "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
      description: "from the producer",
    };
    expect((await post(event)).status).toBe(201);
    const after = await db().dataset.findUniqueOrThrow({ where: { id: first.id }, include: { columns: { orderBy: { position: "asc" } } } });
    expect(after.columns.map((c) => c.name)).toEqual(["id", "customer_id", "amount", "created_at", "updated_at"]);
    expect(after.description).toBe("kept by a person");
    const { id: jobId, lastCompleteRunId } = await job();
    expect(lastCompleteRunId).toBe(event.run.runId);
    expect(await db().lineageEdge.count({ where: { jobId, lastRunId: event.run.runId } })).toBe(5_000);
    expect(await db().dataset.count({ where: { namespace: NS } })).toBe(5_001);
  });

  it("lands two events naming the same new datasets at once", async () => {
    const overlapping = (n: number) => {
      const e = wideEvent(1_000, randomUUID()) as { job: { name: string }; inputs: { name: string }[]; outputs: { name: string }[] };
      e.job.name = `bench.concurrent_${n}`;
      e.inputs = e.inputs.map((d) => ({ ...d, name: d.name.replace("lake.raw", "lake.shared") }));
      e.outputs = e.outputs.map((d) => ({ ...d, name: `lake.mart.concurrent_${n}` }));
      return e;
    };
    const answers = await Promise.all([post(overlapping(1)), post(overlapping(2))]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(await db().dataset.count({ where: { name: { startsWith: "lake.shared." } } })).toBe(1_000);
  });
});
