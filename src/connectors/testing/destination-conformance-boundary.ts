/**
 * The destination conformance suite at the edges, the cursor boundary: no
 * row lost or loaded twice when rows share the saved cursor value, in every
 * incremental mode, across full refreshes, numeric and NULL cursors, added
 * and retyped columns, and dedup ties.
 */
import { expect, it } from "vitest";
import type { TColumn } from "@/connectors/types";
import {
  ID,
  NAME,
  T,
  T_EARLIER,
  T_LATER,
  UPDATED,
  edgeLoads,
  edgePlan,
  next,
  sortRows,
  type TEdgeTarget,
} from "@/connectors/testing/destination-conformance-edge-kit";

/** The boundary tests, inside the caller's describe. */
export function describeBoundaryEdges(getTarget: () => TEdgeTarget): void {
  const { load, read } = edgeLoads(getTarget);

  for (const mode of ["incremental_append", "incremental_dedup"] as const) {
    it(`${mode}: rows that share the saved cursor arrive once each, none lost, none loaded twice`, async () => {
      const first = edgePlan({ table: `boundary_${mode}`, mode });
      const e1 = await load(first, [
        [
          [1, "a", T],
          [2, "b", T_EARLIER],
        ],
      ]);
      expect(e1.state).toEqual({ cursor: T });
      // The next read is >= T: row 1 comes again, row 3 was inserted at T after the first read.
      const second = next(first);
      const e2 = await load(second, [
        [
          [1, "a", T],
          [3, "c", T],
        ],
      ]);
      expect(e2.rows, "only the new row at the boundary is committed").toBe(1);
      expect(e2.state).toEqual({ cursor: T });
      expect(await read(first, ["id", "name"])).toEqual([
        ["1", "a"],
        ["2", "b"],
        ["3", "c"],
      ]);
      // Row 1 updated without moving its cursor, rows 1 and 3 read again unchanged, row 4 later.
      const third = next(first);
      const e3 = await load(third, [
        [
          [1, "a", T],
          [3, "c", T],
          [1, "a2", T],
          [4, "d", T_LATER],
        ],
      ]);
      expect(e3.state).toEqual({ cursor: T_LATER });
      if (mode === "incremental_append") {
        expect(e3.rows).toBe(2);
        expect(await read(first, ["id", "name"])).toEqual([
          ["1", "a"],
          ["1", "a2"],
          ["2", "b"],
          ["3", "c"],
          ["4", "d"],
        ]);
      } else {
        expect(await read(first, ["id", "name"])).toEqual([
          ["1", "a2"],
          ["2", "b"],
          ["3", "c"],
          ["4", "d"],
        ]);
      }
      // The boundary moved to T_LATER: row 4 read again is not loaded again; a row at the old T is (it is new).
      const fourth = next(first);
      const e4 = await load(fourth, [[[4, "d", T_LATER]]]);
      expect(e4.rows).toBe(0);
      expect(e4.state).toEqual({ cursor: T_LATER });
      const rows = await read(first, ["id"]);
      expect(rows.filter((r) => r[0] === "4")).toHaveLength(1);
    });
  }

  it("incremental_append without a primary key counts identical rows at the boundary", async () => {
    const cols = [NAME, UPDATED];
    const first = edgePlan({ table: "boundary_nokey", mode: "incremental_append", columns: cols, primaryKey: [] });
    await load(first, [
      [
        ["x", T],
        ["x", T],
        [null, T],
      ],
    ]);
    // Read again (>= T): the two x and the NULL row come back, plus a third x and a second NULL row inserted since.
    const e2 = await load(next(first), [
      [
        ["x", T],
        ["x", T],
        ["x", T],
        [null, T],
        [null, T],
        ["", T],
      ],
    ]);
    expect(e2.rows).toBe(3);
    expect(await read(first, ["name"])).toEqual(sortRows([["x"], ["x"], ["x"], [null], [null], [""]]));
  });

  it("full_refresh_overwrite replaces the boundary with its own rows: the old table's rows are gone", async () => {
    const cols = [NAME, UPDATED];
    const full = edgePlan({ table: "boundary_overwrite", mode: "full_refresh_overwrite", columns: cols, primaryKey: [] });
    await load(full, [
      [
        ["x", T],
        ["x", T],
      ],
    ]);
    await load(next(full), [[["x", T]]]); // one x was deleted at the source
    // The source has two x again (one new); an incremental read >= T returns both.
    const e = await load(next(full, { mode: "incremental_append" }), [
      [
        ["x", T],
        ["x", T],
      ],
    ]);
    expect(e.rows).toBe(1);
    expect(await read(full, ["name"])).toEqual([["x"], ["x"]]);
  });

  it("a full refresh records the boundary, so a switch to incremental does not load its last rows twice", async () => {
    const full = edgePlan({ table: "boundary_switch", mode: "full_refresh_overwrite" });
    await load(full, [
      [
        [1, "a", T],
        [2, "b", T_EARLIER],
      ],
    ]);
    const e2 = await load(next(full, { mode: "incremental_append" }), [
      [
        [1, "a", T],
        [3, "c", T],
      ],
    ]);
    expect(e2.rows).toBe(1);
    expect(await read(full, ["id"])).toEqual([["1"], ["2"], ["3"]]);
  });

  it("a numeric cursor without a declared precision orders by value, not by its text (9 < 10 < 10.5)", async () => {
    const version: TColumn = { name: "version", type: { kind: "numeric" }, nullable: false };
    const first = edgePlan({ table: "numeric_cursor", mode: "incremental_dedup", columns: [ID, NAME, version], cursorField: "version" });
    expect(
      (
        await load(first, [
          [
            [1, "draft", "9"],
            [2, "draft", "8"],
          ],
        ])
      ).state,
    ).toEqual({ cursor: "9" });
    const second = await load(next(first), [[[1, "paid", "10"]]]);
    expect(second.state).toEqual({ cursor: "10" });
    expect(await read(first, ["id", "name"])).toEqual([
      ["1", "paid"],
      ["2", "draft"],
    ]);
    const third = await load(next(first), [
      [
        [2, "late", "9.99999"],
        [1, "paid", "10"],
      ],
    ]);
    expect(third.state, "an older cursor never moves the state back").toEqual({ cursor: "10" });
    expect(await read(first, ["id", "name"])).toEqual([
      ["1", "paid"],
      ["2", "late"],
    ]);
    const fourth = await load(next(first), [
      [
        [1, "old", "9.5"],
        [2, "newest", "100"],
      ],
    ]);
    expect(fourth.state).toEqual({ cursor: "100" });
    expect(await read(first, ["id", "name"]), "a row with an older cursor does not replace a newer one").toEqual([
      ["1", "paid"],
      ["2", "newest"],
    ]);
  });

  it("an added column keeps the boundary: rows at the saved cursor read again with it are not loaded twice", async () => {
    const first = edgePlan({ table: "boundary_added", mode: "incremental_append" });
    await load(first, [
      [
        [1, "a", T],
        [2, "b", T],
      ],
    ]);
    const wider = next(first, { columns: [ID, NAME, UPDATED, { name: "channel", type: { kind: "text" }, nullable: true }] });
    const e = await load(wider, [
      [
        [1, "a", T, null],
        [2, "b", T, "web"],
        [3, "c", T, "web"],
      ],
    ]);
    expect(e.rows).toBe(1);
    expect(await read(first, ["id"])).toEqual([["1"], ["2"], ["3"]]);
  });

  it("a retyped column cannot be compared: every row at the saved cursor counts as held, none is loaded twice", async () => {
    const col = (type: TColumn["type"]): TColumn[] => [ID, { name: "n", type, nullable: true }, UPDATED];
    const first = edgePlan({ table: "boundary_retyped", mode: "incremental_append", columns: col({ kind: "integer" }) });
    await load(first, [[[1, 10, T]]]);
    const e = await load(next(first, { columns: col({ kind: "bigint" }) }), [[[1, 10, T]]]);
    expect(e.rows).toBe(0);
    expect(await read(first, ["id"])).toEqual([["1"]]);
  });

  it("while every cursor is NULL, the NULL cursor is the boundary: each full read loads only what is new", async () => {
    const at: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: true };
    const first = edgePlan({ table: "boundary_null", mode: "incremental_append", columns: [ID, NAME, at] });
    const e1 = await load(first, [
      [
        [1, "a", null],
        [2, "b", null],
      ],
    ]);
    expect(e1.state).toBeNull();
    const e2 = await load(next(first), [
      [
        [1, "a", null],
        [2, "b", null],
        [3, "c", null],
      ],
    ]);
    expect(e2.rows).toBe(1);
    const e3 = await load(next(first), [
      [
        [1, "a", null],
        [2, "b", null],
        [3, "c", null],
        [4, "d", T],
      ],
    ]);
    expect(e3.rows).toBe(1);
    expect(e3.state).toEqual({ cursor: T });
    const e4 = await load(next(first), [[[4, "d", T]]]);
    expect(e4.rows).toBe(0);
    expect(await read(first, ["id"])).toEqual([["1"], ["2"], ["3"], ["4"]]);
  });

  it("incremental_dedup: a NULL key part matches another NULL, and among equal keys and cursors the row read last wins", async () => {
    const cols: TColumn[] = [{ name: "k1", type: { kind: "integer" }, nullable: false }, { name: "k2", type: { kind: "text" }, nullable: true }, NAME, UPDATED];
    const first = edgePlan({ table: "dedup_nullkey", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
    await load(first, [
      [
        [1, null, "x", T_EARLIER],
        [1, null, "y", T_EARLIER],
        [2, "b", "first", T],
        [2, "b", "second", T],
        [2, "b", "third", T],
      ],
    ]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual([
      ["1", null, "y"],
      ["2", "b", "third"],
    ]);
    await load(next(first), [[[1, null, "z", T_LATER]]]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual([
      ["1", null, "z"],
      ["2", "b", "third"],
    ]);
    // Read again at the boundary (T_LATER, then T): nothing changes, and the tie's losers do not come back.
    await load(next(first), [[[1, null, "z", T_LATER]]]);
    expect(await read(first, ["k1", "k2", "name"])).toEqual([
      ["1", null, "z"],
      ["2", "b", "third"],
    ]);
    const tie = edgePlan({ table: "dedup_tie_boundary", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
    await load(tie, [
      [
        [2, "b", "first", T],
        [2, "b", "second", T],
        [2, "b", "third", T],
      ],
    ]);
    const again = await load(next(tie), [
      [
        [2, "b", "first", T],
        [2, "b", "second", T],
        [2, "b", "third", T],
      ],
    ]);
    expect(again.rows).toBe(0);
    expect(await read(tie, ["name"])).toEqual([["third"]]);
  });
}
