// cursorKeySql: cursors compare by value, exactly, evaluated by an in-memory DuckDB.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { cursorKeySql, storedCursorKeySql } from "@/connectors/duckdb/cursor-sql";
import { sqlString } from "@/connectors/duckdb/sql-text";

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

/** `texts` sorted by their cursor keys (DuckDB's ORDER BY), ties in input order. */
async function sortedByKey(texts: string[], type: TWeirType): Promise<string[]> {
  const values = texts.map((t, i) => `(${i}, ${sqlString(t)})`).join(", ");
  const sql = `SELECT v FROM (VALUES ${values}) AS t(i, v) ORDER BY ${cursorKeySql("v", type)}, i`;
  return (await connection.runAndReadAll(sql)).getRowsJson().map((r) => String(r[0]));
}

describe("cursorKeySql", () => {
  it("orders numerics stored as exact text by value, whatever their length or spelling", async () => {
    const ascending = [
      "-Infinity",
      "-123456789012345678901234567890123456789",
      "-10",
      "-9.5",
      "-1.51",
      "-1.5",
      "-1",
      "-0.000000000000000000000000000000000000001",
      "0",
      "1e-300",
      "0.000000000000000000000000000000000000001",
      "0.5",
      "1",
      "1.0000000000000000000000000000000000000001",
      "1.5",
      "1.51",
      "9.5",
      "10.00",
      "123456789012345678901234567890123456789",
      "1e300",
      "Infinity",
      "NaN",
    ];
    const shuffled = [...ascending].reverse();
    expect(await sortedByKey(shuffled, { kind: "numeric" })).toEqual(ascending);
  });

  it("makes equal values equal keys: trailing zeros, exponents and zeros", async () => {
    const same = async (a: string, b: string) =>
      (
        await connection.runAndReadAll(`SELECT ${cursorKeySql(sqlString(a), { kind: "numeric" })} = ${cursorKeySql(sqlString(b), { kind: "numeric" })}`)
      ).getRowsJson()[0]![0];
    expect(await same("10.00", "10")).toBe(true);
    expect(await same("1.5e1", "15")).toBe(true);
    expect(await same("0.00", "-0")).toBe(true);
    expect(await same("-1.5", "-1.50")).toBe(true);
    expect(await same("1.5", "1.51")).toBe(false);
  });

  it("keys a NULL numeric as NULL (a struct of NULLs would sort above every number), in SQL small enough to bind quickly", async () => {
    const [row] = (
      await connection.runAndReadAll(
        `SELECT ${cursorKeySql("CAST(NULL AS VARCHAR)", { kind: "numeric" })} IS NULL, arg_max(v, ${cursorKeySql("v", { kind: "numeric" })}) FROM (VALUES (NULL), ('9'), ('10'), (NULL)) AS t(v)`,
      )
    ).getRowsJson();
    expect(row).toEqual([true, "10"]);
    expect(cursorKeySql("v", { kind: "numeric" }).length).toBeLessThan(5_000);
  });

  it("orders BC dates and timestamps before AD ones, and infinities outside", async () => {
    expect(await sortedByKey(["2024-01-01", "0044-03-15 BC", "infinity", "0001-01-01", "-infinity", "0100-01-01 BC"], { kind: "date" })).toEqual([
      "-infinity",
      "0100-01-01 BC",
      "0044-03-15 BC",
      "0001-01-01",
      "2024-01-01",
      "infinity",
    ]);
    expect(await sortedByKey(["2024-05-01 10:00:00+00", "0044-03-15 10:00:00+00 BC", "2024-05-01 09:00:00.5+00"], { kind: "timestamptz" })).toEqual([
      "0044-03-15 10:00:00+00 BC",
      "2024-05-01 09:00:00.5+00",
      "2024-05-01 10:00:00+00",
    ]);
  });

  it("compares stored values with cursor text: typed columns as they are, text numerics by key", async () => {
    const [row] = (
      await connection.runAndReadAll(
        `SELECT ${storedCursorKeySql("TIMESTAMPTZ '2024-05-01 10:00:00+00'", { kind: "timestamptz" })} = ${cursorKeySql("'2024-05-01 10:00:00.000+00'", { kind: "timestamptz" })},
        ${storedCursorKeySql("'10.0'", { kind: "numeric" })} = ${cursorKeySql("'10'", { kind: "numeric" })}`,
      )
    ).getRowsJson();
    expect(row).toEqual([true, true]);
  });
});
