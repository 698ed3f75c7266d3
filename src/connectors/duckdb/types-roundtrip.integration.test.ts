// Every Weir type through wire CSV → staging → typed target and back as wire text (to-wire-sql.ts), with edge values, against a real DuckDB file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TColumn, TWeirType } from "@/connectors/types";
import { type TTestWarehouse, buildPlan, createTestWarehouse, loadAttempt } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Per column: its type, the values sent, the wire text read back and the DuckDB type. */
type TCase = { name: string; type: TWeirType; values: unknown[]; back: (string | null)[]; duck: string };

const CASES: TCase[] = [
  { name: "c_bool", type: { kind: "boolean" }, values: [true, false, null], back: ["true", "false", null], duck: "BOOLEAN" },
  { name: "c_int", type: { kind: "integer" }, values: [-2147483648, 2147483647, 0], back: ["-2147483648", "2147483647", "0"], duck: "INTEGER" },
  {
    name: "c_bigint",
    type: { kind: "bigint" },
    values: ["-9223372036854775808", 9007199254740993n],
    back: ["-9223372036854775808", "9007199254740993"],
    duck: "BIGINT",
  },
  {
    name: "c_float",
    type: { kind: "float" },
    values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1, 5e-324, 1.7976931348623157e308],
    back: ["NaN", "Infinity", "-Infinity", "0.1", "5e-324", "1.7976931348623157e+308"],
    duck: "DOUBLE",
  },
  {
    name: "c_money",
    type: { kind: "numeric", precision: 12, scale: 2 },
    values: ["-12.50", "-0.01", "9999999999.99", "0"],
    back: ["-12.50", "-0.01", "9999999999.99", "0.00"],
    duck: "DECIMAL(12,2)",
  },
  {
    name: "c_wide",
    type: { kind: "numeric", precision: 60, scale: 20 },
    values: ["-123456789012345678901234567890123456789.12345678901234567890"],
    back: ["-123456789012345678901234567890123456789.12345678901234567890"],
    duck: "VARCHAR",
  },
  {
    name: "c_plain",
    type: { kind: "numeric" },
    values: [
      "12345678901234567890.123456789",
      "0.0000000001",
      "-7",
      "1e-300",
      "NaN",
      "-Infinity",
      "123456789012345678901234567890123456789012345.678901234567890",
    ],
    back: [
      "12345678901234567890.123456789",
      "0.0000000001",
      "-7",
      "1e-300",
      "NaN",
      "-Infinity",
      "123456789012345678901234567890123456789012345.678901234567890",
    ],
    duck: "VARCHAR",
  },
  {
    name: "c_text",
    type: { kind: "text" },
    values: ["", "a,b", 'q"uo""te', "line1\nline2\r\nline3\r", "ünï 🚀 中文", "  spaced  ", "\\N", "NULL", '"', ","],
    back: ["", "a,b", 'q"uo""te', "line1\nline2\r\nline3\r", "ünï 🚀 中文", "  spaced  ", "\\N", "NULL", '"', ","],
    duck: "VARCHAR",
  },
  { name: "c_uuid", type: { kind: "uuid" }, values: ["0B7C1F44-6D2E-4F51-9A0E-2F7A5C3D9E10"], back: ["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"], duck: "UUID" },
  {
    name: "c_date",
    type: { kind: "date" },
    values: ["1969-12-31", "0001-01-01", "9999-12-31", "1900-02-28", "0044-03-15 BC", "0001-01-01 BC", "infinity", "-infinity", "10000-01-01"],
    back: ["1969-12-31", "0001-01-01", "9999-12-31", "1900-02-28", "0044-03-15 BC", "0001-01-01 BC", "infinity", "-infinity", "10000-01-01"],
    duck: "DATE",
  },
  {
    name: "c_ts",
    type: { kind: "timestamp" },
    values: ["2024-01-02 03:04:05.123456", "1960-01-01 00:00:00", new Date("1950-06-15T12:30:00.250Z"), "0044-03-15 10:00:00.5 BC", "infinity", "-infinity"],
    back: ["2024-01-02 03:04:05.123456", "1960-01-01 00:00:00", "1950-06-15 12:30:00.25", "0044-03-15 10:00:00.5 BC", "infinity", "-infinity"],
    duck: "TIMESTAMP",
  },
  {
    name: "c_tstz",
    type: { kind: "timestamptz" },
    values: ["2024-01-02 03:04:05.123456+00", "1969-07-20 20:17:40.000001+00", new Date("1965-03-04T05:06:07.890Z"), "0044-03-15 10:00:00+00 BC", "-infinity"],
    back: ["2024-01-02 03:04:05.123456+00", "1969-07-20 20:17:40.000001+00", "1965-03-04 05:06:07.89+00", "0044-03-15 10:00:00+00 BC", "-infinity"],
    duck: "TIMESTAMP WITH TIME ZONE",
  },
  {
    name: "c_time",
    type: { kind: "time" },
    values: ["00:00:00", "24:00:00", "13:14:15.123456", "23:59:59.5"],
    back: ["00:00:00", "24:00:00", "13:14:15.123456", "23:59:59.5"],
    duck: "TIME",
  },
  {
    name: "c_interval",
    type: { kind: "interval" },
    values: ["P1Y2M3DT4H5M6.5S", "PT0S", "P-1Y-2M3DT-4H-5M-6.000001S", "P10D", "PT36H", "P-178956970Y-8M"],
    back: ["P1Y2M3DT4H5M6.5S", "PT0S", "P-1Y-2M3DT-4H-5M-6.000001S", "P10D", "PT36H", "P-178956970Y-8M"],
    duck: "INTERVAL",
  },
  {
    name: "c_json",
    type: { kind: "json" },
    values: [{ b: [1, 2, { c: null }], a: 'x, "y"\n' }, [], '"just a string"', 42, { ü: true }], // strings are JSON text already
    back: ['{"b":[1,2,{"c":null}],"a":"x, \\"y\\"\\n"}', "[]", '"just a string"', "42", '{"ü":true}'],
    duck: "JSON",
  },
  {
    name: "c_bytes",
    type: { kind: "bytes" },
    values: [allBytes, new Uint8Array(0), Uint8Array.of(0)],
    back: [Buffer.from(allBytes).toString("base64"), "", "AA=="],
    duck: "BLOB",
  },
  {
    name: "c_nested",
    type: { kind: "array", items: { kind: "array", items: { kind: "integer" } } },
    values: [[[1, 2], [], null, [null]], []],
    back: ["[[1,2],[],null,[null]]", "[]"],
    duck: "INTEGER[][]",
  },
  {
    name: "c_text_array",
    type: { kind: "array", items: { kind: "text" } },
    values: [["a", "b,c", 'q"uote', null, "", "ü\n"]],
    back: ['["a","b,c","q\\"uote",null,"","ü\\n"]'],
    duck: "VARCHAR[]",
  },
  {
    name: "c_date_array",
    type: { kind: "array", items: { kind: "date" } },
    values: [["1969-07-20", null, "2024-02-29"]],
    back: ['["1969-07-20",null,"2024-02-29"]'],
    duck: "DATE[]",
  },
  {
    name: "c_tstz_array",
    type: { kind: "array", items: { kind: "timestamptz" } },
    values: [[new Date("2024-01-02T03:04:05.678Z")]],
    back: ['["2024-01-02 03:04:05.678+00"]'],
    duck: "TIMESTAMP WITH TIME ZONE[]",
  },
  {
    name: "c_bigint_array",
    type: { kind: "array", items: { kind: "bigint" } },
    values: [["9223372036854775807", "-9007199254740993", null], []],
    back: ["[9223372036854775807,-9007199254740993,null]", "[]"],
    duck: "BIGINT[]",
  },
  {
    name: "c_float_array",
    type: { kind: "array", items: { kind: "float" } },
    values: [[0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, -2.5e-7]],
    back: ['[0.1,"NaN","Infinity","-Infinity",null,-2.5e-7]'],
    duck: "DOUBLE[]",
  },
  {
    name: "c_text_matrix",
    type: { kind: "array", items: { kind: "array", items: { kind: "text" } } },
    values: [
      [
        ["a", "b"],
        ["c,d", null],
      ],
      [[], null],
    ],
    back: ['[["a","b"],["c,d",null]]', "[[],null]"],
    duck: "VARCHAR[][]",
  },
  {
    name: "c_bc_date_array",
    type: { kind: "array", items: { kind: "date" } },
    values: [["0044-03-15 BC", "infinity", null]],
    back: ['["0044-03-15 BC","infinity",null]'],
    duck: "DATE[]",
  },
  {
    name: "c_bytes_array",
    type: { kind: "array", items: { kind: "bytes" } },
    values: [[allBytes, null]],
    back: [JSON.stringify([Buffer.from(allBytes).toString("base64"), null])],
    duck: "BLOB[]",
  },
];

const COLUMNS: TColumn[] = [{ name: "id", type: { kind: "integer" }, nullable: false }, ...CASES.map((c) => ({ name: c.name, type: c.type, nullable: true }))];
const WIDTH = Math.max(...CASES.map((c) => c.values.length)) + 1; // the last row is all NULL

describe("type round trip", () => {
  const plan = buildPlan({ table: "types", mode: "incremental_append", columns: COLUMNS, primaryKey: ["id"], cursorField: "id" });

  beforeAll(async () => {
    const rows = Array.from({ length: WIDTH }, (_, i) => [i, ...CASES.map((c) => (i < c.values.length ? c.values[i] : null))]);
    await loadAttempt(warehouse, plan, [rows.slice(0, 3), rows.slice(3)]);
  });

  it("creates each column with its mapped DuckDB type", async () => {
    const types = await warehouse.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND table_name = 'types'`);
    const byName = Object.fromEntries(types.map(([n, t]) => [String(n), String(t)]));
    for (const c of CASES) expect(byName[c.name], c.name).toBe(c.duck);
  });

  it.each(CASES)("$name reads back every value, NULL as NULL", async (c) => {
    const rows = await warehouse.readTable("raw", "types", ["id", c.name]);
    const byId = new Map(rows.map(([id, value]) => [Number(id), value]));
    const expected = Array.from({ length: WIDTH }, (_, i) => (i < c.back.length ? c.back[i] : null));
    expect(Array.from({ length: WIDTH }, (_, i) => byId.get(i))).toEqual(expected);
  });

  it("holds BC dates as DuckDB's own BC dates, so models compare and sort them right", async () => {
    const [row] = await warehouse.query(`SELECT year(c_date), c_date < DATE '0001-01-01', isinf(c_date) FROM raw.types WHERE id = 4`);
    expect(row).toEqual(["-43", true, false]); // year 44 BC is -43 in astronomical numbering
  });

  it("keeps the empty string and NULL apart in text", async () => {
    const counts = await warehouse.query(`SELECT count(*) FILTER (WHERE c_text = ''), count(*) FILTER (WHERE c_text IS NULL) FROM raw.types`);
    expect(counts).toEqual([["1", String(WIDTH - 10)]]);
  });
});
