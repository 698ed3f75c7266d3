// The cursor and dedup edges a hostile tester found in Snowflake (the emulator, real sessions): numeric cursors kept as exact
// text ordered by value, not text; ties among equal keys and cursors won by the row read last; changed rows with NULL cursors;
// what a commit reports as its rows; values of a column kept at a type the source no longer sends.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { numericKeySql } from "@/connectors/snowflake/cursor-order";
import { type TSnowflakeFixture, createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import { ID, NAME, buildBatch, loadOnce, planBuilder, ts } from "@/connectors/testing/load-builders";
import type { TColumn, TWeirType, TWritePlan } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { isAppError } from "@/lib/app-error";

let fx: TSnowflakeFixture;
beforeAll(async () => {
  fx = await createSnowflakeFixture();
});
afterAll(async () => {
  await fx?.teardown();
});

const buildPlan = planBuilder({ connectionId: "conn-snowflake-edges", namespace: "edges" });
const open = () => fx.openSession();
const again = (p: TWritePlan, overrides: Partial<TWritePlan> = {}): TWritePlan => ({ ...p, runId: randomUUID(), ...overrides });
const VERSION: TColumn = { name: "version", type: { kind: "numeric" }, nullable: false };
const ids = async (table: string, columns = ["id"]) => (await fx.readTable("edges", table, columns)).map((r) => r.join("|"));

/** Exact comparison of plain decimal texts (and ±Infinity, NaN above all), as PostgreSQL orders numeric. */
function compareDecimal(a: string, b: string): number {
  const rank = (x: string) => (x === "-Infinity" ? 0 : x === "Infinity" ? 2 : x === "NaN" ? 3 : 1);
  if (rank(a) !== 1 || rank(b) !== 1) return rank(a) - rank(b);
  const scaled = (x: string) => {
    const [whole, fraction = ""] = x.split(".");
    return BigInt(`${whole}${fraction.padEnd(60, "0")}`.replace(/^\+/, ""));
  };
  const d = scaled(a) - scaled(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

describe("Snowflake cursors kept as exact decimal text", () => {
  it("order by value, exactly, beyond 38 digits: equal keys for equal values, byte order for the rest", async () => {
    const values = [
      "-Infinity",
      "-100",
      "-10.5",
      "-10",
      "-9.99999",
      "-0.15",
      "-0.1",
      "-0",
      "0",
      "0.000",
      "0.05",
      "0.5",
      "1",
      "+1.0",
      "9",
      "9.5",
      "10",
      "10.0",
      "10.00",
      "10.5",
      "100",
    ];
    values.push(`${"9".repeat(41)}.5`, `1${"0".repeat(41)}`, `-${"9".repeat(45)}`, "Infinity", "NaN");
    const rows = await fx.query(`SELECT v."X" AS x, ${numericKeySql('v."X"')} AS k FROM (VALUES ${values.map((v) => `('${v}')`).join(", ")}) AS v ("X")`);
    const keyed = rows.map((r) => ({ x: String(r.x), k: String(r.k) }));
    for (const a of keyed) {
      for (const b of keyed) {
        const byKey = a.k === b.k ? 0 : Buffer.compare(Buffer.from(a.k), Buffer.from(b.k));
        expect([a.x, b.x, byKey]).toEqual([a.x, b.x, Math.sign(compareDecimal(a.x, b.x))]);
      }
    }
  });

  it("incremental_append: 9, 10, 10.0, 10.00, 100 arrive once each, the state never moves back", async () => {
    const first = buildPlan({ table: "numeric_append", mode: "incremental_append", columns: [ID, VERSION], primaryKey: [], cursorField: "version" });
    const e1 = await loadOnce(open, first, [
      [
        [1, "9"],
        [2, "10"],
      ],
    ]);
    expect([e1.state, e1.rows]).toEqual([{ cursor: "10" }, 2]);
    // The source reads version >= 10 by value: row 2 again, row 3 at 10.0 (new); row 4 at 2 was inserted below the cursor.
    const e2 = await loadOnce(open, again(first), [
      [
        [2, "10"],
        [3, "10.0"],
      ],
    ]);
    expect([e2.state, e2.rows], "10.0 is at the cursor 10: the state keeps its text").toEqual([{ cursor: "10" }, 1]);
    const e3 = await loadOnce(open, again(first), [
      [
        [2, "10"],
        [3, "10.0"],
        [5, "10.00"],
        [6, "100"],
      ],
    ]);
    expect([e3.state, e3.rows]).toEqual([{ cursor: "100" }, 2]);
    const e4 = await loadOnce(open, again(first), [[[6, "100"]]]);
    expect([e4.state, e4.rows]).toEqual([{ cursor: "100" }, 0]);
    expect(await ids("numeric_append", ["id", "version"])).toEqual(["1|9", "2|10", "3|10.0", "5|10.00", "6|100"]);
  });

  it("incremental_dedup: an update 9 → 10 replaces the row and counts; an older version sent again does not", async () => {
    const first = buildPlan({ table: "numeric_dedup", mode: "incremental_dedup", columns: [ID, NAME, VERSION], cursorField: "version" });
    await loadOnce(open, first, [[[1, "draft", "9"]]]);
    expect((await loadOnce(open, again(first), [[[1, "paid", "10"]]])).rows).toBe(1);
    const old = await loadOnce(open, again(first), [
      [
        [1, "stale", "9.99"],
        [2, "new", `1${"0".repeat(40)}`],
      ],
    ]);
    expect([old.state, old.rows]).toEqual([{ cursor: `1${"0".repeat(40)}` }, 1]);
    expect(await ids("numeric_dedup", ["id", "name"])).toEqual(["1|paid", "2|new"]);
  });
});

describe("Snowflake dedup among equal keys and cursors", () => {
  const NULLABLE_AT: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: true };

  it("the row read last wins: the later row of a file, the later file, over a thousand rows", async () => {
    const p = buildPlan({ table: "ties", mode: "incremental_dedup" });
    const many = Array.from({ length: 1500 }, (_, i) => [i % 3, `v${i}`, ts(1)]);
    await loadOnce(open, p, [
      [
        [9, "first", ts(1)],
        [9, "second", ts(1)],
        [9, "third", ts(1)],
      ],
      many,
    ]);
    expect(await ids("ties", ["id", "name"])).toEqual(["0|v1497", "1|v1498", "2|v1499", "9|third"]);
    const session = await fx.openSession();
    try {
      // Two files in one load: a batch in another column order closes the open file (COPY maps fields by position).
      const plan = again(p);
      await session.discardStaging(plan);
      await session.prepareStream(plan);
      await session.writeBatch(
        plan,
        buildBatch(plan, [
          [9, "earlier file", ts(2)],
          [9, "earlier file, last row", ts(2)],
        ]),
      );
      const reordered = [plan.columns[1]!, plan.columns[0]!, plan.columns[2]!];
      await session.writeBatch(plan, {
        stream: plan.stream,
        columns: reordered.map((c) => c.name),
        csv: encodeWireRows(reordered, [["later file", 9, ts(2)]]),
        rows: 1,
        extractedAt: new Date(),
      });
      await session.writeBatch(plan, buildBatch(plan, [[9, "third file", ts(1)]]));
      expect((await session.commitStream(plan, { cursor: ts(1) })).rows).toBe(1);
    } finally {
      await session.close();
    }
    expect(
      (await ids("ties", ["id", "name"])).filter((r) => r.startsWith("9|")),
      "the newest cursor first, then the last read",
    ).toEqual(["9|later file"]);
  });

  it("a changed row whose cursor is NULL replaces the row with the same NULL cursor, and counts", async () => {
    const p = buildPlan({ table: "null_cursor_dedup", mode: "incremental_dedup", columns: [ID, NAME, NULLABLE_AT] });
    expect(
      (
        await loadOnce(open, p, [
          [
            [1, "a", null],
            [2, "b", null],
          ],
        ])
      ).rows,
    ).toBe(2);
    const e = await loadOnce(open, again(p), [
      [
        [1, "a", null],
        [2, "b2", null],
      ],
    ]);
    expect([e.state, e.rows], "row 1 is held at the NULL boundary; row 2 changed").toEqual([null, 1]);
    expect(await ids("null_cursor_dedup", ["id", "name"])).toEqual(["1|a", "2|b2"]);
  });

  it("entry.rows are the rows the target received: every winner merged, unchanged or not, when no boundary holds them", async () => {
    const p = buildPlan({ table: "rows_dedup", mode: "incremental_dedup", cursorField: undefined });
    const rows = [
      [1, "a", ts(1)],
      [2, "b", ts(1)],
      [2, "b", ts(1)],
    ];
    expect((await loadOnce(open, p, [rows])).rows).toBe(2);
    expect((await loadOnce(open, again(p), [rows])).rows, "both keys merged again, as DuckDB and PostgreSQL count them").toBe(2);
    expect(await ids("rows_dedup")).toEqual(["1", "2"]);
  });
});

describe("Snowflake columns kept at a type the source no longer sends (castFrom)", () => {
  const kept = (type: TWeirType, castFrom: TWeirType): TColumn[] => [ID, { name: "v", type, nullable: true, castFrom }];
  const cases: { type: TWeirType; from: TWeirType; fits: (string | null)[]; refused: string[] }[] = [
    { type: { kind: "date" }, from: { kind: "timestamp" }, fits: ["2024-02-29 00:00:00"], refused: ["2024-02-29 10:30:00"] },
    { type: { kind: "float" }, from: { kind: "bigint" }, fits: ["42", "123456789012345"], refused: ["9007199254740993"] },
    { type: { kind: "integer" }, from: { kind: "bigint" }, fits: ["-2147483648"], refused: ["2147483648"] },
    // Exponent forms are checked by the digits they put past the scale.
    { type: { kind: "numeric", precision: 10, scale: 2 }, from: { kind: "float" }, fits: ["150", "0.25", "1.5e2"], refused: ["1e-7", "1.25E-1", "0.125"] },
    { type: { kind: "numeric" }, from: { kind: "text" }, fits: ["-12.50", "NaN"], refused: ["12 apples"] },
    { type: { kind: "timestamp" }, from: { kind: "timestamptz" }, fits: ["2024-05-01 10:00:00+00"], refused: ["2024-05-01 10:00:00+05"] },
    { type: { kind: "uuid" }, from: { kind: "text" }, fits: ["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"], refused: ["not-a-uuid"] },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.from)} kept as ${JSON.stringify(c.type)}: takes ${c.fits.join(", ")}, refuses ${c.refused.join(", ")}`, async () => {
      const p = buildPlan({ table: `kept_${c.type.kind}_${c.from.kind}`, mode: "full_refresh_append", columns: kept(c.type, c.from), cursorField: undefined });
      await loadOnce(open, p, [c.fits.map((v, i) => [i, v])]);
      expect(await ids(p.table)).toHaveLength(c.fits.length);
      for (const value of c.refused) {
        const e = await loadOnce(open, again(p), [[[100, value]]]).then(
          () => null,
          (error: unknown) => error as Error,
        );
        expect(e && isAppError(e) ? [e.code, e.message.includes(JSON.stringify(value)), e.message.includes("row id=100")] : e).toEqual([
          "DATA_REJECTED",
          true,
          true,
        ]);
      }
      expect(await ids(p.table)).toHaveLength(c.fits.length);
    });
  }

  it("keeps the values that fit exactly: 150 and 1.5e2 as 150.00, a midnight timestamp as its date, +00 as the wall time", async () => {
    expect(await fx.readTable("edges", "kept_numeric_float", ["v"])).toEqual([["0.25"], ["150.00"], ["150.00"]]);
    expect(await fx.readTable("edges", "kept_date_timestamp", ["v"])).toEqual([["2024-02-29"]]);
    expect(await fx.readTable("edges", "kept_timestamp_timestamptz", ["v"])).toEqual([["2024-05-01 10:00:00"]]);
  });
});
