// Quoted identifiers in every mode and schema propagation between runs, against a real DuckDB file.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TColumn, TSyncMode } from "@/connectors/types";
import { type TTestWarehouse, buildPlan, createTestWarehouse, loadAttempt, ts } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const WEIRD = ["order", "select", "user", "has space", "dot.ted", 'quo"te', "ünï", "it's", "group"];
const weirdColumns: TColumn[] = WEIRD.map((name, i) => ({ name, type: i === 0 ? { kind: "bigint" } : i === 1 ? { kind: "timestamptz" } : { kind: "text" }, nullable: true }));

describe("identifiers", () => {
  it.each<TSyncMode>(["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_dedup"])(
    "%s round-trips schema, table and column names that need quoting",
    async (mode) => {
      const plan = buildPlan({
        namespace: `user "schema".${mode}`,
        table: `order "select" ünï.t'1`,
        mode,
        columns: weirdColumns,
        primaryKey: ["order", "has space"],
        cursorField: "select",
      });
      const row = (id: number, second: number) => WEIRD.map((n, i) => (i === 0 ? id : i === 1 ? ts(second) : n === "has space" ? `key ${id}` : `${n}-${second}`));
      await loadAttempt(warehouse, plan, [[row(1, 1), row(2, 2)]]);
      await loadAttempt(warehouse, { ...plan, runId: randomUUID() }, [[row(1, 3)]]);
      const rows = await warehouse.readTable(plan.namespace, plan.table, ["order", "it's"]);
      const expected = { full_refresh_overwrite: [["1", "it's-3"]], incremental_dedup: [["1", "it's-3"], ["2", "it's-2"]] }[mode as string] ?? [
        ["1", "it's-1"],
        ["1", "it's-3"],
        ["2", "it's-2"],
      ];
      expect(rows.sort()).toEqual(expected);
      expect(await warehouse.listTables(plan.namespace)).toEqual([plan.table]);
    },
  );

  it("refuses columns DuckDB would take for one (names differing only in case)", async () => {
    const plan = buildPlan({ table: "case_clash", mode: "incremental_append", columns: [{ name: "Id", type: { kind: "integer" }, nullable: true }, { name: "id", type: { kind: "text" }, nullable: true }], primaryKey: [], cursorField: undefined });
    await expect(loadAttempt(warehouse, plan, [])).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/"Id" and "id"/) });
  });
});

describe("schema propagation", () => {
  const base = buildPlan({ table: "evolving", mode: "incremental_dedup" });

  it("adds new columns between runs, older rows reading NULL, in every later mode", async () => {
    await loadAttempt(warehouse, base, [[[1, "a", ts(1)]]]);
    const extra: TColumn[] = [
      { name: "score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true },
      { name: "Tags list", type: { kind: "array", items: { kind: "text" } }, nullable: true },
    ];
    const second = { ...base, runId: randomUUID(), columns: [...base.columns, ...extra] };
    await loadAttempt(warehouse, second, [[[2, "b", ts(2), "-12.50", ["x", "y"]]]]);
    expect((await warehouse.readTable("raw", "evolving", ["id", "score", "Tags list"])).sort()).toEqual([["1", null, null], ["2", "-12.50", '["x","y"]']]);
    const types = await warehouse.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'evolving' AND column_index > 6 ORDER BY column_index`);
    expect(types).toEqual([["score", "DECIMAL(12,2)"], ["Tags list", "VARCHAR[]"]]);
    // A third run whose source dropped "score" again: the column stays, NULL in new rows.
    const third = { ...base, runId: randomUUID(), mode: "incremental_append" as const, columns: [...base.columns, extra[1]!] };
    await loadAttempt(warehouse, third, [[[3, "c", ts(3), []]]]);
    expect((await warehouse.readTable("raw", "evolving", ["id", "score", "Tags list"])).sort()).toEqual([["1", null, null], ["2", "-12.50", '["x","y"]'], ["3", null, "[]"]]);
  });

  it("adds Weir's columns to a table that someone else created", async () => {
    await warehouse.query(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.handmade (id BIGINT, note VARCHAR)`);
    const plan = buildPlan({ table: "handmade", mode: "full_refresh_append" });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
    expect(await warehouse.readTable("raw", "handmade", ["id", "note", "name", "_weir_run_id"])).toEqual([["1", null, "a", plan.runId]]);
  });
});
