// The cursor boundary at its edges, against a real DuckDB file: the columns recorded with it (added, dropped), NULL cursors, dedup rows that lost to a later one at the boundary, numeric cursors stored as text, and boundaries from before their columns were recorded.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TColumn, TWritePlan } from "@/connectors/types";
import { type TTestWarehouse, ID, NAME, UPDATED, buildPlan, createTestWarehouse, loadAttempt, ts } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const read = async (p: TWritePlan, columns: string[]) => sorted(await warehouse.readTable(p.namespace, p.table, columns));
const rerun = (p: TWritePlan, overrides: Partial<TWritePlan> = {}): TWritePlan => ({ ...p, runId: randomUUID(), ...overrides });
const CHANNEL: TColumn = { name: "channel", type: { kind: "text" }, nullable: true };
const NULLABLE_AT: TColumn = { ...UPDATED, nullable: true };

/** The stream's boundary as the ledger holds it: [cursor, count] per identity, and the names of the columns recorded with it. */
async function boundary(p: TWritePlan) {
  const keys = await warehouse.query(
    `SELECT kind, "cursor", "key", "count" FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}' AND kind LIKE 'boundary%' ORDER BY ALL`,
  );
  const columns = keys.filter((k) => k[0] === "boundary-columns").map((k) => (JSON.parse(String(k[2])) as { name: string }[]).map((c) => c.name));
  return { counts: keys.filter((k) => k[0] === "boundary").map((k) => [k[1], k[3]]), columns };
}

describe("the columns recorded with the boundary", () => {
  it("an added column: rows at the saved cursor are recognised while the cursor stays, over the recorded columns, then over the new ones", async () => {
    const p = buildPlan({ table: "bc_added", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(5)],
      ],
    ]);
    const wider = rerun(p, { columns: [ID, NAME, UPDATED, CHANNEL] });
    expect(
      (
        await loadAttempt(warehouse, wider, [
          [
            [1, "a", ts(5), null],
            [2, "b", ts(5), "web"],
            [3, "c", ts(5), "web"],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(await boundary(p)).toEqual({
      counts: [
        [ts(5), "1"],
        [ts(5), "1"],
        [ts(5), "1"],
      ],
      columns: [["id", "name", "updated_at"]],
    });
    expect(
      (
        await loadAttempt(warehouse, rerun(wider), [
          [
            [1, "a", ts(5), null],
            [2, "b", ts(5), "web"],
            [3, "c", ts(5), "web"],
          ],
        ])
      ).rows,
    ).toBe(0);
    expect(
      (
        await loadAttempt(warehouse, rerun(wider), [
          [
            [3, "c", ts(5), "web"],
            [4, "d", ts(6), "app"],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(await boundary(p)).toEqual({ counts: [[ts(6), "1"]], columns: [["id", "name", "updated_at", "channel"]] });
    expect((await loadAttempt(warehouse, rerun(wider), [[[4, "d", ts(6), "app"]]])).rows).toBe(0);
    expect(await read(p, ["id", "channel"])).toEqual([
      ["1", null],
      ["2", null],
      ["3", "web"],
      ["4", "app"],
    ]);
  });

  it("a dropped column: every staged row at the saved cursor counts as held, then the boundary is theirs, over the columns left", async () => {
    const p = buildPlan({ table: "bc_dropped", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [[[1, "a", ts(5)]]]);
    const narrower = rerun(p, { columns: [ID, UPDATED] });
    // Row 4 arrived at ts(5) after the last read: the strict rule cannot tell it from row 1.
    expect(
      (
        await loadAttempt(warehouse, narrower, [
          [
            [1, ts(5)],
            [4, ts(5)],
          ],
        ])
      ).rows,
    ).toBe(0);
    expect(await boundary(p)).toEqual({
      counts: [
        [ts(5), "1"],
        [ts(5), "1"],
      ],
      columns: [["id", "updated_at"]],
    });
    expect(
      (
        await loadAttempt(warehouse, rerun(narrower), [
          [
            [1, ts(5)],
            [4, ts(5)],
            [5, ts(5)],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(await read(p, ["id"])).toEqual([["1"], ["5"]]);
  });

  it("a boundary recorded before its columns were is taken as over the plan's columns while the table stores exactly those", async () => {
    const p = buildPlan({ table: "bc_first_round", mode: "incremental_append" });
    await loadAttempt(warehouse, p, [[[1, "a", ts(5)]]]);
    await warehouse.query(`DELETE FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}' AND kind = 'boundary-columns'`); // as the first boundaries were kept
    expect(
      (
        await loadAttempt(warehouse, rerun(p), [
          [
            [1, "a", ts(5)],
            [2, "b", ts(5)],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect((await boundary(p)).columns).toEqual([["id", "name", "updated_at"]]);
  });
});

describe("NULL cursors", () => {
  it("incremental_dedup: while every cursor is NULL, unchanged rows are not merged again and a changed one is", async () => {
    const p = buildPlan({ table: "nc_dedup", mode: "incremental_dedup", columns: [ID, NAME, NULLABLE_AT] });
    expect(
      await loadAttempt(warehouse, p, [
        [
          [1, "a", null],
          [2, "b", null],
        ],
      ]),
    ).toMatchObject({ rows: 2, state: null });
    expect(
      (
        await loadAttempt(warehouse, rerun(p), [
          [
            [1, "a", null],
            [2, "b", null],
          ],
        ])
      ).rows,
    ).toBe(0);
    expect(
      (
        await loadAttempt(warehouse, rerun(p), [
          [
            [1, "a2", null],
            [2, "b", null],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(await read(p, ["id", "name"])).toEqual([
      ["1", "a2"],
      ["2", "b"],
    ]);
    expect((await boundary(p)).counts).toEqual([
      [null, "1"],
      [null, "1"],
      [null, "1"],
    ]);
  });

  it("a reset forgets the NULL boundary: the next read loads every row again", async () => {
    const p = buildPlan({ table: "nc_reset", mode: "incremental_append", columns: [ID, NAME, NULLABLE_AT] });
    await loadAttempt(warehouse, p, [[[1, "a", null]]]);
    const session = await warehouse.openSession();
    try {
      await session.resetStream(
        { connectionId: p.connectionId, stream: p.stream, namespace: p.namespace, table: p.table },
        { dropTable: true, resetId: `reset:${randomUUID()}` },
      );
    } finally {
      await session.close();
    }
    expect((await loadAttempt(warehouse, rerun(p), [[[1, "a", null]]])).rows).toBe(1);
    expect(await read(p, ["id"])).toEqual([["1"]]);
  });

  it("a numeric cursor stored as text advances past rows whose cursor is NULL", async () => {
    const version: TColumn = { name: "version", type: { kind: "numeric" }, nullable: true };
    const p = buildPlan({ table: "nc_numeric", mode: "incremental_append", columns: [ID, version], cursorField: "version" });
    expect(
      (
        await loadAttempt(warehouse, p, [
          [
            [1, null],
            [2, "9"],
            [3, "10"],
            [4, null],
          ],
        ])
      ).state,
    ).toEqual({ cursor: "10" });
  });
});

describe("incremental_dedup at the boundary", () => {
  it("rows that lost to a row read after them (same key and cursor) do not replace it when read again", async () => {
    const p = buildPlan({ table: "dd_losers", mode: "incremental_dedup" });
    await loadAttempt(warehouse, p, [
      [
        [2, "first", ts(5)],
        [2, "second", ts(5)],
        [2, "third", ts(5)],
      ],
    ]);
    expect(
      await loadAttempt(warehouse, rerun(p), [
        [
          [2, "first", ts(5)],
          [2, "second", ts(5)],
          [2, "third", ts(5)],
        ],
      ]),
    ).toMatchObject({ rows: 0 });
    expect(await read(p, ["id", "name"])).toEqual([["2", "third"]]);
    expect(await boundary(p)).toEqual({
      counts: [
        [ts(5), "1"],
        [ts(5), "1"],
        [ts(5), "1"],
      ],
      columns: [["id", "name", "updated_at"]],
    });
  });

  it("a numeric cursor stored as text merges by value: version 10 replaces version 9, and 9.5 does not replace 10", async () => {
    const version: TColumn = { name: "version", type: { kind: "numeric" }, nullable: false };
    const p = buildPlan({ table: "dd_numeric", mode: "incremental_dedup", columns: [ID, NAME, version], cursorField: "version" });
    await loadAttempt(warehouse, p, [[[1, "draft", "9"]]]);
    expect(await loadAttempt(warehouse, rerun(p), [[[1, "paid", "10"]]])).toMatchObject({ rows: 1, state: { cursor: "10" } });
    // Within one load too: the largest version wins, whatever order or spelling.
    await loadAttempt(warehouse, rerun(p), [
      [
        [1, "newest", "1.1e1"],
        [1, "older", "10.5"],
        [1, "stale", "9.5"],
      ],
    ]);
    expect(await read(p, ["id", "name", "version"])).toEqual([["1", "newest", "1.1e1"]]);
  });
});
