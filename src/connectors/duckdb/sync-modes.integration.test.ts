// The session's sync modes and ledger against a real DuckDB file: each mode run twice, dedup edge cases, state.
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadFolder } from "@/connectors/duckdb/batch-files";
import type { TColumn, TWritePlan } from "@/connectors/types";
import { type TTestWarehouse, NAME, UPDATED, buildBatch, buildPlan, createTestWarehouse, loadAttempt, ts } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const read = async (p: TWritePlan, columns: string[]) => sorted(await warehouse.readTable(p.namespace, p.table, columns));
const rerun = (p: TWritePlan, overrides: Partial<TWritePlan> = {}): TWritePlan => ({ ...p, runId: randomUUID(), ...overrides });

describe("full_refresh_overwrite", () => {
  it("replaces the table on every run and leaves no replacement table behind", async () => {
    const first = buildPlan({ table: "ow_twice", mode: "full_refresh_overwrite" });
    await loadAttempt(warehouse, first, [
      [
        [1, "a", ts(1)],
        [2, "b", ts(2)],
      ],
      [[3, "c", ts(3)]],
    ]);
    expect(await read(first, ["id", "_weir_run_id"])).toEqual([
      ["1", first.runId],
      ["2", first.runId],
      ["3", first.runId],
    ]);
    const second = rerun(first);
    await loadAttempt(warehouse, second, [[[4, "d", ts(4)]]]);
    expect(await read(second, ["id", "name", "_weir_run_id", "_weir_stream"])).toEqual([["4", "d", second.runId, "public.ow_twice"]]);
    expect(await warehouse.listTables("raw")).not.toContainEqual(expect.stringMatching(/^_weir_(new|stage)_/));
  });

  it("an empty source empties the table", async () => {
    const first = buildPlan({ table: "ow_empty", mode: "full_refresh_overwrite" });
    await loadAttempt(warehouse, first, [[[1, "a", ts(1)]]]);
    const entry = await loadAttempt(warehouse, rerun(first), []);
    expect(entry.rows).toBe(0);
    expect(await read(first, ["id"])).toEqual([]);
  });

  it("keeps the target's columns, types and order, a column the source dropped staying NULL", async () => {
    const score: TColumn = { name: "score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true };
    const first = buildPlan({
      table: "ow_keep",
      mode: "full_refresh_overwrite",
      columns: [...buildPlan({ table: "x", mode: "full_refresh_overwrite" }).columns, score],
    });
    await loadAttempt(warehouse, first, [[[1, "a", ts(1), "-1.50"]]]);
    const second = rerun(first, { columns: first.columns.filter((c) => c.name !== "score") });
    await loadAttempt(warehouse, second, [[[2, "b", ts(2)]]]);
    expect(await read(second, ["id", "score"])).toEqual([["2", null]]);
    const columns = await warehouse.query(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND table_name = 'ow_keep' ORDER BY column_index`,
    );
    expect(columns.map((c) => c.join(" "))).toEqual([
      "id BIGINT",
      "name VARCHAR",
      "updated_at TIMESTAMP WITH TIME ZONE",
      "score DECIMAL(12,2)",
      "_weir_run_id VARCHAR",
      "_weir_extracted_at TIMESTAMP WITH TIME ZONE",
      "_weir_stream VARCHAR",
    ]);
  });
});

describe("appends", () => {
  it.each(["full_refresh_append", "incremental_append"] as const)("%s keeps earlier runs' rows and stamps each run's", async (mode) => {
    const first = buildPlan({ table: `app_${mode}`, mode });
    const extractedAt = new Date("2024-06-01T12:00:00.123Z");
    const session = await warehouse.openSession();
    try {
      await session.prepareStream(first);
      await session.writeBatch(first, buildBatch(first, [[1, "a", ts(1)]], extractedAt));
      await session.commitStream(first, null);
    } finally {
      await session.close();
    }
    const second = rerun(first);
    await loadAttempt(warehouse, second, [
      [
        [1, "a again", ts(2)],
        [2, "b", ts(3)],
      ],
    ]);
    expect(await read(first, ["id", "name", "_weir_run_id"])).toEqual(
      sorted([
        ["1", "a", first.runId],
        ["1", "a again", second.runId],
        ["2", "b", second.runId],
      ]),
    );
    expect(await warehouse.readTable(first.namespace, first.table, ["_weir_extracted_at"]).then((r) => r[0])).toEqual(["2024-06-01 12:00:00.123+00"]);
  });
});

describe("incremental_dedup", () => {
  const cols: TColumn[] = [{ name: "k1", type: { kind: "integer" }, nullable: false }, { name: "k2", type: { kind: "text" }, nullable: true }, NAME, UPDATED];

  it("keeps the newest row per composite key, within a batch, across batches and across runs", async () => {
    const first = buildPlan({ table: "dd_basic", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
    await loadAttempt(warehouse, first, [
      [
        [1, "x", "old", ts(1)],
        [1, "x", "newer", ts(3)],
        [1, "x", "older", ts(2)],
        [2, "y", "keep", ts(1)],
      ],
      [
        [1, "y", "other key", ts(1)],
        [2, "y", "newest of 2", ts(4)],
      ],
    ]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual(
      sorted([
        ["1", "x", "newer"],
        ["1", "y", "other key"],
        ["2", "y", "newest of 2"],
      ]),
    );
    const second = rerun(first);
    await loadAttempt(warehouse, second, [
      [
        [1, "x", "run 2", ts(5)],
        [3, "z", "new", ts(5)],
      ],
    ]);
    expect(await read(first, ["k1", "k2", "name", "_weir_run_id"])).toEqual(
      sorted([
        ["1", "x", "run 2", second.runId],
        ["1", "y", "other key", first.runId],
        ["2", "y", "newest of 2", first.runId],
        ["3", "z", "new", second.runId],
      ]),
    );
  });

  it("keeps a target row whose cursor is newer than the staged one", async () => {
    const first = buildPlan({ table: "dd_late", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
    await loadAttempt(warehouse, first, [[[1, "x", "current", ts(9)]]]);
    await loadAttempt(warehouse, rerun(first), [
      [
        [1, "x", "late arrival", ts(5)],
        [2, "x", "new", ts(5)],
      ],
    ]);
    expect(await read(first, ["k1", "name"])).toEqual([
      ["1", "current"],
      ["2", "new"],
    ]);
  });

  it("without a cursor the latest arrival wins; a NULL key part matches itself", async () => {
    const first = buildPlan({ table: "dd_nocursor", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"], cursorField: undefined });
    await loadAttempt(warehouse, first, [
      [
        [1, null, "first", ts(9)],
        [1, null, "second", ts(1)],
      ],
      [[1, null, "third", ts(5)]],
    ]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual([["1", null, "third"]]);
    await loadAttempt(warehouse, rerun(first), [[[1, null, "next run", ts(0)]]]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual([["1", null, "next run"]]);
  });

  it("refuses a plan without a primary key before touching anything", async () => {
    const p = buildPlan({ table: "dd_nokey", mode: "incremental_dedup", primaryKey: [] });
    await expect(loadAttempt(warehouse, p, [[[1, "a", ts(1)]]])).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/no primary key/) });
  });
});

describe("ledger", () => {
  it("keeps the largest cursor exactly as the source wrote it, never moving back", async () => {
    const p = buildPlan({ table: "led_max", mode: "incremental_append" });
    const e1 = await loadAttempt(warehouse, p, [
      [
        [1, "a", "2024-05-01 10:00:09.5+00"],
        [2, "b", ts(3)],
      ],
      [[3, "c", null]],
    ]);
    expect(e1).toMatchObject({
      connectionId: p.connectionId,
      stream: p.stream,
      runId: p.runId,
      attempt: 1,
      rows: 3,
      state: { cursor: "2024-05-01 10:00:09.5+00" },
    });
    const e2 = await loadAttempt(warehouse, rerun(p), [[[4, "d", ts(4)]]]);
    expect(e2.state).toEqual({ cursor: "2024-05-01 10:00:09.5+00" });
    const next = rerun(p, { attempt: 2 });
    const e3 = await loadAttempt(warehouse, next, [[[5, "e", "2024-05-01 10:00:09.500001+00"]]]);
    expect(e3.state).toEqual({ cursor: "2024-05-01 10:00:09.500001+00" });
    const session = await warehouse.openSession();
    try {
      expect(await session.lastCommitted(p.connectionId, p.stream)).toEqual(e3);
      expect(await session.lastCommitted(p.connectionId, "public.nothing")).toBeNull();
      expect(await session.lastCommitted("another-connection", p.stream)).toBeNull();
    } finally {
      await session.close();
    }
    const ledger = await warehouse.query(`SELECT run_id, attempt, rows FROM "_weir"."ledger" WHERE stream = '${p.stream}' ORDER BY committed_at`);
    expect(ledger).toEqual([
      [p.runId, 1, "3"],
      [expect.any(String), 1, "1"],
      [next.runId, 2, "1"],
    ]);
  });

  it("compares cursors by value, not text: numbers and the state passed in", async () => {
    const cols: TColumn[] = [{ name: "seq", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: false }];
    const p = buildPlan({ table: "led_numeric", mode: "incremental_append", columns: cols, primaryKey: [], cursorField: "seq" });
    const session = await warehouse.openSession();
    try {
      await session.prepareStream(p);
      await session.writeBatch(p, buildBatch(p, [["9.50"], ["10.00"], ["-3"]]));
      expect((await session.commitStream(p, { cursor: "9.99" })).state).toEqual({ cursor: "10.00" });
      const q = rerun(p);
      await session.writeBatch(q, buildBatch(q, [["10.5"]]));
      expect((await session.commitStream(q, { cursor: "100" })).state).toEqual({ cursor: "100" });
      // A numeric without precision is stored as exact text, and still compares by value, beyond any DECIMAL's digits.
      const text = rerun(p, {
        table: "led_numeric_text",
        stream: "public.led_numeric_text",
        columns: [{ name: "seq", type: { kind: "numeric" }, nullable: false }],
      });
      await session.writeBatch(text, buildBatch(text, [["9.50"], ["10.000000000000000000000000000000000000001"], ["10.00"], ["-3e5"]]));
      expect((await session.commitStream(text, { cursor: "9.99" })).state).toEqual({ cursor: "10.000000000000000000000000000000000000001" });
    } finally {
      await session.close();
    }
  });

  it("an attempt with no rows records the previous state; a full refresh records its cursor too", async () => {
    const p = buildPlan({ table: "led_empty", mode: "incremental_append" });
    expect(await loadAttempt(warehouse, p, [])).toMatchObject({ rows: 0, state: null });
    const session = await warehouse.openSession();
    try {
      expect((await session.commitStream(rerun(p), { cursor: ts(7) })).state).toEqual({ cursor: ts(7) });
    } finally {
      await session.close();
    }
    const full = buildPlan({ table: "led_full", mode: "full_refresh_overwrite" });
    expect(
      (
        await loadAttempt(warehouse, full, [
          [
            [1, "a", ts(2)],
            [2, "b", ts(1)],
          ],
        ])
      ).state,
    ).toEqual({ cursor: ts(2) });
  });
});

describe("cursor boundary", () => {
  it("a stream committed before boundaries were kept: the rows the target holds at the saved cursor stand in, once", async () => {
    const p = buildPlan({ table: "bnd_legacy", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(1)],
      ],
    ]);
    await warehouse.query(`DELETE FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}'`); // as an earlier Weir left it
    const e2 = await loadAttempt(warehouse, rerun(p), [
      [
        [1, "a", ts(5)],
        [3, "c", ts(5)],
      ],
    ]);
    expect(e2.rows).toBe(1);
    const e3 = await loadAttempt(warehouse, rerun(p), [
      [
        [1, "a", ts(5)],
        [3, "c", ts(5)],
        [4, "d", ts(5)],
      ],
    ]);
    expect(e3.rows).toBe(1);
    expect(await read(p, ["id"])).toEqual([["1"], ["2"], ["3"], ["4"]]);
  });

  it("compares cursors at the boundary as values, so a source that spells the saved cursor differently loses and repeats nothing", async () => {
    const p = buildPlan({ table: "bnd_spelling", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [[[1, "a", "2024-05-01 10:00:05+00"]]]);
    const e2 = await loadAttempt(warehouse, rerun(p), [
      [
        [1, "a", "2024-05-01 10:00:05.000+00"],
        [2, "b", "2024-05-01 12:00:05+02"],
      ],
    ]);
    expect(e2).toMatchObject({ rows: 1, state: { cursor: "2024-05-01 10:00:05+00" } });
    expect(await read(p, ["id"])).toEqual([["1"], ["2"]]);
  });

  it("a stream committed before boundaries, whose columns changed since, counts every staged row at the saved cursor as held", async () => {
    const p = buildPlan({ table: "bnd_legacy_changed", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(1)],
      ],
    ]);
    await warehouse.query(`DELETE FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}'`);
    const wider = rerun(p, { columns: [...p.columns, { name: "extra", type: { kind: "integer" }, nullable: true }] });
    const e2 = await loadAttempt(warehouse, wider, [
      [
        [1, "a", ts(5), 7],
        [3, "c", ts(6), 8],
      ],
    ]);
    expect(e2.rows).toBe(1);
    expect(await read(p, ["id"])).toEqual([["1"], ["2"], ["3"]]);
  });

  it("a full refresh whose cursor did not move keeps the larger count of each identity", async () => {
    const p = buildPlan({ table: "bnd_full", mode: "full_refresh_append", primaryKey: [] });
    await loadAttempt(warehouse, p, [
      [
        [1, "a", ts(5)],
        [1, "a", ts(5)],
      ],
    ]);
    await loadAttempt(warehouse, rerun(p), [[[1, "a", ts(5)]]]);
    expect(await warehouse.query(`SELECT "count" FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}' AND kind = 'boundary'`)).toEqual([["2"]]);
    const e3 = await loadAttempt(warehouse, rerun(p, { mode: "incremental_append" }), [
      [
        [1, "a", ts(5)],
        [1, "a", ts(5)],
        [1, "a", ts(5)],
      ],
    ]);
    expect(e3.rows).toBe(1);
  });
});

describe("one session, several streams", () => {
  it("loads same-named tables of two namespaces and two streams in turn, as a run does", async () => {
    const a = buildPlan({ table: "shared_name", namespace: "ns_a", mode: "incremental_append" });
    const b = { ...a, namespace: "ns_b", stream: "public.other" };
    const session = await warehouse.openSession();
    try {
      for (const p of [a, b]) await session.prepareStream(p);
      await session.writeBatch(a, buildBatch(a, [[1, "a", ts(1)]]));
      await session.writeBatch(b, buildBatch(b, [[2, "b", ts(2)]]));
      await session.commitStream(b, null);
      await session.commitStream(a, null);
    } finally {
      await session.close();
    }
    expect(await read(a, ["id", "name"])).toEqual([["1", "a"]]);
    expect(await read(b, ["id", "name"])).toEqual([["2", "b"]]);
  });

  it("two sessions of one process (two runs on one worker) load different tables at the same time", async () => {
    const plans = [buildPlan({ table: "parallel_ow", mode: "full_refresh_overwrite" }), buildPlan({ table: "parallel_dd", mode: "incremental_dedup" })];
    const rows = Array.from({ length: 20_000 }, (_, i) => [i, `n${i}`, ts(i % 60)]);
    for (let round = 0; round < 2; round++) {
      await Promise.all(plans.map((p) => loadAttempt(warehouse, rerun(p), [rows.slice(0, 10_000), rows.slice(10_000)])));
    }
    for (const p of plans) expect(await warehouse.query(`SELECT count(*) FROM raw.${p.table}`)).toEqual([["20000"]]);
  });
});

describe("spooled batch files", () => {
  it("are removed by the commit, and by close when an attempt never commits", async () => {
    const folder = loadFolder(warehouse.file);
    const spooled = async () => (await readdir(folder)).filter((name) => name.startsWith(`${process.pid}-`));
    const plan = buildPlan({ table: "spool_cleanup", mode: "incremental_append" });
    const session = await warehouse.openSession();
    try {
      await session.prepareStream(plan);
      await session.writeBatch(plan, buildBatch(plan, [[1, "a", ts(1)]]));
      await session.writeBatch(plan, buildBatch(plan, [[2, "b", ts(2)]]));
      expect(await spooled()).toHaveLength(2);
      await session.commitStream(plan, null);
      expect(await spooled()).toEqual([]);
      const abandoned = rerun(plan);
      await session.prepareStream(abandoned);
      await session.writeBatch(abandoned, buildBatch(abandoned, [[3, "c", ts(3)]]));
      expect(await spooled()).toHaveLength(1);
    } finally {
      await session.close();
    }
    expect(await spooled()).toEqual([]);
    expect(await read(plan, ["id"])).toEqual([["1"], ["2"]]);
  });
});
