// Every sync mode, twice in a row, against a real PostgreSQL; plus the ledger and its cursor.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NAME, type TPgFixture, buildBatch, buildPlan, createPgFixture, loadOnce, ts } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const again = <T extends { runId: string }>(plan: T): T => ({ ...plan, runId: randomUUID() });

describe("sync modes, twice in a row", () => {
  it("full_refresh_overwrite: the second copy replaces the first", async () => {
    const first = buildPlan({ table: "ow", mode: "full_refresh_overwrite" });
    expect(
      (
        await loadOnce(fx, first, [
          [
            [1, "a", ts(1)],
            [2, "b", ts(2)],
          ],
        ])
      ).rows,
    ).toBe(2);
    const second = again(first);
    expect((await loadOnce(fx, second, [[[3, "c", ts(3)]], [[4, "d", ts(4)]]])).rows).toBe(2);
    expect(await fx.readTable("weir_test", "ow", ["id", "name", "_weir_run_id", "_weir_stream"])).toEqual([
      ["3", "c", second.runId, "public.ow"],
      ["4", "d", second.runId, "public.ow"],
    ]);
    expect((await fx.listTables("weir_test")).filter((t) => t.startsWith("_weir_"))).toEqual([]);
  });

  it("full_refresh_overwrite with no rows leaves an empty table (the source is empty)", async () => {
    const first = buildPlan({ table: "ow_empty", mode: "full_refresh_overwrite" });
    await loadOnce(fx, first, [[[1, "a", ts(1)]]]);
    expect((await loadOnce(fx, again(first), [])).rows).toBe(0);
    expect(await fx.readTable("weir_test", "ow_empty", ["id"])).toEqual([]);
  });

  it("full_refresh_append: each run adds a full copy", async () => {
    const first = buildPlan({ table: "fa", mode: "full_refresh_append" });
    await loadOnce(fx, first, [[[1, "a", ts(1)]]]);
    await loadOnce(fx, again(first), [[[1, "a", ts(1)]]]);
    expect(await fx.readTable("weir_test", "fa", ["id", "name"])).toEqual([
      ["1", "a"],
      ["1", "a"],
    ]);
  });

  it("incremental_append: each run adds its rows, the state advancing", async () => {
    const first = buildPlan({ table: "ia", mode: "incremental_append" });
    expect(
      (
        await loadOnce(fx, first, [
          [
            [1, "a", ts(1)],
            [2, "b", ts(2)],
          ],
        ])
      ).state,
    ).toEqual({ cursor: ts(2) });
    expect((await loadOnce(fx, again(first), [[[3, "c", ts(3)]]])).state).toEqual({ cursor: ts(3) });
    expect(await fx.readTable("weir_test", "ia", ["id"])).toEqual([["1"], ["2"], ["3"]]);
  });

  it("incremental_dedup: one row per key, the newest cursor winning within a load and across loads", async () => {
    const first = buildPlan({ table: "dd", mode: "incremental_dedup" });
    await loadOnce(fx, first, [
      [
        [1, "old", ts(1)],
        [2, "two", ts(1)],
      ],
      [
        [1, "newer", ts(3)],
        [1, "older again", ts(2)],
      ],
    ]);
    expect(await fx.readTable("weir_test", "dd", ["id", "name"])).toEqual([
      ["1", "newer"],
      ["2", "two"],
    ]);
    const second = again(first);
    // key 1 arrives newer; key 2 arrives with an OLDER cursor than the target holds and must not replace it; key 3 is new.
    const entry = await loadOnce(fx, second, [
      [
        [1, "newest", ts(5)],
        [2, "stale", ts(0)],
        [3, "three", ts(4)],
      ],
    ]);
    expect(await fx.readTable("weir_test", "dd", ["id", "name", "_weir_run_id"])).toEqual(
      [
        ["1", "newest", second.runId],
        ["2", "two", first.runId],
        ["3", "three", second.runId],
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(entry).toMatchObject({ rows: 2, state: { cursor: ts(5) } });
  });

  it("incremental_dedup: on equal cursors the later load wins, and NULL cursors count as oldest", async () => {
    const first = buildPlan({
      table: "dd_ties",
      mode: "incremental_dedup",
      columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }, NAME, { name: "updated_at", type: { kind: "timestamptz" }, nullable: true }],
    });
    await loadOnce(fx, first, [
      [
        [1, "a", ts(1)],
        [2, "b", null],
      ],
    ]);
    await loadOnce(fx, again(first), [
      [
        [1, "a again", ts(1)],
        [1, "null cursor", null],
        [2, "b again", null],
      ],
    ]);
    expect(await fx.readTable("weir_test", "dd_ties", ["id", "name"])).toEqual([
      ["1", "a again"],
      ["2", "b again"],
    ]);
  });

  it("incremental_dedup without a cursor: the row loaded last wins", async () => {
    const first = buildPlan({ table: "dd_nocursor", mode: "incremental_dedup", cursorField: undefined });
    await loadOnce(fx, first, [[[1, "first", ts(9)]], [[1, "second", ts(1)]]]);
    await loadOnce(fx, again(first), [[[1, "third", ts(0)]]]);
    expect(await fx.readTable("weir_test", "dd_nocursor", ["id", "name"])).toEqual([["1", "third"]]);
  });

  it("incremental_dedup merges on a composite key through the merge index", async () => {
    const cols: TColumn[] = [
      { name: "k1", type: { kind: "integer" }, nullable: false },
      { name: "k2", type: { kind: "uuid" }, nullable: false },
      NAME,
      { name: "v", type: { kind: "bigint" }, nullable: false },
    ];
    const u = "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10";
    const first = buildPlan({ table: "dd_comp", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"], cursorField: "v" });
    await loadOnce(fx, first, [
      [
        [1, u, "a", 1],
        [2, u, "b", 1],
      ],
    ]);
    await loadOnce(fx, again(first), [[[1, u, "a2", 2]]]);
    expect(await fx.readTable("weir_test", "dd_comp", ["k1", "name"])).toEqual([
      ["1", "a2"],
      ["2", "b"],
    ]);
    const indexes = await fx.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'weir_test' AND tablename = 'dd_comp'");
    expect(indexes.map((i) => i.indexdef)).toEqual([expect.stringMatching(/USING btree \(k1, k2\)/)]);
  });
});

describe("the cursor boundary", () => {
  it("a direct load's boundary (typed values hashed as wire text) matches the staged wire text of the same rows read again", async () => {
    const cols: TColumn[] = [
      { name: "id", type: { kind: "bigint" }, nullable: false },
      { name: "amount", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true },
      { name: "price", type: { kind: "float" }, nullable: true },
      { name: "day", type: { kind: "date" }, nullable: true },
      { name: "key", type: { kind: "uuid" }, nullable: true },
      { name: "doc", type: { kind: "json" }, nullable: true },
      { name: "spent", type: { kind: "interval" }, nullable: true },
      { name: "updated_at", type: { kind: "timestamptz" }, nullable: false },
    ];
    // Wire text as the PostgreSQL source writes it (canonical), at the same cursor.
    const rows = [
      [1, "12.50", 0.1, "0044-03-15 BC", "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10", '{"a": 1}', "P1DT2H", ts(5)],
      [2, null, -2.5e-7, "2024-02-29", null, null, null, ts(5)],
      [3, "1.00", 1e21, "infinity", null, "[]", "PT0S", ts(1)],
    ];
    const full = buildPlan({ table: "switch_types", mode: "full_refresh_overwrite", columns: cols });
    await loadOnce(fx, full, [rows]);
    const entry = await loadOnce(fx, { ...again(full), mode: "incremental_append" }, [rows.slice(0, 2)]);
    expect(entry).toMatchObject({ rows: 0, state: { cursor: ts(5) } });
    expect(await fx.readTable("weir_test", "switch_types", ["id"])).toEqual([["1"], ["2"], ["3"]]);
  });

  it("incremental_dedup drops an unchanged row at the boundary and replaces one updated without moving its cursor", async () => {
    const first = buildPlan({ table: "dd_boundary", mode: "incremental_dedup" });
    await loadOnce(fx, first, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(5)],
      ],
    ]);
    const entry = await loadOnce(fx, again(first), [
      [
        [1, "a", ts(5)],
        [2, "b2", ts(5)],
      ],
    ]);
    expect(entry.rows).toBe(1);
    expect(await fx.readTable("weir_test", "dd_boundary", ["id", "name", "_weir_run_id"])).toEqual([
      ["1", "a", first.runId],
      ["2", "b2", expect.any(String)],
    ]);
    const boundary = await fx.query<{ copies: number }>("SELECT copies FROM _weir.boundary WHERE stream = 'public.dd_boundary'");
    expect(boundary.map((b) => b.copies)).toEqual([1, 1, 1]); // a, b and b2 at the cursor: each read again is dropped
  });

  it("a stream committed before boundaries existed (a saved cursor, no boundary) reads as strictly after it once: nothing loaded twice", async () => {
    const first = buildPlan({ table: "ia_legacy", mode: "incremental_append" });
    await loadOnce(fx, first, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(3)],
      ],
    ]);
    // As an upgraded ledger is: no identities, no head.
    await fx.query("DELETE FROM _weir.boundary WHERE stream = 'public.ia_legacy'");
    await fx.query("DELETE FROM _weir.boundary_streams WHERE stream = 'public.ia_legacy'");
    const entry = await loadOnce(fx, again(first), [
      [
        [1, "a", ts(5)],
        [3, "c", ts(6)],
      ],
    ]);
    expect(entry.rows).toBe(1);
    expect((await fx.readTable("weir_test", "ia_legacy", ["id"])).map((r) => r[0]).sort()).toEqual(["1", "2", "3"]);
    // From then on the boundary is recorded: a row inserted later at the new cursor arrives.
    const next = await loadOnce(fx, again(first), [
      [
        [3, "c", ts(6)],
        [4, "d", ts(6)],
      ],
    ]);
    expect(next.rows).toBe(1);
  });
});

describe("ledger", () => {
  it("lastCommitted is null on a database Weir has never written to", async () => {
    const empty = await createPgFixture();
    try {
      const session = await empty.open();
      try {
        expect(await session.lastCommitted("conn", "public.t")).toBeNull();
      } finally {
        await session.close();
      }
      expect(await empty.query("SELECT 1 FROM pg_namespace WHERE nspname = '_weir'")).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it("keeps one row per commit; lastCommitted returns the newest, per connection and stream", async () => {
    const plan = buildPlan({ table: "led", mode: "incremental_append", connectionId: "conn-ledger" });
    const session = await fx.open();
    try {
      expect(await session.lastCommitted("conn-ledger", plan.stream)).toBeNull();
    } finally {
      await session.close();
    }
    const e1 = await loadOnce(fx, plan, [[[1, "a", ts(7)]]]);
    const second = { ...again(plan), attempt: 3 };
    const e2 = await loadOnce(fx, second, [[[2, "b", ts(3)]]]);
    expect(e2).toMatchObject({ connectionId: "conn-ledger", stream: plan.stream, runId: second.runId, attempt: 3, rows: 1, state: { cursor: ts(7) } });
    expect(e2.committedAt.getTime()).toBeGreaterThanOrEqual(e1.committedAt.getTime());
    const check = await fx.open();
    try {
      expect(await check.lastCommitted("conn-ledger", plan.stream)).toEqual(e2);
      expect(await check.lastCommitted("another-connection", plan.stream)).toBeNull();
    } finally {
      await check.close();
    }
    const rows = await fx.query("SELECT run_id, attempt, state_cursor, rows FROM _weir.ledger WHERE connection_id = 'conn-ledger' ORDER BY id");
    expect(rows).toEqual([
      { run_id: plan.runId, attempt: 1, state_cursor: ts(7), rows: "1" },
      { run_id: second.runId, attempt: 3, state_cursor: ts(7), rows: "1" },
    ]);
  });

  it("formats the cursor as the wire text a PostgreSQL source writes, whatever the previous cursor's spelling", async () => {
    const plan = buildPlan({ table: "led_fmt", mode: "incremental_append" });
    const session = await fx.open();
    try {
      await session.prepareStream(plan);
      const entry = await session.commitStream(plan, { cursor: "2024-05-01T12:00:00.500Z" });
      expect(entry.state).toEqual({ cursor: "2024-05-01 12:00:00.5+00" });
    } finally {
      await session.close();
    }
    const micro = buildPlan({ table: "led_fmt", mode: "incremental_append" });
    expect((await loadOnce(fx, micro, [[[1, "a", "2030-01-02 03:04:05.123456+00"]]])).state).toEqual({ cursor: "2030-01-02 03:04:05.123456+00" });
  });

  it("compares cursors as their type and writes them as the wire does: integers, dates, uuids, numerics, floats, text", async () => {
    const cases: [TColumn["type"], unknown[], string | null, string][] = [
      [{ kind: "integer" }, [9, 10, 2], "8", "10"],
      [{ kind: "date" }, ["1969-07-20", "2024-02-29"], null, "2024-02-29"],
      [{ kind: "uuid" }, ["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10", "ffffffff-0000-0000-0000-000000000000"], null, "ffffffff-0000-0000-0000-000000000000"],
      [{ kind: "numeric", precision: 12, scale: 2 }, ["-1.50", "9.99"], "100.00", "100.00"],
      [{ kind: "float" }, [1e-7, -1, 5e-8], null, "1e-7"],
      [{ kind: "text" }, ["apple", "pear"], "banana", "pear"],
    ];
    for (const [type, values, previous, expected] of cases) {
      const cols: TColumn[] = [
        { name: "id", type: { kind: "bigint" }, nullable: false },
        { name: "c", type, nullable: true },
      ];
      const plan = buildPlan({ table: `cur_${type.kind}`, mode: "incremental_append", columns: cols, cursorField: "c" });
      const session = await fx.open();
      try {
        await session.prepareStream(plan);
        await session.writeBatch(
          plan,
          buildBatch(
            plan,
            values.map((v, i) => [i, v]),
          ),
        );
        expect((await session.commitStream(plan, previous === null ? null : { cursor: previous })).state, type.kind).toEqual({ cursor: expected });
      } finally {
        await session.close();
      }
    }
  });

  it("without a cursor field the previous state carries over unchanged", async () => {
    const plan = buildPlan({ table: "led_nocursor", mode: "full_refresh_append", cursorField: undefined });
    const session = await fx.open();
    try {
      await session.prepareStream(plan);
      expect((await session.commitStream(plan, { cursor: "42" })).state).toEqual({ cursor: "42" });
      const next = again(plan);
      await session.prepareStream(next);
      expect((await session.commitStream(next, null)).state).toBeNull();
    } finally {
      await session.close();
    }
  });
});
