/**
 * The pipeline sync → checks → models, against real parts: a PostgreSQL
 * source database, a DuckDB warehouse file, Weir's metadata database. The
 * connection gets its automatic key checks when it is created; a sync runs
 * them and starts the models that read the connection; a failing key check
 * blocks them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
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
let dir: string;
let connectionId: string;

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  source = await createSourceDatabase();
  await source.exec(`
    CREATE TABLE customers (id bigint PRIMARY KEY, email text, country text, updated_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO customers (id, email, country) VALUES (1, 'a@x.io', 'NL'), (2, 'b@x.io', 'DE'), (3, 'c@x.io', 'NL');`);
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-pipeline-"));
  const src = await createEndpoint("source", { name: "crm", connector: "postgres", config: source.config }, ACTOR);
  const dst = await createEndpoint("destination", { name: "lake", connector: "duckdb", config: { path: path.join(dir, "warehouse.duckdb") } }, ACTOR);
  await discoverSource(src.id, ACTOR);
  const connection = await createConnection(
    {
      name: "crm → lake",
      sourceId: src.id,
      destinationId: dst.id,
      namespace: "bronze",
      tablePrefix: "crm_",
      schedule: null,
      schemaChangePolicy: "propagate",
      // The key people use downstream is the email, which the source does not enforce.
      streams: [{ stream: "public.customers", selected: true, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: ["email"] }],
    },
    ACTOR,
  );
  connectionId = connection.id;
  await createModel(
    {
      name: "customers_by_country",
      layer: "silver",
      materialization: "table",
      uniqueKey: [],
      description: "",
      owner: null,
      columnDescriptions: {},
      schedule: null,
      destinationId: dst.id,
      sql: "select country, count(*) as n\nfrom {{ source('crm → lake', 'public.customers') }}\ngroup by country",
    },
    ACTOR,
  );
});

afterAll(async () => {
  await source?.drop();
  await teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe("after a sync", () => {
  it("the connection's key gets not-null and unique checks without anyone writing them", async () => {
    const checks = await db().check.findMany({ where: { connectionId }, orderBy: { name: "asc" } });
    expect(
      checks.map((c) => ({
        name: c.name,
        dataset: `${c.datasetSchema}.${c.datasetTable}`,
        automatic: c.automatic,
        severity: c.severity,
        definition: c.definition,
      })),
    ).toEqual([
      { name: "email not null", dataset: "bronze.crm_customers", automatic: true, severity: "error", definition: { kind: "not_null", column: "email" } },
      { name: "email unique", dataset: "bronze.crm_customers", automatic: true, severity: "error", definition: { kind: "unique", columns: ["email"] } },
    ]);
  });

  it("runs the checks, then the models reading the connection", async () => {
    const syncRunId = await syncOnce(connectionId);
    expect((await db().run.findUniqueOrThrow({ where: { id: syncRunId } })).status).toBe("succeeded");
    const results = await db().checkResult.findMany({ where: { syncRunId } });
    expect(results.map((r) => r.status)).toEqual(["passed", "passed"]);
    const transform = await runStartedBy(syncRunId);
    expect(transform).toMatchObject({ selector: "customers_by_country+", trigger: "upstream", status: "succeeded" });
    expect(transform.models).toEqual([expect.objectContaining({ model: "customers_by_country", status: "succeeded", rows: 2 })]);
    const logs = (await db().runLog.findMany({ where: { runId: syncRunId } })).map((l) => l.message).join("\n");
    expect(logs).toMatch(/Quality: 2 check\(s\) ran, all passed\./);
    expect(logs).toMatch(/Started models downstream: customers_by_country\+/);
  });

  it("a key check that fails blocks the models, and opens an incident", async () => {
    await source.exec(`INSERT INTO customers (id, email, country) VALUES (4, NULL, 'FR'), (5, 'a@x.io', 'BE')`);
    const syncRunId = await syncOnce(connectionId);
    const results = await db().checkResult.findMany({ where: { syncRunId }, include: { check: true } });
    expect(Object.fromEntries(results.map((r) => [r.check.name, r.status]))).toEqual({ "email not null": "failed", "email unique": "failed" });
    const transform = await runStartedBy(syncRunId);
    expect(transform.status).toBe("failed");
    expect(transform.models[0]).toMatchObject({
      status: "blocked",
      reason: expect.stringMatching(/^Blocked by check "email (not null|unique)" on bronze\.crm_customers failed/),
    });
    expect(await db().incident.count({ where: { status: "open" } })).toBe(2);
  });
});
