// duckDbType and fromWireSql: the mapping table, and conversions of wire text evaluated by an in-memory DuckDB.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { duckDbType, fromWireSql } from "@/connectors/duckdb/type-mapping";
import { sqlStringOrNull } from "@/connectors/duckdb/sql-text";

describe("duckDbType", () => {
  it.each<[TWeirType, string]>([
    [{ kind: "boolean" }, "BOOLEAN"],
    [{ kind: "integer" }, "INTEGER"],
    [{ kind: "bigint" }, "BIGINT"],
    [{ kind: "float" }, "DOUBLE"],
    [{ kind: "numeric", precision: 12, scale: 2 }, "DECIMAL(12,2)"],
    [{ kind: "numeric", precision: 38, scale: 38 }, "DECIMAL(38,38)"],
    [{ kind: "numeric", precision: 10 }, "DECIMAL(10,0)"],
    [{ kind: "numeric", precision: 39, scale: 2 }, "VARCHAR"],
    [{ kind: "numeric", precision: 5, scale: 7 }, "VARCHAR"],
    [{ kind: "numeric", precision: 5, scale: -2 }, "VARCHAR"],
    [{ kind: "numeric" }, "DECIMAL(38,10)"],
    [{ kind: "text" }, "VARCHAR"],
    [{ kind: "uuid" }, "UUID"],
    [{ kind: "date" }, "DATE"],
    [{ kind: "timestamp" }, "TIMESTAMP"],
    [{ kind: "timestamptz" }, "TIMESTAMPTZ"],
    [{ kind: "json" }, "JSON"],
    [{ kind: "bytes" }, "BLOB"],
    [{ kind: "array", items: { kind: "integer" } }, "INTEGER[]"],
    [{ kind: "array", items: { kind: "array", items: { kind: "numeric", precision: 4, scale: 1 } } }, "DECIMAL(4,1)[][]"],
  ])("%j → %s", (type, expected) => {
    expect(duckDbType(type)).toBe(expected);
  });
});

describe("fromWireSql", () => {
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

  /** The value of `text` converted to `type`, read back as DuckDB's VARCHAR text (lists as JSON). */
  async function convert(text: string | null, type: TWeirType): Promise<unknown> {
    const value = fromWireSql(sqlStringOrNull(text), type, '"c"');
    const typed = `CAST(${value} AS ${duckDbType(type)})`;
    const shown = type.kind === "array" ? `CAST(to_json(${typed}) AS VARCHAR)` : type.kind === "bytes" ? `hex(${typed})` : `CAST(${typed} AS VARCHAR)`;
    return (await connection.runAndReadAll(`SELECT ${shown}`)).getRowsJson()[0]![0];
  }

  it("keeps NULL NULL and the empty string empty", async () => {
    expect(await convert(null, { kind: "integer" })).toBeNull();
    expect(await convert(null, { kind: "array", items: { kind: "date" } })).toBeNull();
    expect(await convert("", { kind: "text" })).toBe("");
    expect(await convert("", { kind: "bytes" })).toBe("");
  });

  it("reads floats' NaN and infinities", async () => {
    expect(await convert("NaN", { kind: "float" })).toBe("nan");
    expect(await convert("Infinity", { kind: "float" })).toBe("inf");
    expect(await convert("-Infinity", { kind: "float" })).toBe("-inf");
    expect(await convert("1e-7", { kind: "float" })).toBe("1e-07");
  });

  it("keeps every digit of numerics: declared, unconstrained, and wider than DuckDB's DECIMAL", async () => {
    expect(await convert("-12.50", { kind: "numeric", precision: 12, scale: 2 })).toBe("-12.50");
    expect(await convert("123456789012345678901234567890.5", { kind: "numeric", precision: 50, scale: 5 })).toBe("123456789012345678901234567890.5");
    expect(await convert("12345678901234567890.123456789", { kind: "numeric" })).toBe("12345678901234567890.1234567890");
    expect(await convert("0.0000000001", { kind: "numeric" })).toBe("0.0000000001");
    expect(await convert("-1234567890123456789012345678.12345", { kind: "numeric" })).toBe("-1234567890123456789012345678.1234500000");
    expect(await convert("1.50000000000000", { kind: "numeric" })).toBe("1.5000000000"); // trailing zeros are no digits lost
  });

  it("fails, naming the column, rather than round an unconstrained numeric", async () => {
    await expect(convert("0.12345678901", { kind: "numeric" })).rejects.toThrow(/Column "c": numeric value has more than 10 decimal places.*0\.12345678901/);
    await expect(convert("12345678901234567890123456789", { kind: "numeric" })).rejects.toThrow(/Conversion Error/);
  });

  it("reads timestamps with microseconds, UTC offsets and dates before 1970", async () => {
    expect(await convert("2024-01-02 03:04:05.123456+00", { kind: "timestamptz" })).toBe("2024-01-02 03:04:05.123456+00");
    expect(await convert("1901-12-13 20:45:52.000001", { kind: "timestamp" })).toBe("1901-12-13 20:45:52.000001");
    expect(await convert("1969-07-20", { kind: "date" })).toBe("1969-07-20");
  });

  it("decodes base64 bytes", async () => {
    expect(await convert(Buffer.from([0, 1, 254, 255]).toString("base64"), { kind: "bytes" })).toBe("0001FEFF");
  });

  it("validates JSON", async () => {
    expect(await convert('{"a": [1, null]}', { kind: "json" })).toBe('{"a": [1, null]}');
    await expect(convert("{not json", { kind: "json" })).rejects.toThrow(/Malformed JSON/);
  });

  it("turns JSON arrays into lists, natively or element by element", async () => {
    expect(await convert("[1,null,3]", { kind: "array", items: { kind: "integer" } })).toBe("[1,null,3]");
    expect(await convert('["a","b,c","q\\"uote",null,"\\u00fc\\n"]', { kind: "array", items: { kind: "text" } })).toBe('["a","b,c","q\\"uote",null,"ü\\n"]');
    expect(await convert("[[1,2],[],null,[3]]", { kind: "array", items: { kind: "array", items: { kind: "bigint" } } })).toBe("[[1,2],[],null,[3]]");
    expect(await convert('["1969-07-20",null]', { kind: "array", items: { kind: "date" } })).toBe('["1969-07-20",null]');
    expect(await convert('["-12.50","3"]', { kind: "array", items: { kind: "numeric", precision: 12, scale: 2 } })).toBe("[-12.5,3.0]"); // to_json prints DECIMALs as numbers
    expect(await convert('[["AAE="],["/w=="]]', { kind: "array", items: { kind: "array", items: { kind: "bytes" } } })).toBe('[["\\\\x00\\\\x01"],["\\\\xFF"]]');
    expect(await convert("[]", { kind: "array", items: { kind: "uuid" } })).toBe("[]");
  });
});
