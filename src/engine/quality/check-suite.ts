/**
 * Every check kind, passing and failing, against a real warehouse: a vitest
 * suite run on DuckDB and on PostgreSQL (check-*.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TCheckDefinition, TCheckKind, TDataset } from "@/engine/quality/check-definition";
import { MASK, runCheck } from "@/engine/quality/run-check";
import type { TWarehouse } from "@/connectors/warehouse-types";
import type { TWarehouseTarget } from "@/connectors/testing/warehouse-suite";

const good: TDataset = { schema: "silver", table: "good_customers", piiColumns: ["ssn"] };
const bad: TDataset = { schema: "silver", table: "bad_customers", piiColumns: ["ssn"] };
const goodOrders: TDataset = { schema: "silver", table: "good_orders" };
const badOrders: TDataset = { schema: "silver", table: "bad_orders" };

const define = (check: TCheckKind, mostly?: number): TCheckDefinition => ({
  name: check.kind,
  severity: "error",
  check,
  ...(mostly === undefined ? {} : { mostly }),
});

export function describeChecks(name: string, createTarget: () => Promise<Omit<TWarehouseTarget, "rows">>): void {
  describe(`${name}: quality checks`, () => {
    let target: Omit<TWarehouseTarget, "rows">;
    let warehouse: TWarehouse;
    const run = (dataset: TDataset, check: TCheckKind, extra: { mostly?: number; lastLoadedAt?: Date | null } = {}) =>
      runCheck({
        warehouse,
        dataset,
        definition: define(check, extra.mostly),
        lastLoadedAt: extra.lastLoadedAt,
        resolveRef: (n) => warehouse.relation("silver", n),
      });

    beforeAll(async () => {
      target = await createTarget();
      await target.exec("CREATE SCHEMA silver");
      for (const table of ["good_customers", "bad_customers"]) {
        await target.exec(`CREATE TABLE silver.${table} (id integer, email text, country text, created_at timestamptz, ssn text)`);
      }
      await target.exec(`INSERT INTO silver.good_customers VALUES (1, 'a@x.io', 'NL', now(), '111-11'), (2, 'b@x.io', 'DE', now(), '222-22')`);
      await target.exec(
        `INSERT INTO silver.bad_customers VALUES (1, 'a@x.io', 'NL', now() - INTERVAL '10 days', '111-11'), (1, 'not-an-email', 'XX', now() - INTERVAL '10 days', '333-33'), (3, NULL, 'DE', now() - INTERVAL '10 days', '444-44')`,
      );
      for (const table of ["good_orders", "bad_orders"]) await target.exec(`CREATE TABLE silver.${table} (id integer, customer_id integer, status text)`);
      await target.exec(`INSERT INTO silver.good_orders VALUES (10, 1, 'paid'), (11, 2, 'paid'), (12, NULL, 'draft')`);
      await target.exec(`INSERT INTO silver.bad_orders VALUES (10, 1, 'paid'), (11, 99, 'lost')`);
      warehouse = await target.open();
    });
    afterAll(async () => {
      await warehouse?.close();
      await target?.teardown();
    });

    it("not_null: counts the failing rows and samples them with PII masked", async () => {
      expect(await run(good, { kind: "not_null", column: "email" })).toMatchObject({ status: "passed", failingRows: 0, totalRows: 2, sample: [] });
      const failed = await run(bad, { kind: "not_null", column: "email" });
      expect(failed).toMatchObject({ status: "failed", observed: 1, failingRows: 1, totalRows: 3, message: "1 of 3 rows fail (66.7% pass)." });
      expect(failed.sample).toHaveLength(1);
      expect(failed.sample[0]).toMatchObject({ email: null, country: "DE", ssn: MASK });
      expect(JSON.stringify(failed.sample)).not.toContain("444-44");
    });

    it("mostly: passes when enough rows pass", async () => {
      expect(await run(bad, { kind: "not_null", column: "email" }, { mostly: 0.6 })).toMatchObject({ status: "passed", failingRows: 1 });
      expect(await run(bad, { kind: "not_null", column: "email" }, { mostly: 0.7 })).toMatchObject({ status: "failed", failingRows: 1 });
    });

    it("unique: every row of a duplicated key fails", async () => {
      expect(await run(good, { kind: "unique", columns: ["id"] })).toMatchObject({ status: "passed" });
      expect(await run(bad, { kind: "unique", columns: ["id"] })).toMatchObject({ status: "failed", failingRows: 2 });
      expect(await run(bad, { kind: "unique", columns: ["id", "email"] })).toMatchObject({ status: "passed" });
    });

    it("accepted_values", async () => {
      expect(await run(good, { kind: "accepted_values", column: "country", values: ["NL", "DE"] })).toMatchObject({ status: "passed" });
      expect(await run(bad, { kind: "accepted_values", column: "country", values: ["NL", "DE"] })).toMatchObject({ status: "failed", failingRows: 1 });
    });

    it("relationships: NULL references are not failures", async () => {
      const to = { toSchema: "silver", toTable: "good_customers", toColumn: "id" };
      expect(await run(goodOrders, { kind: "relationships", column: "customer_id", ...to })).toMatchObject({ status: "passed", totalRows: 3 });
      expect(await run(badOrders, { kind: "relationships", column: "customer_id", ...to })).toMatchObject({
        status: "failed",
        failingRows: 1,
        sample: [{ customer_id: 99 }],
      });
    });

    it("row_count between", async () => {
      expect(await run(good, { kind: "row_count", min: 1, max: 2 })).toMatchObject({ status: "passed", observed: 2 });
      expect(await run(bad, { kind: "row_count", min: 1, max: 2 })).toMatchObject({ status: "failed", observed: 3, message: "3 rows (allowed: 1…2)." });
      expect(await run(bad, { kind: "row_count", min: 5 })).toMatchObject({ status: "failed" });
    });

    it("freshness of a timestamp column and of the last load", async () => {
      const day = 86_400;
      expect(await run(good, { kind: "freshness", column: "created_at", maxAgeSeconds: day })).toMatchObject({ status: "passed" });
      const stale = await run(bad, { kind: "freshness", column: "created_at", maxAgeSeconds: day });
      expect(stale.status).toBe("failed");
      expect(stale.observed).toBeGreaterThanOrEqual(10 * day - 60);
      expect(await run(good, { kind: "freshness", maxAgeSeconds: 3600 }, { lastLoadedAt: new Date(Date.now() - 60_000) })).toMatchObject({ status: "passed" });
      expect(await run(good, { kind: "freshness", maxAgeSeconds: 3600 }, { lastLoadedAt: new Date(Date.now() - 7_200_000) })).toMatchObject({
        status: "failed",
      });
      expect(await run(good, { kind: "freshness", maxAgeSeconds: 3600 }, { lastLoadedAt: null })).toMatchObject({
        status: "failed",
        message: "The dataset has never been loaded successfully.",
      });
    });

    it("regex match (NULLs are not failures)", async () => {
      expect(await run(good, { kind: "regex", column: "email", pattern: "^[^@]+@[^@]+$" })).toMatchObject({ status: "passed" });
      expect(await run(bad, { kind: "regex", column: "email", pattern: "^[^@]+@[^@]+$" })).toMatchObject({
        status: "failed",
        failingRows: 1,
        sample: [{ email: "not-an-email" }],
      });
    });

    it("expression true for every row (NULL counts as not true)", async () => {
      expect(await run(good, { kind: "expression", expression: "country <> 'XX' AND email IS NOT NULL" })).toMatchObject({ status: "passed" });
      expect(await run(bad, { kind: "expression", expression: "country <> 'XX' AND email IS NOT NULL" })).toMatchObject({ status: "failed", failingRows: 2 });
    });

    it("custom SQL returning the failing rows, with {{ this }} and ref()", async () => {
      const sql = "select * from {{ this }} where country = 'XX' or id not in (select id from {{ ref('good_customers') }})";
      expect(await run(good, { kind: "custom_sql", sql })).toMatchObject({ status: "passed" });
      expect(await run(bad, { kind: "custom_sql", sql })).toMatchObject({ status: "failed", failingRows: 2 });
    });

    it("a check on a column that no longer exists is an error naming it, not a crash", async () => {
      const result = await run(good, { kind: "not_null", column: "gone" });
      expect(result.status).toBe("error");
      expect(result.message).toMatch(/^The check could not be evaluated: .*gone/is);
      const broken = await run(good, { kind: "expression", expression: "no_such_fn(id) > 0" });
      expect(broken).toMatchObject({ status: "error" });
    });
  });
}
