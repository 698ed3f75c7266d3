// wireTextSql and the float macros, run in DuckDB and compared with encodeValue / String(number).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TDuckSession, openDuckSession } from "@/connectors/files/duckdb-session";
import { formatIsoInterval } from "@/connectors/json/clock-text";
import { globLiteral, wireTextSql } from "@/connectors/files/wire-sql";
import type { TColumn, TWeirType } from "@/connectors/types";
import { encodeValue } from "@/connectors/wire-format";

let db: TDuckSession;
beforeAll(async () => {
  db = await openDuckSession(new AbortController().signal);
});
afterAll(() => db.close());

/** Wire text DuckDB produces for a SQL literal of type `type`. */
async function wire(literal: string, type: TWeirType): Promise<string | null> {
  const [row] = await db.rows(`SELECT ${wireTextSql(`(${literal})`, type)}`);
  return (row?.[0] ?? null) as string | null;
}

function randomDoubles(n: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    view.setUint32(0, Math.floor(Math.random() * 2 ** 32));
    view.setUint32(4, Math.floor(Math.random() * 2 ** 32));
    out.push(view.getFloat64(0), Math.round(Math.random() * 1e8) / 100, Math.round(Math.random() * 1e6) * 10 ** Math.floor(Math.random() * 40 - 20));
  }
  return out;
}

describe("weir_float_text", () => {
  it("spells doubles exactly as String(number) does", async () => {
    const values = [
      0,
      -0,
      1,
      -1,
      5,
      0.1,
      1e-7,
      1e-6,
      1.5e-6,
      0.000001234,
      1e20,
      1e21,
      123456789012345680,
      2 ** 53,
      5e-324,
      1.7976931348623157e308,
      ...randomDoubles(3000),
    ];
    const finite = values.filter(Number.isFinite);
    const sql = `SELECT weir_float_text(CAST(v AS VARCHAR)) FROM (SELECT unnest([${finite.map((v) => `CAST('${v}' AS DOUBLE)`).join(", ")}]) AS v)`;
    const texts = (await db.rows(sql)).map((r) => r[0]);
    expect(texts).toEqual(finite.map((v) => String(v)));
  });

  it("spells NaN and the infinities as the wire format does", async () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(await wire(`CAST('${v}' AS DOUBLE)`, { kind: "float" })).toBe(encodeValue(v, { kind: "float" }));
    }
  });
});

describe("wireTextSql", () => {
  const cases: { literal: string; column: TColumn; value: unknown }[] = [
    { literal: "true", column: { name: "b", type: { kind: "boolean" }, nullable: true }, value: true },
    { literal: "CAST(-12.50 AS DECIMAL(6,2))", column: { name: "n", type: { kind: "numeric", precision: 6, scale: 2 }, nullable: true }, value: "-12.50" },
    {
      literal: "TIMESTAMPTZ '2024-01-02 05:04:05.25+02'",
      column: { name: "t", type: { kind: "timestamptz" }, nullable: true },
      value: "2024-01-02 03:04:05.25+00",
    },
    {
      literal: "TIMESTAMP_NS '2024-01-02 03:04:05.123456789'",
      column: { name: "t", type: { kind: "timestamp" }, nullable: true },
      value: "2024-01-02 03:04:05.123456",
    },
    { literal: "'\\x00\\xFF'::BLOB", column: { name: "x", type: { kind: "bytes" }, nullable: true }, value: Uint8Array.from([0, 255]) },
    { literal: "{'a': [1, 2], 'b': 'x,\"y\"'}", column: { name: "j", type: { kind: "json" }, nullable: true }, value: { a: [1, 2], b: 'x,"y"' } },
    {
      literal: "[1.5, 'nan'::DOUBLE, NULL, 7.0, '-inf'::DOUBLE]",
      column: { name: "f", type: { kind: "array", items: { kind: "float" } }, nullable: true },
      value: [1.5, Number.NaN, null, 7, Number.NEGATIVE_INFINITY],
    },
    { literal: "TIME '04:05:06.5'", column: { name: "t", type: { kind: "time" }, nullable: true }, value: "04:05:06.5" },
    { literal: "TIME '24:00:00'", column: { name: "t", type: { kind: "time" }, nullable: true }, value: "24:00:00" },
    { literal: "TIME_NS '04:05:06.000001'", column: { name: "t", type: { kind: "time" }, nullable: true }, value: "04:05:06.000001" },
    {
      literal: "[TIME '00:00:00', NULL]",
      column: { name: "t", type: { kind: "array", items: { kind: "time" } }, nullable: true },
      value: ["00:00:00", null],
    },
    { literal: "DATE '0044-03-15 (BC)'", column: { name: "d", type: { kind: "date" }, nullable: true }, value: "0044-03-15 BC" },
    { literal: "DATE '-infinity'", column: { name: "d", type: { kind: "date" }, nullable: true }, value: "-infinity" },
    { literal: "TIMESTAMP '-0043-03-15 10:00:00.25'", column: { name: "t", type: { kind: "timestamp" }, nullable: true }, value: "0044-03-15 10:00:00.25 BC" },
    {
      literal: "TIMESTAMP '-0043-03-15 10:00:00.25'",
      column: { name: "t", type: { kind: "timestamptz" }, nullable: true },
      value: "0044-03-15 10:00:00.25+00 BC",
    },
    { literal: "TIMESTAMPTZ 'infinity'", column: { name: "t", type: { kind: "timestamptz" }, nullable: true }, value: "infinity" },
    {
      literal: "[DATE '0001-01-01 (BC)', DATE '0001-01-01']",
      column: { name: "d", type: { kind: "array", items: { kind: "date" } }, nullable: true },
      value: ["0001-01-01 BC", "0001-01-01"],
    },
    {
      literal: "[[DATE '2024-01-01'], [], NULL]",
      column: { name: "d", type: { kind: "array", items: { kind: "array", items: { kind: "date" } } }, nullable: true },
      value: [["2024-01-01"], [], null],
    },
    {
      literal: "[TIMESTAMPTZ '2024-01-01 00:00:00+00', NULL]",
      column: { name: "z", type: { kind: "array", items: { kind: "timestamptz" } }, nullable: true },
      value: ["2024-01-01 00:00:00+00", null],
    },
    { literal: "CAST(NULL AS INTEGER[])", column: { name: "e", type: { kind: "array", items: { kind: "integer" } }, nullable: true }, value: null },
  ];

  it.each(cases)("$column.type.kind from $literal", async ({ literal, column, value }) => {
    expect(await wire(literal, column.type)).toBe(encodeValue(value, column.type));
  });
});

describe("weir_interval_text", () => {
  it("writes intervals as PostgreSQL's iso_8601 style does", async () => {
    const cases: [string, string][] = [
      ["INTERVAL '1 year 2 months 3 days 04:05:06.5'", "P1Y2M3DT4H5M6.5S"],
      ["-INTERVAL '1 year 2 months 3 days 04:05:06.5'", "P-1Y-2M-3DT-4H-5M-6.5S"],
      ["INTERVAL '100 hours'", "PT100H"],
      ["INTERVAL '0 seconds'", "PT0S"],
      ["INTERVAL '14 months'", "P1Y2M"],
      ["INTERVAL '1 day' - INTERVAL '0.25 seconds'", "P1DT-0.25S"],
      ["INTERVAL '-1 month 5 days'", "P-1M5D"],
      ["INTERVAL '0.000001 seconds'", "PT0.000001S"],
    ];
    for (const [literal, expected] of cases) expect(await wire(literal, { kind: "interval" }), literal).toBe(expected);
    expect(await wire("CAST(NULL AS INTERVAL)", { kind: "interval" })).toBeNull();
    expect(await wire("[INTERVAL '1 day', NULL]", { kind: "array", items: { kind: "interval" } })).toBe('["P1D",null]');
  });

  it("agrees with formatIsoInterval (checked against PostgreSQL) on random months, days and microseconds", async () => {
    const random = (n: number) => Math.floor(Math.random() * (2 * n + 1)) - n;
    const values = Array.from({ length: 500 }, () => ({
      months: random(3000),
      days: random(100_000),
      micros: BigInt(random(2 ** 40)) * (Math.random() < 0.5 ? 1n : 1000n),
    }));
    const sql = values.map((v) => `(to_months(${v.months}) + to_days(${v.days}) + to_microseconds(${v.micros}))`).join(", ");
    const rows = await db.rows(`SELECT ${wireTextSql("i", { kind: "interval" })} FROM (SELECT unnest([${sql}]) AS i)`);
    expect(rows.map((r) => r[0])).toEqual(values.map(formatIsoInterval));
  });
});

describe("globLiteral", () => {
  it("turns glob characters into one-character classes", () => {
    expect(globLiteral("/data/a[1]*?.csv")).toBe("/data/a[[]1][*][?].csv");
  });
});
