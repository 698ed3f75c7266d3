// Every Weir type through COPY, the commit's casts and back to wire text, with edge values, against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, buildBatch, buildPlan, createPgFixture, loadOnce } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn, TWeirType } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** A column, the stored type PostgreSQL reports, and [value sent, wire text read back] pairs. */
type TCase = { name: string; type: TWeirType; stored: string; pairs: [unknown, string | null][]; json?: boolean };

const CASES: TCase[] = [
  {
    name: "c_bool",
    type: { kind: "boolean" },
    stored: "boolean",
    pairs: [
      [true, "true"],
      [false, "false"],
      [null, null],
    ],
  },
  {
    name: "c_int",
    type: { kind: "integer" },
    stored: "integer",
    pairs: [
      [0, "0"],
      [-2147483648, "-2147483648"],
      [2147483647, "2147483647"],
      [null, null],
    ],
  },
  {
    name: "c_bigint",
    type: { kind: "bigint" },
    stored: "bigint",
    pairs: [
      ["9223372036854775807", "9223372036854775807"],
      ["-9223372036854775808", "-9223372036854775808"],
      [42n, "42"],
    ],
  },
  {
    name: "c_float",
    type: { kind: "float" },
    stored: "double precision",
    pairs: [
      [0.1, "0.1"],
      [-2.5, "-2.5"],
      [1e-7, "1e-7"],
      [1e-6, "0.000001"],
      [1e21, "1e+21"],
      [1e15, "1000000000000000"],
      [-0, "0"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [5e-324, "5e-324"],
      [Number.NaN, "NaN"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
      [null, null],
    ],
  },
  {
    name: "c_money",
    type: { kind: "numeric", precision: 12, scale: 2 },
    stored: "numeric(12,2)",
    pairs: [
      ["-12.50", "-12.50"],
      ["-0.01", "-0.01"],
      ["0", "0.00"],
      ["9999999999.99", "9999999999.99"],
      ["1.005", "1.01"],
      [null, null],
    ],
  },
  {
    name: "c_decimal",
    type: { kind: "numeric" },
    stored: "numeric",
    pairs: [
      ["12345678901234567890123456789.123456789012345678901234567890", "12345678901234567890123456789.123456789012345678901234567890"],
      ["-0.000001", "-0.000001"],
      ["NaN", "NaN"],
      [null, null],
    ],
  },
  {
    name: "c_text",
    type: { kind: "text" },
    stored: "text",
    pairs: [
      ["", ""],
      ["plain", "plain"],
      ['comma, "quote"\nand a newline', 'comma, "quote"\nand a newline'],
      ["cr\r\nlf", "cr\r\nlf"],
      ["ünïcødé 🚀 中文", "ünïcødé 🚀 中文"],
      [" padded ", " padded "],
      ["\\N", "\\N"],
      ["\\.", "\\."],
      ["NULL", "NULL"],
      ['"', '"'],
      ["tab\there", "tab\there"],
      [null, null],
    ],
  },
  {
    name: "c_uuid",
    type: { kind: "uuid" },
    stored: "uuid",
    pairs: [
      ["0B7C1F44-6D2E-4F51-9A0E-2F7A5C3D9E10", "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"],
      [null, null],
    ],
  },
  {
    name: "c_date",
    type: { kind: "date" },
    stored: "date",
    pairs: [
      ["2024-02-29", "2024-02-29"],
      ["1969-07-20", "1969-07-20"],
      ["0001-01-01", "0001-01-01"],
      [new Date("1901-12-13T00:00:00Z"), "1901-12-13"],
      [null, null],
    ],
  },
  {
    name: "c_ts",
    type: { kind: "timestamp" },
    stored: "timestamp without time zone",
    pairs: [
      ["2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.123456"],
      ["1960-01-01 00:00:00", "1960-01-01 00:00:00"],
      ["1900-02-28 23:59:59.000001", "1900-02-28 23:59:59.000001"],
      [null, null],
    ],
  },
  {
    name: "c_tstz",
    type: { kind: "timestamptz" },
    stored: "timestamp with time zone",
    pairs: [
      ["2024-01-02 03:04:05.123456+00", "2024-01-02 03:04:05.123456+00"],
      [new Date("1965-03-04T05:06:07.890Z"), "1965-03-04 05:06:07.89+00"],
      ["2024-06-01 12:00:00+02", "2024-06-01 10:00:00+00"],
      [null, null],
    ],
  },
  {
    name: "c_json",
    type: { kind: "json" },
    stored: "jsonb",
    json: true,
    pairs: [
      [{ b: [1, 2, { c: null }], a: 'x, "y"\n' }, '{"a":"x, \\"y\\"\\n","b":[1,2,{"c":null}]}'],
      [[], "[]"],
      [{ ü: true }, '{"ü":true}'],
      ["null", "null"],
      ['"just a string"', '"just a string"'],
      [null, null],
    ],
  },
  {
    name: "c_bytes",
    type: { kind: "bytes" },
    stored: "bytea",
    pairs: [
      [allBytes, Buffer.from(allBytes).toString("base64")],
      [new Uint8Array(0), ""],
      [null, null],
    ],
  },
  {
    name: "c_int_array",
    type: { kind: "array", items: { kind: "integer" } },
    stored: "integer[]",
    json: true,
    pairs: [
      [[1, null, 3], "[1,null,3]"],
      [[], "[]"],
      [null, null],
    ],
  },
  {
    name: "c_bigint_array",
    type: { kind: "array", items: { kind: "bigint" } },
    stored: "bigint[]",
    pairs: [['["9223372036854775807",-1]', "[9223372036854775807,-1]"]],
  },
  {
    name: "c_text_array",
    type: { kind: "array", items: { kind: "text" } },
    stored: "text[]",
    json: true,
    pairs: [
      [["a", "b,c", 'q"uote', null, "", "ü\n"], '["a","b,c","q\\"uote",null,"","ü\\n"]'],
      [null, null],
    ],
  },
  {
    name: "c_bool_array",
    type: { kind: "array", items: { kind: "boolean" } },
    stored: "boolean[]",
    json: true,
    pairs: [[[true, null, false], "[true,null,false]"]],
  },
  {
    name: "c_float_array",
    type: { kind: "array", items: { kind: "float" } },
    stored: "double precision[]",
    json: true,
    pairs: [[[1.5, -0.25, "NaN", 1e-7], '[1.5,-0.25,"NaN",1e-7]']],
  },
  {
    name: "c_money_array",
    type: { kind: "array", items: { kind: "numeric", precision: 12, scale: 2 } },
    stored: "numeric(12,2)[]",
    json: true,
    pairs: [[["-1.5", null], '["-1.50",null]']],
  },
  {
    name: "c_tstz_array",
    type: { kind: "array", items: { kind: "timestamptz" } },
    stored: "timestamp with time zone[]",
    json: true,
    pairs: [[["2024-01-02 03:04:05.5+00", null], '["2024-01-02 03:04:05.5+00",null]']],
  },
  { name: "c_date_array", type: { kind: "array", items: { kind: "date" } }, stored: "date[]", json: true, pairs: [[["1969-07-20"], '["1969-07-20"]']] },
  {
    name: "c_uuid_array",
    type: { kind: "array", items: { kind: "uuid" } },
    stored: "uuid[]",
    json: true,
    pairs: [[["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"], '["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"]']],
  },
  {
    name: "c_bytes_array",
    type: { kind: "array", items: { kind: "bytes" } },
    stored: "bytea[]",
    json: true,
    pairs: [[[Uint8Array.from([0, 255]), null, new Uint8Array(0)], '["AP8=",null,""]']],
  },
  {
    name: "c_json_array",
    type: { kind: "array", items: { kind: "json" } },
    stored: "jsonb[]",
    json: true,
    pairs: [[[{ a: 1 }, null], '["{\\"a\\": 1}",null]']],
  },
  {
    name: "c_nested",
    type: { kind: "array", items: { kind: "array", items: { kind: "integer" } } },
    stored: "integer[]",
    json: true,
    pairs: [
      [
        [
          [1, 2],
          [3, null],
        ],
        "[[1,2],[3,null]]",
      ],
      [[], "[]"],
      [null, null],
    ],
  },
  {
    name: "c_time",
    type: { kind: "time" },
    stored: "time without time zone",
    pairs: [
      ["00:00:00", "00:00:00"],
      ["24:00:00", "24:00:00"],
      ["13:14:15.123456", "13:14:15.123456"],
      [null, null],
    ],
  },
  {
    name: "c_interval",
    type: { kind: "interval" },
    stored: "interval",
    pairs: [
      ["P1Y2M3DT4H5M6.5S", "P1Y2M3DT4H5M6.5S"],
      ["PT0S", "PT0S"],
      ["P-1Y-2M3DT-4H-5M-6.000001S", "P-1Y-2M3DT-4H-5M-6.000001S"],
      [null, null],
    ],
  },
];

const normalize = (c: TCase, text: string | null) => (c.json && text !== null ? JSON.parse(text) : text);

describe("types round-trip", () => {
  const columns: TColumn[] = [
    { name: "id", type: { kind: "integer" }, nullable: false },
    ...CASES.map((c) => ({ name: c.name, type: c.type, nullable: true })),
  ];
  const width = Math.max(...CASES.map((c) => c.pairs.length));
  const rows = Array.from({ length: width }, (_, i) => [i, ...CASES.map((c) => c.pairs[i]?.[0] ?? null)]);

  for (const mode of ["full_refresh_overwrite", "incremental_dedup"] as const) {
    it(`every Weir type and its edge values come back as their wire text (${mode})`, async () => {
      const table = `types_${mode}`;
      const plan = buildPlan({ table, mode, columns, primaryKey: ["id"], cursorField: undefined });
      await loadOnce(fx, plan, [rows.slice(0, 3), rows.slice(3)]);
      const back = await fx.readTable(
        plan.namespace,
        table,
        columns.map((c) => c.name),
      );
      expect(back.length).toBe(width);
      const byId = new Map(back.map((r) => [r[0], r]));
      for (let i = 0; i < width; i++) {
        CASES.forEach((c, j) => {
          const want = i < c.pairs.length ? c.pairs[i]![1] : null;
          expect(normalize(c, byId.get(String(i))![j + 1] ?? null), `${c.name} row ${i}`).toEqual(normalize(c, want));
        });
      }
    });
  }

  it("stores each type as the PostgreSQL type the mapping names, and Weir's columns", async () => {
    const stored = await fx.query<{ column_name: string; type: string }>(
      `SELECT attname AS column_name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'weir_test.types_full_refresh_overwrite'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    expect(stored).toEqual([
      { column_name: "id", type: "integer" },
      ...CASES.map((c) => ({ column_name: c.name, type: c.stored })),
      { column_name: "_weir_run_id", type: "text" },
      { column_name: "_weir_extracted_at", type: "timestamp with time zone" },
      { column_name: "_weir_stream", type: "text" },
    ]);
  });

  it("keeps the empty string and NULL apart in text and bytes", async () => {
    const rowsBack = await fx.query<{ id: number; empty_text: boolean | null; empty_bytes: boolean | null }>(
      `SELECT id, c_text = '' AS empty_text, c_bytes = ''::bytea AS empty_bytes FROM weir_test.types_full_refresh_overwrite WHERE id IN (0, 1, 2) ORDER BY id`,
    );
    expect(rowsBack.map((r) => [r.empty_text, r.empty_bytes])).toEqual([
      [true, false],
      [false, true],
      [false, null],
    ]);
  });

  it("loads a one-column row whose value is \\. (the end-of-data marker of PostgreSQL < 18) without losing the rows after it", async () => {
    const plan = buildPlan({
      table: "marker",
      mode: "full_refresh_append",
      columns: [{ name: "v", type: { kind: "text" }, nullable: true }],
      primaryKey: [],
      cursorField: undefined,
    });
    const entry = await loadOnce(fx, plan, [[["a"], ["\\."], ["b"]]]);
    expect(entry.rows).toBe(3);
    expect(await fx.readTable(plan.namespace, plan.table, ["v"])).toEqual([["\\."], ["a"], ["b"]]);
  });

  it("stamps _weir_extracted_at per batch", async () => {
    const plan = buildPlan({ table: "extracted", mode: "full_refresh_append" });
    const session = await fx.open();
    try {
      await session.prepareStream(plan);
      await session.writeBatch(plan, buildBatch(plan, [[1, "a", null]], new Date("2024-01-01T00:00:00.123Z")));
      await session.writeBatch(plan, buildBatch(plan, [[2, "b", null]], new Date("2024-01-02T00:00:00Z")));
      await session.commitStream(plan, null);
    } finally {
      await session.close();
    }
    expect(await fx.readTable(plan.namespace, plan.table, ["id", "_weir_extracted_at"])).toEqual([
      ["1", "2024-01-01 00:00:00.123+00"],
      ["2", "2024-01-02 00:00:00+00"],
    ]);
  });
});
