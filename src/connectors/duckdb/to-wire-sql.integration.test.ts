// toWireSql on values DuckDB made itself (not only ones Weir loaded): the wire's spelling of each type, evaluated by an in-memory DuckDB.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const wire = async (value: string, type: TWeirType) => (await connection.runAndReadAll(`SELECT ${toWireSql(`(${value})`, type)}`)).getRowsJson()[0]![0];

describe("toWireSql", () => {
  it.each<[string, TWeirType, string | null]>([
    ["CAST(1e-7 AS DOUBLE)", { kind: "float" }, "1e-7"],
    ["CAST('-inf' AS DOUBLE)", { kind: "float" }, "-Infinity"],
    ["CAST(1e21 AS DOUBLE)", { kind: "float" }, "1e+21"],
    ["CAST(1e20 AS DOUBLE)", { kind: "float" }, "100000000000000000000"],
    ["CAST(123456789012345680000 AS DOUBLE)", { kind: "float" }, "123456789012345680000"],
    ["CAST(2 AS DOUBLE)", { kind: "float" }, "2"],
    ["CAST('-0' AS DOUBLE)", { kind: "float" }, "0"],
    ["CAST(0.00001 AS DOUBLE)", { kind: "float" }, "0.00001"],
    ["CAST(-1.5e-7 AS DOUBLE)", { kind: "float" }, "-1.5e-7"],
    ["CAST(5e-324 AS DOUBLE)", { kind: "float" }, "5e-324"],
    ["CAST(-123.456 AS DOUBLE)", { kind: "float" }, "-123.456"],
    ["DATE '-0043-03-15'", { kind: "date" }, "0044-03-15 BC"],
    ["TIMESTAMP '1999-12-31 23:59:59.999999'", { kind: "timestamp" }, "1999-12-31 23:59:59.999999"],
    ["CAST('-0043-03-15 10:00:00.25+00' AS TIMESTAMPTZ)", { kind: "timestamptz" }, "0044-03-15 10:00:00.25+00 BC"],
    ["TIME '24:00:00'", { kind: "time" }, "24:00:00"],
    ["CAST('294246-12-31 23:59:59.999999+00' AS TIMESTAMPTZ)", { kind: "timestamptz" }, "294246-12-31 23:59:59.999999+00"], // ICU's own text rounds it
    ["CAST('2024-05-01 12:00:00+02' AS TIMESTAMPTZ)", { kind: "timestamptz" }, "2024-05-01 10:00:00+00"],
    ["CAST('-infinity' AS TIMESTAMPTZ)", { kind: "timestamptz" }, "-infinity"],
    ["INTERVAL '1 month 30 days 25 hours'", { kind: "interval" }, "P1M30DT25H"],
    ["INTERVAL '-1 year' + INTERVAL '1 second'", { kind: "interval" }, "P-1YT1S"],
    ["INTERVAL '0 seconds'", { kind: "interval" }, "PT0S"],
    ["to_microseconds(-1)", { kind: "interval" }, "PT-0.000001S"],
    ["CAST(12.5 AS DECIMAL(12,3))", { kind: "numeric", precision: 12, scale: 3 }, "12.500"],
    ["'\\x00\\xFF'::BLOB", { kind: "bytes" }, "AP8="],
    ["[[1, NULL], NULL, []]::INTEGER[][]", { kind: "array", items: { kind: "array", items: { kind: "integer" } } }, "[[1,null],null,[]]"],
    ["['a\"b', NULL]::VARCHAR[]", { kind: "array", items: { kind: "text" } }, '["a\\"b",null]'],
    ["[CAST('nan' AS DOUBLE), 2.5, 3, 1e-7]", { kind: "array", items: { kind: "float" } }, '["NaN",2.5,3,1e-7]'],
    ["[12.50]::DECIMAL(4,2)[]", { kind: "array", items: { kind: "numeric", precision: 4, scale: 2 } }, '["12.50"]'],
    ["[INTERVAL '1 day']", { kind: "array", items: { kind: "interval" } }, '["P1D"]'],
    ["NULL::INTEGER[]", { kind: "array", items: { kind: "integer" } }, null],
  ])("%s as %j → %s", async (value, type, expected) => {
    expect(await wire(value, type)).toBe(expected);
  });
});

describe("toWireSql of floats", () => {
  it("writes what JavaScript's String() writes, for doubles of every magnitude", async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const values = Array.from({ length: 400 }, (_, i) => (random() - 0.5) * 10 ** Math.round(random() * 60 - 30) * (i % 7 === 0 ? 1e250 : 1));
    values.push(Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2, 1 / 3, 2 ** 53, 2 ** 53 + 2, 1e-6, 1e-7, 1e20, 1e21);
    const sql = `SELECT ${toWireSql("v", { kind: "float" })} FROM (VALUES ${values.map((v, i) => `(${i}, CAST('${v}' AS DOUBLE))`).join(", ")}) AS t(i, v) ORDER BY i`;
    const rows = (await connection.runAndReadAll(sql)).getRowsJson().map((r) => r[0]);
    expect(rows).toEqual(values.map(String));
  });
});
