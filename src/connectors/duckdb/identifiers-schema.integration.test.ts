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
const weirdColumns: TColumn[] = WEIRD.map((name, i) => ({
  name,
  type: i === 0 ? { kind: "bigint" } : i === 1 ? { kind: "timestamptz" } : { kind: "text" },
  nullable: true,
}));

describe("identifiers", () => {
  it.each<TSyncMode>(["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_dedup"])(
    "%s round-trips schema, table and column names that need quoting",
    async (mode) => {
      const plan = buildPlan({
        namespace: `user "schema".${mode}`,
        table: `order "select" ünï.t'1`,
        stream: `public.identifiers_${mode}`, // a stream (and so a ledger state) per mode
        mode,
        columns: weirdColumns,
        primaryKey: ["order", "has space"],
        cursorField: "select",
      });
      const row = (id: number, second: number) =>
        WEIRD.map((n, i) => (i === 0 ? id : i === 1 ? ts(second) : n === "has space" ? `key ${id}` : `${n}-${second}`));
      await loadAttempt(warehouse, plan, [[row(1, 1), row(2, 2)]]);
      await loadAttempt(warehouse, { ...plan, runId: randomUUID() }, [[row(1, 3)]]);
      const rows = await warehouse.readTable(plan.namespace, plan.table, ["order", "it's"]);
      const expected = {
        full_refresh_overwrite: [["1", "it's-3"]],
        incremental_dedup: [
          ["1", "it's-3"],
          ["2", "it's-2"],
        ],
      }[mode as string] ?? [
        ["1", "it's-1"],
        ["1", "it's-3"],
        ["2", "it's-2"],
      ];
      expect(rows.sort()).toEqual(expected);
      expect(await warehouse.listTables(plan.namespace)).toEqual([plan.table]);
    },
  );

  it("refuses columns DuckDB would take for one (names differing only in case)", async () => {
    const plan = buildPlan({
      table: "case_clash",
      mode: "incremental_append",
      columns: [
        { name: "Id", type: { kind: "integer" }, nullable: true },
        { name: "id", type: { kind: "text" }, nullable: true },
      ],
      primaryKey: [],
      cursorField: undefined,
    });
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
    expect((await warehouse.readTable("raw", "evolving", ["id", "score", "Tags list"])).sort()).toEqual([
      ["1", null, null],
      ["2", "-12.50", '["x","y"]'],
    ]);
    const types = await warehouse.query(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'evolving' AND column_index > 6 ORDER BY column_index`,
    );
    expect(types).toEqual([
      ["score", "DECIMAL(12,2)"],
      ["Tags list", "VARCHAR[]"],
    ]);
    // A third run whose source dropped "score" again: the column stays, NULL in new rows.
    const third = { ...base, runId: randomUUID(), mode: "incremental_append" as const, columns: [...base.columns, extra[1]!] };
    await loadAttempt(warehouse, third, [[[3, "c", ts(3), []]]]);
    expect((await warehouse.readTable("raw", "evolving", ["id", "score", "Tags list"])).sort()).toEqual([
      ["1", null, null],
      ["2", "-12.50", '["x","y"]'],
      ["3", null, "[]"],
    ]);
  });

  it("widens an unconstrained numeric stored as DECIMAL(38,10) by an earlier Weir to exact text, old values kept", async () => {
    await warehouse.query(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.legacy_numeric (id BIGINT, amount DECIMAL(38,10), _weir_run_id VARCHAR, _weir_extracted_at TIMESTAMPTZ, _weir_stream VARCHAR);
      INSERT INTO raw.legacy_numeric VALUES (1, 1.5, 'old', now(), 'public.legacy_numeric')`);
    const cols: TColumn[] = [
      { name: "id", type: { kind: "bigint" }, nullable: false },
      { name: "amount", type: { kind: "numeric" }, nullable: true },
    ];
    const plan = buildPlan({ table: "legacy_numeric", mode: "incremental_append", columns: cols, cursorField: "id" });
    await loadAttempt(warehouse, plan, [
      [
        [2, "1e-300"],
        [3, "NaN"],
        [4, "0.123456789012345678901234567890123456789"],
      ],
    ]);
    expect((await warehouse.readTable("raw", "legacy_numeric", ["id", "amount"])).sort()).toEqual([
      ["1", "1.5000000000"],
      ["2", "1e-300"],
      ["3", "NaN"],
      ["4", "0.123456789012345678901234567890123456789"],
    ]);
    expect(await warehouse.query(`SELECT data_type FROM duckdb_columns() WHERE table_name = 'legacy_numeric' AND column_name = 'amount'`)).toEqual([
      ["VARCHAR"],
    ]);
  });

  it("refuses a type change that does not widen, naming what to do, and changes nothing", async () => {
    const plan = buildPlan({ table: "narrowing", mode: "incremental_append" });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
    const narrowed = { ...plan, runId: randomUUID(), columns: plan.columns.map((c) => (c.name === "name" ? { ...c, type: { kind: "integer" as const } } : c)) };
    await expect(loadAttempt(warehouse, narrowed, [[[2, 2, ts(2)]]])).rejects.toMatchObject({
      code: "SCHEMA_CHANGED",
      message: expect.stringMatching(
        /column "name" of "raw"."narrowing" \(stream public\.narrowing\) is stored as text \(DuckDB VARCHAR\), and the source now sends integer .* rebuild the table .* keep the column as it is and cast in models, or stop syncing the column/,
      ),
    });
    expect(await warehouse.readTable("raw", "narrowing", ["id", "name"])).toEqual([["1", "a"]]);
  });

  it("adds Weir's columns to a table that someone else created", async () => {
    await warehouse.query(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.handmade (id BIGINT, note VARCHAR)`);
    const plan = buildPlan({ table: "handmade", mode: "full_refresh_append" });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
    expect(await warehouse.readTable("raw", "handmade", ["id", "note", "name", "_weir_run_id"])).toEqual([["1", null, "a", plan.runId]]);
  });
});
