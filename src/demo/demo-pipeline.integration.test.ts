/**
 * The embedded demo's three layers: the start-up's ensureDemo on a real
 * PostgreSQL server, a sync of "shop → warehouse" into a DuckDB file, and
 * the silver and gold models it triggers, built and checked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/connectors/duckdb/open-database";
import { db } from "@/db/client";
import { ensureDemo } from "@/demo/ensure-demo";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { runTransform } from "@/engine/transform/run-transform";
import { logger } from "@/lib/logger";
import { getTransformRun } from "@/server/transforms/transform-runs";
import { setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let state: string;

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  state = mkdtempSync(path.join(os.tmpdir(), "weir-demo-"));
});
afterAll(async () => {
  await teardown();
  rmSync(state, { recursive: true, force: true });
});

describe("the demo", () => {
  it("syncs the shop into bronze, then builds silver and gold, checked", async () => {
    const serverUrl = process.env.WEIR_TEST_PG_URL;
    expect(serverUrl, "npm test provides a PostgreSQL server").toBeTruthy();
    const demo = await ensureDemo(serverUrl!, state);
    expect((await db().model.findMany({ orderBy: { name: "asc" } })).map((m) => `${m.layer}.${m.name}`)).toEqual([
      "silver.customers",
      "gold.daily_revenue",
      "silver.orders",
    ]);
    expect(await ensureDemo(serverUrl!, state)).toMatchObject({ connectionId: demo.connectionId }); // idempotent

    const run = await db().run.create({ data: { connectionId: demo.connectionId, trigger: "manual" } });
    expect(await runConnectionSync({ runId: run.id, attempt: 1, maxAttempts: 1, log: logger, signal: new AbortController().signal })).toBe("succeeded");
    const started = await db().transformRun.findFirstOrThrow({ where: { upstreamRunId: run.id } });
    await runTransform({ transformRunId: started.id, log: logger, signal: new AbortController().signal });
    const transform = await getTransformRun(started.id);
    expect(transform, JSON.stringify(transform.models)).toMatchObject({ status: "succeeded" });
    expect(Object.fromEntries(transform.models.map((m) => [m.model, m.status]))).toEqual({
      customers: "succeeded",
      orders: "succeeded",
      daily_revenue: "succeeded",
    });
    const results = await db().checkResult.findMany({ where: { transformRunId: started.id }, include: { check: true } });
    expect(Object.fromEntries(results.map((r) => [r.check.name, r.status]))).toEqual({
      "email not null": "passed",
      "customer_id unique": "passed",
      "status known": "passed",
      "customer exists": "passed",
    });

    const warehouse = await openDatabase(path.join(state, "warehouse.duckdb"));
    try {
      expect(await warehouse.records("SELECT count(*)::INT AS n FROM silver.customers")).toEqual([{ n: 1000 }]);
      const [gold] = await warehouse.records("SELECT count(*)::INT AS days, sum(orders)::INT AS orders FROM gold.daily_revenue");
      expect(Number(gold!.days)).toBeGreaterThan(10);
      // placed orders are not revenue: a quarter of the seeded 3,000
      expect(gold!.orders).toBe(2250);
    } finally {
      await warehouse.close();
    }
  });
});
