// The boundary's recorded columns and the NULL cursor against a real PostgreSQL: rows at the saved cursor read again after a
// schema change (added column, widened numeric, real → double, char(3) → char(5), rename, ignored column, a kept type) are not
// appended again, nor rows whose cursor is NULL on every run; rows that are new at the boundary still arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, buildPlan, createPgFixture, loadOnce } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn, TWritePlan } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const T = "2024-05-01 10:00:00+00";
const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false, sourceType: "bigint" };
const AT: TColumn = { name: "at", type: { kind: "timestamptz" }, nullable: true, sourceType: "timestamp with time zone" };
const again = (p: TWritePlan, columns: TColumn[] = p.columns): TWritePlan => ({ ...p, runId: crypto.randomUUID(), columns });
const ids = async (p: TWritePlan) => (await fx.readTable("weir_test", p.table, ["id"])).map((r) => r[0]);

type TCase = { name: string; before: TColumn; after: TColumn[]; first: unknown; second: unknown[] };
const amount = (precision: number, scale: number): TColumn => ({
  name: "v",
  type: { kind: "numeric", precision, scale },
  nullable: true,
  sourceType: `numeric(${precision},${scale})`,
});
const CASES: TCase[] = [
  { name: "numeric(10,2) → numeric(12,4)", before: amount(10, 2), after: [amount(12, 4)], first: "1.50", second: ["1.5000"] },
  {
    name: "real → double precision",
    before: { name: "v", type: { kind: "float" }, nullable: true, sourceType: "real" },
    after: [{ name: "v", type: { kind: "float" }, nullable: true, sourceType: "double precision" }],
    first: "1.1",
    second: ["1.100000023841858"],
  },
  {
    name: "char(3) → char(5)",
    before: { name: "v", type: { kind: "text" }, nullable: true, sourceType: "character(3)" },
    after: [{ name: "v", type: { kind: "text" }, nullable: true, sourceType: "character(5)" }],
    first: "ab ",
    second: ["ab   "],
  },
  { name: "a rename (v dropped, w added)", before: amount(10, 2), after: [{ ...amount(10, 2), name: "w" }], first: "1.50", second: ["1.50"] },
  { name: "an ignored column", before: amount(10, 2), after: [], first: "1.50", second: [] },
  {
    name: "a type kept while the source sends another (castFrom)",
    before: amount(10, 2),
    after: [{ ...amount(10, 2), castFrom: { kind: "numeric", precision: 12, scale: 4 } }],
    first: "1.50",
    second: ["1.5000"],
  },
];

describe("rows at the saved cursor after the plan's columns changed", () => {
  CASES.forEach((c, n) => {
    it(`${c.name}: the rows read again are held, a row new at the boundary in a later run arrives`, async () => {
      const first = buildPlan({ table: `changed_${n}`, mode: "incremental_append", columns: [ID, c.before, AT], primaryKey: ["id"], cursorField: "at" });
      await loadOnce(fx, first, [
        [
          [1, c.first, T],
          [2, c.first, T],
        ],
      ]);
      const changed = again(first, [ID, ...c.after, AT]);
      const e = await loadOnce(fx, changed, [
        [
          [1, ...c.second, T],
          [2, ...c.second, T],
        ],
      ]);
      expect(e.rows, "read 2, nothing new").toBe(0);
      // The boundary was recorded again over the new columns: the same rows stay held, a new one at T arrives.
      const e3 = await loadOnce(fx, again(changed), [
        [
          [1, ...c.second, T],
          [2, ...c.second, T],
          [3, ...c.second, T],
        ],
      ]);
      expect(e3.rows).toBe(1);
      expect((await ids(first)).sort()).toEqual(["1", "2", "3"]);
    });
  });

  it("an added column: the boundary stays over the recorded columns while the cursor stays, and moves to the plan's with it", async () => {
    const first = buildPlan({ table: "added_col", mode: "incremental_append", columns: [ID, AT], primaryKey: ["id"], cursorField: "at" });
    await loadOnce(fx, first, [[[1, T]]]);
    const wider = again(first, [ID, AT, { name: "extra", type: { kind: "text" }, nullable: true }]);
    expect(
      (
        await loadOnce(fx, wider, [
          [
            [1, T, "x"],
            [2, T, "y"],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(
      (
        await loadOnce(fx, again(wider), [
          [
            [1, T, "x"],
            [2, T, "y"],
          ],
        ])
      ).rows,
    ).toBe(0);
    const head = await fx.query<{ columns: { name: string }[] }>("SELECT columns FROM _weir.boundary_streams WHERE stream = $1", [first.stream]);
    expect(head[0]!.columns.map((c) => c.name)).toEqual(["id", "at"]);
    const later = "2024-05-01 11:00:00+00";
    expect(
      (
        await loadOnce(fx, again(wider), [
          [
            [1, T, "x"],
            [2, T, "y"],
            [3, later, "z"],
          ],
        ])
      ).rows,
    ).toBe(1);
    const moved = await fx.query<{ columns: { name: string }[] }>("SELECT columns FROM _weir.boundary_streams WHERE stream = $1", [first.stream]);
    expect(moved[0]!.columns.map((c) => c.name)).toEqual(["id", "at", "extra"]);
    expect((await loadOnce(fx, again(wider), [[[3, later, "z"]]])).rows).toBe(0);
  });
});

describe("NULL cursors", () => {
  for (const mode of ["incremental_append", "incremental_dedup"] as const) {
    it(`a stream whose cursors are all NULL loads each row once over three full reads (${mode})`, async () => {
      const p = buildPlan({
        table: `null_cursor_${mode}`,
        mode,
        columns: [ID, { name: "name", type: { kind: "text" }, nullable: true }, AT],
        primaryKey: ["id"],
        cursorField: "at",
      });
      const rows = (n: number) => Array.from({ length: n }, (_, i) => [i + 1, `r${i + 1}`, null]);
      const counts = [];
      for (const n of [5, 10, 15]) counts.push((await loadOnce(fx, again(p), [rows(n)])).rows);
      expect(counts).toEqual([5, 5, 5]);
      expect(await ids(p)).toHaveLength(15);
      const session = await fx.open();
      try {
        expect((await session.lastCommitted(p.connectionId, p.stream))?.state).toBeNull();
      } finally {
        await session.close();
      }
    });
  }

  it("identical rows with a NULL cursor are counted: a new duplicate arrives, the ones held do not", async () => {
    const p = buildPlan({
      table: "null_cursor_dupes",
      mode: "incremental_append",
      columns: [{ name: "name", type: { kind: "text" }, nullable: true }, AT],
      primaryKey: [],
      cursorField: "at",
    });
    await loadOnce(fx, p, [
      [
        ["x", null],
        ["x", null],
      ],
    ]);
    expect(
      (
        await loadOnce(fx, again(p), [
          [
            ["x", null],
            ["x", null],
            ["x", null],
          ],
        ])
      ).rows,
    ).toBe(1);
    expect(await fx.readTable("weir_test", p.table, ["name"])).toEqual([["x"], ["x"], ["x"]]);
  });
});
