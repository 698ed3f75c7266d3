// fromWireSql and refusedSql evaluated by an in-memory DuckDB: exact values at the edges, and the silent changes of DuckDB's own casts refused.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { NON_CANONICAL, fromWireSql, refusedSql } from "@/connectors/duckdb/from-wire-sql";
import { sqlStringOrNull } from "@/connectors/duckdb/sql-text";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";
import { duckDbType } from "@/connectors/duckdb/type-mapping";

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

const one = async (sql: string) => (await connection.runAndReadAll(`SELECT ${sql}`)).getRowsJson()[0]![0];

/** `text` converted to `type` and read back as wire text. */
async function roundTrip(text: string | null, type: TWeirType): Promise<unknown> {
  const typed = `CAST(${fromWireSql(sqlStringOrNull(text), type, '"c"')} AS ${duckDbType(type)})`;
  return one(toWireSql(typed, type));
}

/** Whether `text` is refused: strict conversion fails, try conversion and refusedSql agree. */
async function refused(text: string, type: TWeirType): Promise<boolean> {
  const literal = sqlStringOrNull(text);
  const verdict = (await one(refusedSql(literal, type))) as boolean;
  const tried = await one(`(${fromWireSql(literal, type, '"c"', "try")}) IS NULL`);
  expect(tried, `try mode agrees with refusedSql for ${text}`).toBe(verdict);
  const strict = await one(fromWireSql(literal, type, '"c"')).then(
    () => false,
    () => true,
  );
  expect(strict, `strict mode agrees with refusedSql for ${text}`).toBe(verdict);
  return verdict;
}

const int: TWeirType = { kind: "integer" };
const dec = (precision: number, scale: number): TWeirType => ({ kind: "numeric", precision, scale });
const list = (items: TWeirType): TWeirType => ({ kind: "array", items });

describe("fromWireSql keeps every value exactly", () => {
  it.each<[TWeirType, string]>([
    [int, "-2147483648"],
    [{ kind: "bigint" }, "9223372036854775807"],
    [{ kind: "float" }, "NaN"],
    [{ kind: "float" }, "-Infinity"],
    [{ kind: "float" }, "1e-7"],
    [dec(12, 2), "-12.50"],
    [dec(38, 10), "1234567890123456789012345678.1234567890"],
    [{ kind: "numeric" }, "0.000000000000000000000000000000000000001234567890123456789"],
    [{ kind: "numeric" }, "NaN"],
    [{ kind: "numeric" }, "-Infinity"],
    [{ kind: "numeric", precision: 60, scale: 20 }, "-123456789012345678901234567890123456789.12345678901234567890"],
    [{ kind: "date" }, "0044-03-15 BC"],
    [{ kind: "date" }, "0001-01-01 BC"],
    [{ kind: "date" }, "9999-12-31"],
    [{ kind: "date" }, "infinity"],
    [{ kind: "date" }, "-infinity"],
    [{ kind: "timestamp" }, "0044-03-15 10:00:00.5 BC"],
    [{ kind: "timestamp" }, "0001-01-01 00:00:00"],
    [{ kind: "timestamp" }, "-infinity"],
    [{ kind: "timestamptz" }, "0044-03-15 10:00:00+00 BC"],
    [{ kind: "timestamptz" }, "2024-01-02 03:04:05.123456+00"],
    [{ kind: "timestamptz" }, "infinity"],
    [{ kind: "time" }, "24:00:00"],
    [{ kind: "time" }, "13:14:15.123456"],
    [{ kind: "interval" }, "P1Y2M3DT4H5M6.5S"],
    [{ kind: "interval" }, "PT0S"],
    [{ kind: "interval" }, "P-1Y-2M3DT-4H-5M-6.000001S"],
    [{ kind: "interval" }, "P10D"],
    [{ kind: "interval" }, "PT-0.5S"],
    [{ kind: "interval" }, "PT2562047788H"],
    [{ kind: "interval" }, "P178956970Y7M"],
    [{ kind: "json" }, '{"b":[1,2],"a":"x, \\"y\\""}'],
    [{ kind: "bytes" }, Buffer.from([0, 1, 254, 255]).toString("base64")],
    [{ kind: "uuid" }, "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"],
    [list(int), "[1,null,3]"],
    [list(int), "[]"],
    [list(list(int)), "[[1,2],[3,null]]"],
    [list(list(int)), "[[],null]"],
    [list({ kind: "bigint" }), "[9223372036854775807,-9007199254740993,null]"],
    [list({ kind: "float" }), '[0.1,"NaN","Infinity","-Infinity",null,-2.5e-7]'],
    [list(list({ kind: "text" })), '[["a","b"],["c,d",null]]'],
    [list({ kind: "date" }), '["0044-03-15 BC","infinity",null]'],
    [list(dec(12, 2)), '["-12.50","3.00"]'],
    [list({ kind: "interval" }), '["P1D","PT0S"]'],
    [list({ kind: "boolean" }), "[true,false,null]"],
  ])("%j: %s", async (type, text) => {
    expect(await roundTrip(text, type)).toBe(text);
  });

  it("keeps NULL NULL and the empty string empty", async () => {
    expect(await roundTrip(null, int)).toBeNull();
    expect(await roundTrip(null, list({ kind: "date" }))).toBeNull();
    expect(await roundTrip("", { kind: "text" })).toBe("");
    expect(await roundTrip("", { kind: "bytes" })).toBe("");
  });

  it("reads exponent spellings that a DECIMAL holds exactly, and trailing zeros beyond the scale", async () => {
    expect(await roundTrip("1.5e2", dec(5, 2))).toBe("150.00");
    expect(await roundTrip("-125e-2", dec(5, 2))).toBe("-1.25");
    expect(await roundTrip("12345678901234567890123456789012345e-10", dec(38, 10))).toBe("1234567890123456789012345.6789012345");
    expect(await roundTrip("1.50000", dec(5, 2))).toBe("1.50");
    expect(await roundTrip("0e-300", dec(5, 2))).toBe("0.00");
  });

  it("converts a timestamptz offset to UTC (the same instant)", async () => {
    expect(await roundTrip("2024-01-02 03:04:05+05:30", { kind: "timestamptz" })).toBe("2024-01-01 21:34:05+00");
  });
});

describe("fromWireSql refuses what would change", () => {
  it.each<[TWeirType, string]>([
    [int, "1.5"], // DuckDB's cast would round it to 2
    [int, "1e2"],
    [int, "-0.5"],
    [int, "2147483648"],
    [{ kind: "bigint" }, "9223372036854775808"],
    [dec(5, 2), "1.005"], // DuckDB's cast would round it to 1.01
    [dec(5, 2), "1e-300"], // DuckDB's cast would make it 0.00
    [dec(5, 2), "1234.5"],
    [dec(5, 2), "NaN"],
    [dec(5, 2), "Infinity"],
    [dec(5, 2), "1e99999"],
    [{ kind: "numeric" }, "twelve"],
    [{ kind: "numeric" }, "1,5"],
    [{ kind: "date" }, "2024-01-02 03:04:05"], // DuckDB's cast would drop the time
    [{ kind: "date" }, "2024-01-02 xyz"],
    [{ kind: "date" }, "2024-02-30"],
    [{ kind: "date" }, "2024-01-2x"], // DuckDB's cast would read 2024-01-02
    [{ kind: "timestamptz" }, "2024-01-02 03:04:05.1234567+00"], // DuckDB's cast would drop the 7th digit
    [{ kind: "time" }, "12:00:00 xyz"], // DuckDB's cast would ignore the rest
    [{ kind: "timestamp" }, "2024-01-02 03:04:05+05"], // DuckDB's cast would drop the offset
    [{ kind: "timestamp" }, "2024-01-02 03:04:05.1234567"],
    [{ kind: "timestamp" }, "294276-01-01 00:00:00"],
    [{ kind: "time" }, "13:14:15+02"],
    [{ kind: "time" }, "25:00:00"],
    [{ kind: "interval" }, "1 day"],
    [{ kind: "interval" }, "P"],
    [{ kind: "interval" }, "P1DT"],
    [{ kind: "interval" }, "P99999999999Y"],
    [{ kind: "json" }, "{not json"],
    [{ kind: "bytes" }, "!!"],
    [{ kind: "uuid" }, "not-a-uuid"],
    [list(int), "[1.5]"], // DuckDB's JSON cast would round it to 2
    [list(int), '["x"]'],
    [list(int), "[[1]]"], // more dimensions than the column
    [list(list(int)), "[1,2]"], // fewer
    [list({ kind: "text" }), '[["a"]]'],
    [list({ kind: "text" }), '[{"a":1}]'],
    [list(int), "{}"],
    [list(int), "not json"],
    [list({ kind: "bigint" }), "[18446744073709551616]"],
  ])("%j: %s", async (type, text) => {
    expect(await refused(text, type)).toBe(true);
  });

  it("accepts what it keeps (the checks agree in every mode)", async () => {
    expect(await refused("[[1,2],[3,null]]", list(list(int)))).toBe(false);
    expect(await refused("P-1Y-2M3DT-4H-5M-6.000001S", { kind: "interval" })).toBe(false);
    expect(await refused("0044-03-15 10:00:00+00 BC", { kind: "timestamptz" })).toBe(false);
  });

  it("names the column and the value in the strict error", async () => {
    await expect(one(fromWireSql("'1.005'", dec(5, 2), '"amount"'))).rejects.toThrow(
      /Column "amount": not a number that DECIMAL\(5,2\) holds exactly.*: 1\.005/,
    );
  });
});

describe("fromWireSql fast mode", () => {
  const fast = (text: string | null, type: TWeirType) => one(`CAST(${fromWireSql(sqlStringOrNull(text), type, '"c"', "fast")} AS VARCHAR)`);

  it("converts the canonical shapes the sources write, and NULL", async () => {
    expect(await fast("-42", int)).toBe("-42");
    expect(await fast("-12.50", dec(12, 2))).toBe("-12.50");
    expect(await fast("2024-02-29", { kind: "date" })).toBe("2024-02-29");
    expect(await fast("2024-01-02 03:04:05.123456+00", { kind: "timestamptz" })).toBe("2024-01-02 03:04:05.123456+00");
    expect(await fast("2024-01-02 03:04:05.5", { kind: "timestamp" })).toBe("2024-01-02 03:04:05.5");
    expect(await fast("24:00:00", { kind: "time" })).toBe("24:00:00");
    expect(await fast(null, { kind: "date" })).toBeNull();
  });

  it("leaves every other spelling, valid or not, to the strict rules (NON_CANONICAL), never converting it itself", async () => {
    for (const [text, type] of [
      ["0044-03-15 BC", { kind: "date" }],
      ["infinity", { kind: "date" }],
      ["1.5e2", dec(5, 2)],
      ["1.005", dec(5, 2)],
      ["1.5", int],
      ["2024-01-02 03:04:05+05:30", { kind: "timestamptz" }],
      ["2024-01-2x", { kind: "date" }],
    ] as [string, TWeirType][]) {
      await expect(fast(text, type), text).rejects.toThrow(NON_CANONICAL);
    }
    await expect(fast("xyz", int)).rejects.toThrow(/Could not convert/); // no fraction or exponent: DuckDB's own cast refuses it
  });
});
