// Reads artifacts written by real dbt (dbt-core + dbt-duckdb from PyPI, see dbt-fixture.ts) for the fixture project.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readDbtArtifacts } from "@/engine/dbt/dbt-artifacts";
import { DBT_CORE, type TDbtRun, buildFixtureProject } from "@/engine/dbt/dbt-fixture";

let run: TDbtRun;
beforeAll(() => {
  run = buildFixtureProject();
}, 600_000);
afterAll(() => {
  if (run) rmSync(run.dir, { recursive: true, force: true });
});

describe("readDbtArtifacts on a real dbt project", () => {
  it("imports models and seeds with SQL, columns, owner and upstream, and the sources", () => {
    const imported = readDbtArtifacts(run.manifest, run.runResults);
    expect(imported).toMatchObject({ dbtVersion: DBT_CORE, project: "shop" });
    expect(imported.models.map((m) => `${m.kind}:${m.name}:${m.materialization}`).sort()).toEqual([
      "model:daily_revenue:table",
      "model:stg_customers:view",
      "model:stg_orders:view",
      "model:stg_shop_orders:view",
      "seed:raw_customers:seed",
      "seed:raw_orders:seed",
    ]);
    const mart = imported.models.find((m) => m.name === "daily_revenue")!;
    expect(mart).toMatchObject({
      relation: "shop.main.daily_revenue",
      owner: "analytics",
      description: "Paid revenue per day and country.",
      path: "models/marts/daily_revenue.sql",
    });
    expect(mart.sql).toContain("{{ ref('stg_orders') }}");
    expect(mart.upstream.sort()).toEqual(["model.shop.stg_customers", "model.shop.stg_orders"]);
    expect(mart.columns).toEqual([{ name: "revenue", description: "Sum of paid order amounts.", dataType: null }]);
    expect(imported.models.find((m) => m.name === "stg_shop_orders")!.upstream).toEqual(["source.shop.shop.raw_orders"]);
    expect(imported.sources).toEqual([
      {
        uniqueId: "source.shop.shop.raw_orders",
        sourceName: "shop",
        name: "raw_orders",
        database: "shop",
        schema: "main",
        relation: "shop.main.raw_orders",
        description: "Orders as loaded.",
        columns: [{ name: "id", description: "Order id.", dataType: null }],
      },
    ]);
  });

  it("maps dbt's generic tests onto Weir's check kinds", () => {
    const { tests } = readDbtArtifacts(run.manifest);
    const byName = Object.fromEntries(tests.map((t) => [t.name, t]));
    expect(tests).toHaveLength(7);
    expect(byName.unique_stg_customers_customer_id).toMatchObject({
      attachedTo: "model.shop.stg_customers",
      column: "customer_id",
      severity: "error",
      check: { kind: "unique", columns: ["customer_id"] },
    });
    expect(byName.not_null_daily_revenue_revenue!.check).toEqual({ kind: "not_null", column: "revenue" });
    expect(byName.accepted_values_stg_customers_country__NL__DE__FR!.check).toEqual({ kind: "accepted_values", column: "country", values: ["NL", "DE", "FR"] });
    const relationship = tests.find((t) => t.name.startsWith("relationships_stg_orders_customer_id"))!;
    expect(relationship.check).toEqual({ kind: "relationships", column: "customer_id", toSchema: "main", toTable: "stg_customers", toColumn: "customer_id" });
  });

  it("imports the last invocation's results: the failing test, and what dbt skipped because of it", () => {
    const { results, resultsAt } = readDbtArtifacts(run.manifest, run.runResults);
    expect(resultsAt).toBeInstanceOf(Date);
    const status = Object.fromEntries(results.map((r) => [r.uniqueId.split(".").slice(0, 3).join("."), r]));
    expect(status["test.shop.accepted_values_stg_customers_country__NL__DE__FR"]).toMatchObject({ status: "fail", failures: 1 });
    expect(status["model.shop.stg_customers"]).toMatchObject({ status: "success" });
    expect(status["model.shop.daily_revenue"]).toMatchObject({ status: "skipped" });
    expect(results.filter((r) => r.status === "pass")).toHaveLength(5);
  });

  it("refuses files that are not dbt artifacts, naming the field", () => {
    expect(() => readDbtArtifacts({ nodes: {} })).toThrow(/^manifest\.json: metadata: .*Upload the file dbt wrote/);
    expect(() =>
      readDbtArtifacts({ metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v4.json", dbt_version: "0.21.0" }, nodes: {} }),
    ).toThrow(/schema v10 or later/);
    expect(() => readDbtArtifacts(run.manifest, { metadata: { dbt_schema_version: "x" }, results: [] })).toThrow(
      /^run_results\.json: metadata\.dbt_schema_version/,
    );
  });
});
