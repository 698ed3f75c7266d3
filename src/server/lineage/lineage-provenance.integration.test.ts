/**
 * The catalog cannot be forged through the OpenLineage API: over real HTTP
 * (the lineage route and the tRPC endpoint, real session cookies, a real
 * PostgreSQL and DuckDB warehouse), a producer's event about a dataset Weir
 * builds cannot change its schema, description, owner or stats, nor record
 * an edge into it, nor touch Weir's own jobs; its own facets stay, shown as
 * reported by it. Every fact names who set it. A PII flag survives a
 * producer's schema change and is removed only by an admin, audited. A
 * token held to namespaces names nothing outside them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { DuckDBInstance } from "@duckdb/node-api";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as lineageRoute from "../../../app/api/v1/lineage/route";
import * as trpcRoute from "../../../app/api/trpc/[trpc]/route";
import { db } from "@/db/client";
import { FACET_SCHEMAS, OPENLINEAGE_SCHEMA_URL, WEIR_PRODUCER, facet } from "@/engine/lineage/event-types";
import { recordRunEvent } from "@/engine/lineage/record-event";
import type { TSessionUser } from "@/server/auth/session-user";
import { type THttpApp, serveRoutes, sessionCookie, trpcOverHttp } from "@/server/testing/http-app";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";

const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.40.0/integration/airflow";
const COLUMNS = ["customer_id", "email", "full_name", "country"];

let teardown: () => Promise<void>;
let dir: string;
let app: THttpApp;
let ns: string;
let customersId: string;
let writer: string;
let admin: TSessionUser;
let asAdmin: ReturnType<typeof trpcOverHttp>;
let asEngineer: ReturnType<typeof trpcOverHttp>;
let asAnalyst: ReturnType<typeof trpcOverHttp>;

let seq = 0;
const runId = () => `0193d2a0-0000-7000-8000-${String(++seq).padStart(12, "0")}`;
const schema = (names: string[]) => facet(FACET_SCHEMAS.schema, { fields: names.map((name) => ({ name, type: "VARCHAR" })) });
const theirs = <T extends object>(body: T) => ({ ...body, _producer: PRODUCER, _schemaURL: "https://example.com/facet.json" });

/** Weir builds silver.customers (a model) from raw.customers, as its model runs record it. */
async function weirBuildsCustomers(description: string): Promise<void> {
  await recordRunEvent(
    {
      eventType: "COMPLETE",
      eventTime: new Date().toISOString(),
      producer: WEIR_PRODUCER,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId: runId() },
      job: { namespace: "weir", name: "weir.model.silver.customers" },
      inputs: [{ namespace: ns, name: "raw.customers" }],
      outputs: [
        {
          namespace: ns,
          name: "silver.customers",
          facets: {
            weir: facet(FACET_SCHEMAS.weir, {
              kind: "model" as const,
              platform: "duckdb",
              layer: "silver" as const,
              destinationId: (await db().destination.findFirstOrThrow()).id,
              rowCount: 2,
            }),
            schema: schema(COLUMNS),
            documentation: facet(FACET_SCHEMAS.documentation, { description }),
          },
        },
      ],
    },
    { receivedFrom: "weir", trusted: true, origin: "model" },
  );
}

async function post(body: unknown, token = writer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${app.url}/api/v1/lineage`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const event = (job: { namespace: string; name: string }, inputs: unknown[], outputs: unknown[]) => ({
  eventType: "COMPLETE",
  eventTime: new Date().toISOString(),
  producer: PRODUCER,
  schemaURL: OPENLINEAGE_SCHEMA_URL,
  run: { runId: runId() },
  job,
  inputs,
  outputs,
});

async function refusal(call: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCClientError) return { code: e.data?.code, message: e.message };
    throw e;
  }
  throw new Error("the call was not refused");
}

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-provenance-"));
  const file = path.join(dir, "warehouse.duckdb");
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  await conn.run(`CREATE SCHEMA silver; CREATE TABLE silver.customers (customer_id INTEGER, email VARCHAR, full_name VARCHAR, country VARCHAR);
    INSERT INTO silver.customers VALUES (1, 'ada@example.com', 'Ada Lovelace', 'UK');`);
  conn.closeSync();
  instance.closeSync();
  await db().destination.create({ data: { name: "Warehouse", connector: "duckdb", config: { path: file } } });
  ns = `duckdb://${file}`;
  app = await serveRoutes({ "/api/trpc/": trpcRoute, "/api/v1/lineage": lineageRoute });
  admin = await buildUser({ role: "admin", email: "boss@example.com" });
  asAdmin = trpcOverHttp(app, await sessionCookie(admin));
  asEngineer = trpcOverHttp(app, await sessionCookie(await buildUser({ role: "engineer", email: "eng@example.com" })));
  asAnalyst = trpcOverHttp(app, await sessionCookie(await buildUser({ role: "analyst" })));
  writer = (await asAdmin.apiToken.create.mutate({ name: "airflow", scopes: ["lineage:write"] })).token;

  await weirBuildsCustomers("One row per customer, deduplicated.");
  customersId = (await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: ns, name: "silver.customers" } } })).id;
  for (const column of ["email", "full_name"]) await asEngineer.catalog.updateColumn.mutate({ datasetId: customersId, column, pii: true });
}, 60_000);

afterAll(async () => {
  await app.close();
  await teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe("a producer's event about a dataset Weir builds", () => {
  it("changes none of its facts, adds no edge into it, keeps only the producer's own facets, and the PII stays masked", async () => {
    const forged = event(
      { namespace: "evil", name: "overwrite_customers" },
      [{ namespace: "evil", name: "fake.upstream" }],
      [
        {
          namespace: ns,
          name: "silver.customers",
          facets: {
            schema: theirs({
              fields: [
                { name: "customer_id", type: "INTEGER" },
                { name: "country", type: "VARCHAR" },
              ],
            }),
            documentation: theirs({ description: "Nothing to see here" }),
            ownership: theirs({ owners: [{ name: "user:mallory" }] }),
            airflow_sla: theirs({ slaMinutes: 30 }),
          },
          outputFacets: { outputStatistics: theirs({ rowCount: 1 }) },
        },
      ],
    );
    const answer = await post(forged);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const ignored = answer.body.ignored as string[];
    expect(ignored.join("\n")).toMatch(
      /silver\.customers is Weir's \(model\): its description, owner, schema, statistics, facets schema, documentation, ownership, outputStatistics stay/,
    );
    expect(ignored.join("\n")).toMatch(/silver\.customers is written by Weir alone \(model\)/);

    const page = await asAnalyst.catalog.dataset.query({ id: customersId });
    expect({ description: page.description, owner: page.owner, rows: page.rowCount, columns: page.columns.map((c) => [c.name, c.pii]) }).toEqual({
      description: "One row per customer, deduplicated.",
      owner: null,
      rows: 2,
      columns: [
        ["customer_id", false],
        ["email", true],
        ["full_name", true],
        ["country", false],
      ],
    });
    expect(page.provenance.description).toMatchObject({ by: "weir", name: "Weir", job: "weir/weir.model.silver.customers" });
    expect(page.provenance.schema).toMatchObject({ by: "weir" });
    expect(page.reportedFacets).toEqual([{ key: "airflow_sla", producer: PRODUCER }]);

    const preview = await asAnalyst.catalog.preview.query({ id: customersId });
    expect(preview.columns.filter((c) => c.masked).map((c) => c.name)).toEqual(["email", "full_name"]);
    expect(JSON.stringify(preview.rows)).not.toContain("Ada Lovelace");

    const graph = await asAnalyst.lineage.graph.query({ datasetId: customersId, depth: 1, direction: "upstream" });
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(["raw.customers", "silver.customers"]);
    const runs = await db().lineageRunDataset.findMany({ where: { datasetId: customersId, role: "output" }, include: { run: { include: { job: true } } } });
    expect(runs.map((r) => r.run.job.namespace)).toEqual(["weir"]);
    // What the producer sent is kept as it was received, for the record.
    expect(await db().lineageEvent.count({ where: { runId: forged.run.runId, receivedFrom: "token:airflow" } })).toBe(1);

    // Weir's next build changes what Weir says, and keeps the producer's own facet.
    await weirBuildsCustomers("One row per customer.");
    const rebuilt = await asAnalyst.catalog.dataset.query({ id: customersId });
    expect(rebuilt.description).toBe("One row per customer.");
    expect(rebuilt.reportedFacets).toEqual([{ key: "airflow_sla", producer: PRODUCER }]);
  });

  it("a producer may read Weir's dataset: the edge out of it is kept, its schema facet about it is not", async () => {
    const reader = event(
      { namespace: "airflow", name: "export_customers" },
      [{ namespace: ns, name: "silver.customers", facets: { schema: theirs({ fields: [{ name: "x" }] }) } }],
      [{ namespace: "s3://exports", name: "customers.csv" }],
    );
    expect((await post(reader)).status).toBe(201);
    const graph = await asAnalyst.lineage.graph.query({ datasetId: customersId, depth: 1, direction: "downstream" });
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(["customers.csv", "silver.customers"]);
    expect((await asAnalyst.catalog.dataset.query({ id: customersId })).columns.map((c) => c.name)).toEqual(COLUMNS);
  });

  it("a producer that named a table before Weir built it loses its edges and facts into it when Weir does", async () => {
    const early = event(
      { namespace: "evil", name: "claims_orders" },
      [{ namespace: "evil", name: "fake.orders_source" }],
      [
        {
          namespace: ns,
          name: "silver.orders",
          facets: { documentation: theirs({ description: "FORGED early" }), airflow_sla: theirs({ slaMinutes: 5 }) },
        },
      ],
    );
    expect((await post(early)).status).toBe(201);
    const orders = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: ns, name: "silver.orders" } } });
    expect((await asAnalyst.catalog.dataset.query({ id: orders.id })).provenance.description).toMatchObject({ by: "producer" });

    await recordRunEvent(
      {
        eventType: "COMPLETE",
        eventTime: new Date().toISOString(),
        producer: WEIR_PRODUCER,
        schemaURL: OPENLINEAGE_SCHEMA_URL,
        run: { runId: runId() },
        job: { namespace: "weir", name: "weir.model.silver.orders" },
        inputs: [{ namespace: ns, name: "raw.orders" }],
        outputs: [
          {
            namespace: ns,
            name: "silver.orders",
            facets: { weir: facet(FACET_SCHEMAS.weir, { kind: "model" as const, platform: "duckdb", layer: "silver" as const }), schema: schema(["order_id"]) },
          },
        ],
      },
      { receivedFrom: "weir", trusted: true, origin: "model" },
    );
    const page = await asAnalyst.catalog.dataset.query({ id: orders.id });
    expect({ kind: page.kind, description: page.description, provenance: page.provenance.description, facets: page.reportedFacets.map((f) => f.key) }).toEqual({
      kind: "model",
      description: "",
      provenance: undefined,
      facets: ["airflow_sla"],
    });
    const graph = await asAnalyst.lineage.graph.query({ datasetId: orders.id, depth: 1, direction: "upstream" });
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(["raw.orders", "silver.orders"]);
  });

  it("events of Weir's own jobs are refused, and nothing of them is stored", async () => {
    const before = await db().lineageEvent.count();
    const answer = await post(
      event({ namespace: "weir", name: "weir.model.silver.customers" }, [{ namespace: "evil", name: "x" }], [{ namespace: ns, name: "silver.customers" }]),
    );
    expect(answer).toEqual({ status: 403, body: { error: expect.stringMatching(/^job\.namespace: "weir" is the namespace of Weir's own jobs/) } });
    // Nor may a producer pass for Weir, whose facets are not shown as reported by anyone.
    const posing = { ...event({ namespace: "evil", name: "pose" }, [], [{ namespace: "s3://x", name: "y" }]), producer: WEIR_PRODUCER };
    expect(await post(posing)).toEqual({
      status: 403,
      body: { error: `producer: "${WEIR_PRODUCER}" is Weir's own producer; name your producer (your tool's URI).` },
    });
    const facetPosing = event(
      { namespace: "evil", name: "pose" },
      [],
      [{ namespace: "s3://x", name: "y", facets: { sla: { _producer: WEIR_PRODUCER, _schemaURL: "https://e.com/s.json" } } }],
    );
    expect((await post(facetPosing)).body.error).toMatch(/^outputs\[0\]\.facets\.sla\._producer: /);
    expect(await db().lineageEvent.count()).toBe(before);
  });
});

describe("PII flags", () => {
  it("only an admin removes one, and the audit log says who", async () => {
    expect(await refusal(asEngineer.catalog.updateColumn.mutate({ datasetId: customersId, column: "full_name", pii: false }))).toEqual({
      code: "FORBIDDEN",
      message: "pii: only an admin can remove the PII flag of full_name (it unmasks the column for analysts and viewers).",
    });
    const after = await asAdmin.catalog.updateColumn.mutate({ datasetId: customersId, column: "full_name", pii: false });
    expect(after.columns.find((c) => c.name === "full_name")?.pii).toBe(false);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "dataset.column.update", targetId: customersId }, orderBy: { createdAt: "desc" } });
    expect({ actor: audit.actorEmail, diff: audit.diff }).toEqual({ actor: "boss@example.com", diff: { "full_name.pii": { from: true, to: false } } });
    await asEngineer.catalog.updateColumn.mutate({ datasetId: customersId, column: "full_name", pii: true }); // engineers may flag
  });

  it("survives a producer's schema change of its own dataset: the column is hidden while gone and back flagged when it returns", async () => {
    const out = (names: string[]) => [
      { namespace: "s3://lake", name: "crm.contacts", facets: { schema: theirs({ fields: names.map((name) => ({ name, type: "string" })) }) } },
    ];
    expect((await post(event({ namespace: "spark", name: "crm" }, [], out(["id", "phone"])))).status).toBe(201);
    const contacts = await db().dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: "s3://lake", name: "crm.contacts" } } });
    await asEngineer.catalog.updateColumn.mutate({ datasetId: contacts.id, column: "phone", pii: true });
    const described = await asAnalyst.catalog.dataset.query({ id: contacts.id });
    expect(described.provenance.schema).toMatchObject({ by: "producer", name: PRODUCER, job: "spark/crm", via: "token:airflow" });

    expect((await post(event({ namespace: "spark", name: "crm" }, [], out(["id"])))).status).toBe(201);
    expect((await asAnalyst.catalog.dataset.query({ id: contacts.id })).columns.map((c) => c.name)).toEqual(["id"]);
    expect(await db().datasetColumn.findFirstOrThrow({ where: { datasetId: contacts.id, name: "phone" } })).toMatchObject({
      pii: true,
      removedAt: expect.any(Date),
    });

    expect((await post(event({ namespace: "spark", name: "crm" }, [], out(["id", "phone"])))).status).toBe(201);
    expect((await asAnalyst.catalog.dataset.query({ id: contacts.id })).columns.map((c) => [c.name, c.pii])).toEqual([
      ["id", false],
      ["phone", true],
    ]);
  });
});

describe("a token held to namespaces", () => {
  it("sends events inside them, and is refused (403, nothing stored) for one naming anything outside", async () => {
    const created = await asAdmin.apiToken.create.mutate({ name: "lake-only", scopes: ["lineage:write"], namespaces: ["s3://lake/*", "spark"] });
    expect(created.namespaces).toEqual(["s3://lake/*", "spark"]);
    const inside = event({ namespace: "spark", name: "lake_job" }, [{ namespace: "s3://lake/raw", name: "a" }], [{ namespace: "s3://lake/clean", name: "b" }]);
    expect((await post(inside, created.token)).status).toBe(201);

    const before = { events: await db().lineageEvent.count(), datasets: await db().dataset.count() };
    const outside = event({ namespace: "spark", name: "lake_job" }, [{ namespace: "s3://lake/raw", name: "a" }], [{ namespace: ns, name: "silver.customers" }]);
    expect(await post(outside, created.token)).toEqual({
      status: 403,
      body: { error: `outputs[0].namespace: "${ns}" is outside this token's namespaces (s3://lake/*, spark).` },
    });
    const otherJob = event({ namespace: "airflow", name: "x" }, [], []);
    expect((await post(otherJob, created.token)).body.error).toMatch(/^job\.namespace: "airflow" is outside/);
    expect({ events: await db().lineageEvent.count(), datasets: await db().dataset.count() }).toEqual(before);
    expect(await refusal(asAdmin.apiToken.create.mutate({ name: "bad", scopes: ["lineage:write"], namespaces: [""] }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
