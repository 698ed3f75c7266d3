// Values at the edges arrive exactly through both load paths (direct COPY and staged casts), or are refused naming column, row and value (real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, buildPlan, createPgFixture, loadOnce } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn, TSyncMode, TWeirType } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const ID: TColumn = { name: "id", type: { kind: "integer" }, nullable: false };
const column = (name: string, type: TWeirType): TColumn => ({ name, type, nullable: true });
const array = (items: TWeirType, depth = 1): TWeirType => (depth === 1 ? { kind: "array", items } : { kind: "array", items: array(items, depth - 1) });
const tiny = `0.${"0".repeat(299)}1`;

/** Each column with the wire texts it must give back unchanged. */
const EXACT: [TColumn, (string | null)[]][] = [
  [column("d", { kind: "date" }), ["0044-03-15 BC", "0001-01-01", "9999-12-31", "4713-01-01 BC", "infinity", "-infinity", null]],
  [column("ts", { kind: "timestamp" }), ["0044-03-15 10:00:00 BC", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "infinity", "-infinity", null]],
  [
    column("tstz", { kind: "timestamptz" }),
    ["0044-03-15 10:00:00+00 BC", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00", "infinity", "-infinity", null],
  ],
  [column("n", { kind: "numeric" }), ["NaN", "Infinity", "-Infinity", tiny, "-123456789012345678901234567890.5", null]],
  [column("f", { kind: "float" }), ["NaN", "Infinity", "-Infinity", "5e-324", "-0.1", null]],
  [column("t", { kind: "time" }), ["24:00:00", "00:00:00.000001", "23:59:59.999999", null]],
  [column("iv", { kind: "interval" }), ["P178000000Y", "PT-0.000001S", "P1M-1D", "P-1Y-2M3DT-4H-5M-6.000001S", null]],
];

/** Arrays (value sent, wire text back): any depth PostgreSQL holds, exact bigints, NaN floats, BC dates, text needing quotes. */
const ARRAYS: [TColumn, unknown[], string[]][] = [
  [
    column("int2d", array({ kind: "integer" }, 2)),
    [
      [
        [1, 2],
        [3, null],
      ],
      [],
      [[7]],
    ],
    ["[[1,2],[3,null]]", "[]", "[[7]]"],
  ],
  [
    column("int3d", array({ kind: "integer" }, 3)),
    [
      [
        [[1], [2]],
        [[3], [4]],
      ],
    ],
    ["[[[1],[2]],[[3],[4]]]"],
  ],
  [column("big", array({ kind: "bigint" })), [["9223372036854775807", "-9007199254740993", null]], ["[9223372036854775807,-9007199254740993,null]"]],
  [
    column("fl2d", array({ kind: "float" }, 2)),
    [
      [
        [0.1, Number.NaN],
        [Number.POSITIVE_INFINITY, -2.5e-7],
      ],
    ],
    ['[[0.1,"NaN"],["Infinity",-2.5e-7]]'],
  ],
  [
    column("txt2d", array({ kind: "text" }, 2)),
    [
      [
        ["a", "b,c"],
        ['q"uote', null],
      ],
    ],
    ['[["a","b,c"],["q\\"uote",null]]'],
  ],
  [
    column("num2d", array({ kind: "numeric", precision: 6, scale: 2 }, 2)),
    [
      [
        ["1.50", null],
        ["-2.00", "NaN"],
      ],
    ],
    ['[["1.50",null],["-2.00","NaN"]]'],
  ],
  [column("date2d", array({ kind: "date" }, 2)), [[["0044-03-15 BC", "infinity"]]], ['[["0044-03-15 BC","infinity"]]']],
  [column("uuid2d", array({ kind: "uuid" }, 2)), [[["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"], [null]]], ['[["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"],[null]]']],
  [column("deep", array({ kind: "integer" }, 7)), [[[[[[[[1]]]]]]]], ["[[[[[[[1]]]]]]]"]],
  // PostgreSQL does not bind a value to its column's declared dimensions: a text[] holds {{a,b},{c,d}}, so it arrives as it is.
  [column("txt1d", array({ kind: "text" })), ['[["a","b"],["c",null]]', '["x"]'], ['[["a","b"],["c",null]]', '["x"]']],
];

describe("values at the edges", () => {
  for (const mode of ["full_refresh_overwrite", "incremental_append"] as TSyncMode[]) {
    it(`BC dates, infinities, numeric NaN and Infinity, 1e-300, time 24:00 and ISO 8601 intervals arrive exactly (${mode})`, async () => {
      const columns = [ID, ...EXACT.map(([c]) => c)];
      const width = Math.max(...EXACT.map(([, v]) => v.length));
      const rows = Array.from({ length: width }, (_, i) => [i, ...EXACT.map(([, v]) => v[i] ?? null)]);
      const plan = buildPlan({ table: `exact_${mode}`, mode, columns, primaryKey: ["id"], cursorField: undefined });
      await loadOnce(fx, plan, [rows]);
      const back = await fx.readTable(
        plan.namespace,
        plan.table,
        columns.map((c) => c.name),
      );
      expect(back.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(rows.map((r) => [String(r[0]), ...r.slice(1)]));
    });
  }

  it("arrays of any depth arrive as PostgreSQL arrays of as many dimensions, exactly; deeper than 6 as jsonb", async () => {
    const columns = [ID, ...ARRAYS.map(([c]) => c)];
    const width = Math.max(...ARRAYS.map(([, v]) => v.length));
    const rows = Array.from({ length: width }, (_, i) => [i, ...ARRAYS.map(([, v]) => (i < v.length ? v[i] : null))]);
    const plan = buildPlan({ table: "arrays", mode: "incremental_append", columns, primaryKey: ["id"], cursorField: undefined });
    await loadOnce(fx, plan, [rows]);
    const back = (
      await fx.readTable(
        plan.namespace,
        plan.table,
        columns.map((c) => c.name),
      )
    ).sort((a, b) => Number(a[0]) - Number(b[0]));
    ARRAYS.forEach(([c, , wire], j) => wire.forEach((text, i) => expect(back[i]![j + 1], `${c.name} row ${i}`).toBe(text)));
    const stored = await fx.query<{ int2d: string; txt2d: string; dims: number; deep: string }>(
      "SELECT int2d::text, txt2d::text, array_ndims(int3d) AS dims, pg_typeof(deep)::text AS deep FROM weir_test.arrays WHERE id = 0",
    );
    expect(stored).toEqual([{ int2d: "{{1,2},{3,NULL}}", txt2d: '{{a,"b,c"},{"q\\"uote",NULL}}', dims: 3, deep: "jsonb" }]);
  });

  it("json arrives as jsonb: key order, whitespace and duplicate keys are not kept, every digit of a number is", async () => {
    const plan = buildPlan({
      table: "jsonb_t",
      mode: "incremental_append",
      columns: [ID, column("j", { kind: "json" })],
      primaryKey: ["id"],
      cursorField: undefined,
    });
    await loadOnce(fx, plan, [[[1, '{"b": 1,  "a": 2, "a": 3, "n": 12345678901234567890.123}']]]);
    expect(await fx.readTable(plan.namespace, plan.table, ["j"])).toEqual([['{"a": 3, "b": 1, "n": 12345678901234567890.123}']]);
  });
});

describe("values PostgreSQL cannot hold are refused, naming stream, column, row and value", () => {
  const refusals: [string, TWeirType, unknown, RegExp][] = [
    ["ragged", array({ kind: "integer" }, 2), "[[1],[2,3]]", /Multidimensional arrays must have sub-arrays with matching dimensions|malformed array literal/],
    ["empty_sub", array({ kind: "integer" }, 2), "[[],[]]", /!empty sub-array/],
    ["null_sub", array({ kind: "integer" }, 2), "[[1],null]", /malformed array literal/],
    ["ragged_text", array({ kind: "text" }, 2), '[["a"],["b","c"]]', /different dimensionality/],
    ["mixed_depth_text", array({ kind: "text" }), '[null,["a"]]', /sub-arrays differ in depth/],
    ["inf_money", { kind: "numeric", precision: 12, scale: 2 }, "Infinity", /cannot hold an infinite value/],
    ["too_big", { kind: "integer" }, "2147483648", /out of range/],
  ];
  for (const [name, type, value, reason] of refusals) {
    it(`${name}: DATA_REJECTED, not retried, nothing committed, no staging left`, async () => {
      const cursor = column("at", { kind: "integer" });
      const plan = buildPlan({
        table: `refuse_${name}`,
        mode: "incremental_append",
        columns: [ID, column("v", type), cursor],
        primaryKey: [],
        cursorField: "at",
      });
      const failure = await loadOnce(fx, plan, [
        [
          [1, null, 1],
          [2, value, 7],
        ],
      ]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe("DATA_REJECTED");
      expect((failure as AppError).retryable).toBe(false);
      const message = (failure as AppError).message;
      expect(message).toContain(`stream "${plan.stream}", column "v"`);
      expect(message).toContain("row at=7"); // no primary key: the cursor value names the row
      expect(message).toContain(JSON.stringify(value));
      expect(message).toMatch(reason);
      expect(await fx.listColumns("weir_test", plan.table)).toEqual([]);
      expect([...(await fx.listTables("weir_test")), ...(await fx.listTables("_weir"))].filter((t) => t.startsWith("_weir_stage_"))).toEqual([]);
    });
  }

  it("text with a NUL character is refused at load", async () => {
    const plan = buildPlan({
      table: "refuse_nul",
      mode: "incremental_append",
      columns: [ID, column("v", { kind: "text" })],
      primaryKey: ["id"],
      cursorField: undefined,
    });
    await expect(loadOnce(fx, plan, [[[1, "a\u0000b"]]])).rejects.toMatchObject({ code: "DATA_REJECTED" });
  });

  it("names the row by its position when there is neither key nor cursor, and cuts long values to 200 characters", async () => {
    const plan = buildPlan({
      table: "refuse_long",
      mode: "full_refresh_append",
      columns: [column("v", { kind: "integer" })],
      primaryKey: [],
      cursorField: undefined,
    });
    const failure = (await loadOnce(fx, plan, [[[1], [2], ["x".repeat(500)]]]).catch((e: unknown) => e)) as AppError;
    expect(failure.code).toBe("DATA_REJECTED");
    expect(failure.message).toContain(`row 3 of this load: the value "${"x".repeat(200)}…"`);
    expect(failure.message).not.toContain("x".repeat(201));
  });
});
