/**
 * A pipeline end to end against real parts (Weir's metadata database, a
 * DuckDB warehouse file): models created and a run started through the tRPC
 * procedures, the run executed by the worker's job logic. Covers building
 * silver and gold, an error check on silver blocking gold, the incident it
 * opens once, and everything clearing when the data is fixed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/connectors/duckdb/open-database";
import { db } from "@/db/client";
import { runTransform } from "@/engine/transform/run-transform";
import { logger } from "@/lib/logger";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let dir: string;
let file: string;
let api: ReturnType<typeof callerFor>;

const warehouse = async (sql: string) => {
  const handle = await openDatabase(file);
  try {
    return await handle.records(sql);
  } finally {
    await handle.close();
  }
};

async function runAll(): Promise<Awaited<ReturnType<typeof api.model.runStatus>>> {
  const started = await api.model.run({ selector: "*" });
  expect(started.status).toBe("queued");
  await runTransform({ transformRunId: started.id, log: logger, signal: new AbortController().signal });
  return api.model.runStatus({ id: started.id });
}

const statusOf = (run: Awaited<ReturnType<typeof runAll>>, model: string) => run.models.find((m) => m.model === model);

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  api = callerFor(await buildUser({ role: "engineer" }));
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-transform-"));
  file = path.join(dir, "warehouse.duckdb");
  await warehouse(
    "CREATE SCHEMA bronze; CREATE TABLE bronze.customers (id INTEGER, email VARCHAR, country VARCHAR); INSERT INTO bronze.customers VALUES (1, 'Ann@X.io', 'NL'), (2, 'bob@x.io', 'DE'), (3, 'cid@x.io', 'NL')",
  );
  const destination = await db().destination.create({ data: { name: "Pipeline warehouse", connector: "duckdb", config: { path: file } } });
  const silver = await api.model.create({
    name: "customers_clean",
    layer: "silver",
    materialization: "table",
    sql: "select id, lower(email) as email, country\nfrom bronze.customers",
    destinationId: destination.id,
  });
  await api.model.create({
    name: "country_counts",
    layer: "gold",
    materialization: "table",
    sql: "select country, count(*) as customers\nfrom {{ ref('customers_clean') }}\ngroup by country",
    destinationId: destination.id,
  });
  await db().check.create({
    data: {
      name: "email not null",
      destinationId: destination.id,
      datasetSchema: "silver",
      datasetTable: "customers_clean",
      modelId: silver.id,
      definition: { kind: "not_null", column: "email" },
      severity: "error",
    },
  });
});
afterAll(async () => {
  await teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe("a silver → gold pipeline gated by a check", () => {
  it("builds both layers in order and checks silver", async () => {
    const run = await runAll();
    expect(run).toMatchObject({ status: "succeeded", error: null });
    expect(statusOf(run, "customers_clean")).toMatchObject({ status: "succeeded", rows: 3 });
    expect(statusOf(run, "country_counts")).toMatchObject({ status: "succeeded", rows: 2 });
    expect(await warehouse("SELECT country, customers FROM gold.country_counts ORDER BY country")).toEqual([
      { country: "DE", customers: "1" },
      { country: "NL", customers: "2" },
    ]);
    expect(await warehouse("SELECT email FROM silver.customers_clean WHERE id = 1")).toEqual([{ email: "ann@x.io" }]);
    const [result] = await db().checkResult.findMany({ where: { transformRunId: run.id } });
    expect(result).toMatchObject({ status: "passed", failingRows: 0n, totalRows: 3n });
  });

  it("blocks gold while the check on silver fails, opening one incident", async () => {
    await warehouse("INSERT INTO bronze.customers VALUES (4, NULL, 'FR')");
    const broken = await runAll();
    expect(broken).toMatchObject({ status: "failed", error: "country_counts blocked." });
    expect(statusOf(broken, "customers_clean")).toMatchObject({ status: "succeeded", rows: 4 });
    expect(statusOf(broken, "country_counts")).toMatchObject({
      status: "blocked",
      reason: 'Blocked by check "email not null" on silver.customers_clean failed.',
    });
    expect(await warehouse("SELECT count(*) AS n FROM gold.country_counts")).toEqual([{ n: "2" }]); // the previous gold table stays
    const [result] = await db().checkResult.findMany({ where: { transformRunId: broken.id } });
    expect(result).toMatchObject({ status: "failed", failingRows: 1n, message: "1 of 4 rows fail (75.0% pass)." });
    expect(await db().incident.findMany({ where: { status: "open" } })).toHaveLength(1);

    const again = await runAll();
    expect(statusOf(again, "country_counts")!.status).toBe("blocked");
    expect(await db().incident.count()).toBe(1);
  });

  it("runs gold again and resolves the incident by itself when the data is fixed", async () => {
    await warehouse("UPDATE bronze.customers SET email = 'dee@x.io' WHERE id = 4");
    const fixed = await runAll();
    expect(fixed).toMatchObject({ status: "succeeded" });
    expect(statusOf(fixed, "country_counts")).toMatchObject({ status: "succeeded", rows: 3 });
    const [incident] = await db().incident.findMany();
    expect(incident).toMatchObject({ status: "resolved", autoResolved: true, resolution: "The check passed again." });
  });

  it("reports a model's SQL error with its line and skips what is downstream", async () => {
    const silver = (await api.model.list()).find((m) => m.name === "customers_clean")!;
    await api.model.update({ id: silver.id, sql: "select id, lower(email) as email, country\nfrom bronze.customers\nwhere no_such_column = 1" });
    const run = await runAll();
    expect(run.status).toBe("failed");
    expect(statusOf(run, "customers_clean")).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^Model "customers_clean", line 3: .*no_such_column/),
    });
    expect(statusOf(run, "country_counts")).toMatchObject({ status: "skipped", reason: 'upstream model "customers_clean" failed' });
  });
});

describe("a retried transform job", () => {
  it("starts over after a crash, and does nothing once the run has ended", async () => {
    const started = await api.model.run({ selector: "customers_clean" });
    // As if an attempt crashed after recording a model run.
    const model = await db().model.findUniqueOrThrow({ where: { name: "customers_clean" } });
    await db().modelRun.create({ data: { transformRunId: started.id, modelId: model.id, status: "running" } });
    await runTransform({ transformRunId: started.id, log: logger, signal: new AbortController().signal });
    const done = await api.model.runStatus({ id: started.id });
    expect(done.models).toHaveLength(1);
    await runTransform({ transformRunId: started.id, log: logger, signal: new AbortController().signal });
    expect((await api.model.runStatus({ id: started.id })).models).toHaveLength(1);
  });
});
