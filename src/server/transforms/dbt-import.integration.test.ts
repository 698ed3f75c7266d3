/**
 * Importing a real dbt project's artifacts (built by dbt-core + dbt-duckdb,
 * see engine/dbt/dbt-fixture.ts) through the tRPC procedure: nodes, tests
 * as checks with their results and incidents, and the imported checks run
 * again by Weir against the same DuckDB file.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { type TDbtRun, buildFixtureProject } from "@/engine/dbt/dbt-fixture";
import { ZCheckKind } from "@/engine/quality/check-definition";
import { runCheck } from "@/engine/quality/run-check";
import { MASK } from "@/engine/quality/sample-mask";
import { openDuckDbWarehouse } from "@/connectors/duckdb/warehouse";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let run: TDbtRun;
let destinationId: string;
let api: ReturnType<typeof callerFor>;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  run = buildFixtureProject();
  destinationId = (await db().destination.create({ data: { name: "dbt warehouse", connector: "duckdb", config: { path: path.join(run.dir, "shop.duckdb") } } }))
    .id;
  api = callerFor(await buildUser({ role: "engineer" }));
}, 600_000);
afterAll(async () => {
  await teardown();
  if (run) rmSync(run.dir, { recursive: true, force: true });
});

describe("dbt.import", () => {
  it("brings in models, sources, tests as checks and their results, opening an incident for the failing test", async () => {
    const imported = await api.dbt.import({ destinationId, manifest: run.manifest, runResults: run.runResults });
    expect(imported).toMatchObject({ project: "shop", models: 6, sources: 1, checks: 7, results: 6, skippedTests: [] });
    const nodes = await callerFor(await buildUser({ role: "viewer" })).dbt.nodes();
    expect(nodes.find((n) => n.name === "daily_revenue")).toMatchObject({
      kind: "model",
      relation: "shop.main.daily_revenue",
      owner: "analytics",
      lastStatus: "skipped",
    });
    expect(nodes.find((n) => n.kind === "source")).toMatchObject({ name: "shop.raw_orders", relation: "shop.main.raw_orders" });

    const checks = await api.quality.checks({});
    const accepted = checks.find((c) => c.name === "accepted_values_stg_customers_country__NL__DE__FR")!;
    expect(accepted).toMatchObject({
      dataset: "main.stg_customers",
      severity: "error",
      check: { kind: "accepted_values", column: "country", values: ["NL", "DE", "FR"] },
    });
    expect(accepted.results[0]).toMatchObject({ status: "failed", failingRows: 1, message: "dbt: Got 1 result, configured to fail if != 0" });
    expect(accepted.openIncidentId).not.toBeNull();
    expect(checks.filter((c) => c.results[0]?.status === "passed")).toHaveLength(5);
  });

  it("re-importing updates in place, and Weir runs the imported checks on the same warehouse with the same verdict", async () => {
    await api.dbt.import({ destinationId, manifest: run.manifest });
    expect(await db().check.count({ where: { origin: { startsWith: "dbt:" } } })).toBe(7);
    expect(await db().incident.count({ where: { status: "open" } })).toBe(1);

    const warehouse = await openDuckDbWarehouse(path.join(run.dir, "shop.duckdb"));
    try {
      const checks = await db().check.findMany({ where: { origin: { startsWith: "dbt:" } } });
      const verdicts = Object.fromEntries(
        await Promise.all(
          checks.map(
            async (c) =>
              [
                c.name,
                (
                  await runCheck({
                    warehouse,
                    dataset: { schema: c.datasetSchema, table: c.datasetTable },
                    definition: { name: c.name, severity: c.severity, check: ZCheckKind.parse(c.definition) },
                  })
                ).status,
              ] as const,
          ),
        ),
      );
      expect(verdicts["accepted_values_stg_customers_country__NL__DE__FR"]).toBe("failed");
      expect(Object.values(verdicts).filter((s) => s === "passed")).toHaveLength(5);
    } finally {
      await warehouse.close();
    }
  });

  it("runs an imported check on demand and stores the result", async () => {
    const accepted = (await api.quality.checks({})).find((c) => c.name.startsWith("accepted_values_stg_customers_country"))!;
    expect(accepted.origin).toMatch(/^dbt:test\.shop\.accepted_values/);
    // The dbt model is a catalog dataset: its PII flags decide what the sample masks.
    const dataset = (await api.catalog.search({ q: "stg_customers" })).items.find((i) => i.name === "main.stg_customers")!;
    await api.catalog.updateColumn({ datasetId: dataset.id, column: "email", pii: true });
    const after = await api.quality.runCheck({ id: accepted.id });
    expect(after.results).toHaveLength(accepted.results.length + 1);
    expect(after.results[0]).toMatchObject({ status: "failed", failingRows: 1, totalRows: 3, message: "1 of 3 rows fail (66.7% pass)." });
    expect(after.results[0]!.sample).toEqual([{ customer_id: 3, email: MASK, country: "XX" }]);
    await expect(callerFor(await buildUser({ role: "analyst" })).quality.runCheck({ id: accepted.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses files that are not dbt artifacts, naming the problem", async () => {
    await expect(api.dbt.import({ destinationId, manifest: { nodes: {} } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^manifest\.json: metadata/),
    });
    await expect(api.dbt.import({ destinationId, manifest: null })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/manifest/) });
  });
});
