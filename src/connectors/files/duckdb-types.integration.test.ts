// weirTypeOf / duckTypeSql / sameWeirType / columnConversion: the files source's type mapping and its stated conversions.
import {
  BIGINT,
  BLOB,
  DECIMAL,
  DOUBLE,
  DuckDBVarCharType,
  HUGEINT,
  INTEGER,
  LIST,
  MAP,
  STRUCT,
  INTERVAL,
  TIME,
  TIME_NS,
  TIMETZ,
  TIMESTAMP_NS,
  TIMESTAMPTZ,
  UBIGINT,
  VARCHAR,
} from "@duckdb/node-api";
import { describe, expect, it } from "vitest";

import { columnConversion } from "@/connectors/files/column-conversion";
import { duckTypeSql, sameWeirType, weirTypeOf } from "@/connectors/files/duckdb-types";

describe("weirTypeOf", () => {
  it("maps DuckDB's scalar types", () => {
    expect(weirTypeOf(INTEGER)).toEqual({ kind: "integer" });
    expect(weirTypeOf(BIGINT)).toEqual({ kind: "bigint" });
    expect(weirTypeOf(HUGEINT)).toEqual({ kind: "numeric" });
    expect(weirTypeOf(UBIGINT)).toEqual({ kind: "numeric" });
    expect(weirTypeOf(DOUBLE)).toEqual({ kind: "float" });
    expect(weirTypeOf(DECIMAL(12, 2))).toEqual({ kind: "numeric", precision: 12, scale: 2 });
    expect(weirTypeOf(TIMESTAMP_NS)).toEqual({ kind: "timestamp" });
    expect(weirTypeOf(TIMESTAMPTZ)).toEqual({ kind: "timestamptz" });
    expect(weirTypeOf(BLOB)).toEqual({ kind: "bytes" });
    expect(weirTypeOf(TIME)).toEqual({ kind: "time" });
    expect(weirTypeOf(TIME_NS)).toEqual({ kind: "time" });
    expect(weirTypeOf(INTERVAL)).toEqual({ kind: "interval" });
    expect(weirTypeOf(TIMETZ)).toEqual({ kind: "text" });
  });

  it("tells JSON from VARCHAR by its alias", () => {
    expect(weirTypeOf(VARCHAR)).toEqual({ kind: "text" });
    expect(weirTypeOf(DuckDBVarCharType.create("JSON"))).toEqual({ kind: "json" });
  });

  it("keeps lists of scalars as arrays and makes anything holding objects JSON", () => {
    expect(weirTypeOf(LIST(LIST(INTEGER)))).toEqual({ kind: "array", items: { kind: "array", items: { kind: "integer" } } });
    expect(weirTypeOf(LIST(STRUCT({ a: INTEGER })))).toEqual({ kind: "json" });
    expect(weirTypeOf(MAP(VARCHAR, INTEGER))).toEqual({ kind: "json" });
  });
});

describe("duckTypeSql", () => {
  it("names the type a column is parsed as; unbounded numerics as text", () => {
    expect(duckTypeSql({ kind: "numeric", precision: 12, scale: 2 })).toBe("DECIMAL(12,2)");
    expect(duckTypeSql({ kind: "numeric" })).toBe("VARCHAR");
    expect(duckTypeSql({ kind: "array", items: { kind: "timestamptz" } })).toBe("TIMESTAMP WITH TIME ZONE[]");
  });

  it("round-trips through weirTypeOf for the types DuckDB infers", () => {
    for (const type of [INTEGER, BIGINT, DOUBLE, DECIMAL(10, 3), TIMESTAMPTZ, TIME, INTERVAL, BLOB, LIST(INTEGER)]) {
      expect(duckTypeSql(weirTypeOf(type))).toBe(type.toString());
    }
  });
});

describe("columnConversion", () => {
  it("states the rule where a value does not arrive exactly, and nothing where it does", () => {
    expect(columnConversion(DOUBLE, "csv")).toMatch(/^decimal text → float: DuckDB reads the nearest double/);
    expect(columnConversion(DOUBLE, "parquet")).toBeUndefined();
    expect(columnConversion(TIMESTAMP_NS, "parquet")).toMatch(/^nanoseconds → microseconds/);
    expect(columnConversion(STRUCT({ a: INTEGER }), "ndjson")).toBe('STRUCT("a" INTEGER) → json: DuckDB\'s to_json of the value');
    expect(columnConversion(LIST(DOUBLE), "csv")).toMatch(/^each element: decimal text → float/);
    expect(columnConversion(TIMETZ, "parquet")).toBe("TIME WITH TIME ZONE → text: DuckDB's text of the value");
    for (const exact of [INTEGER, BIGINT, HUGEINT, DECIMAL(12, 2), VARCHAR, TIMESTAMPTZ, TIME, INTERVAL, BLOB, LIST(INTEGER)]) {
      expect(columnConversion(exact, "csv"), exact.toString()).toBeUndefined();
    }
  });
});

describe("sameWeirType", () => {
  it("compares numeric precision and array items", () => {
    expect(sameWeirType({ kind: "numeric", precision: 10, scale: 2 }, { kind: "numeric", precision: 10, scale: 2 })).toBe(true);
    expect(sameWeirType({ kind: "numeric", precision: 10, scale: 2 }, { kind: "numeric" })).toBe(false);
    expect(sameWeirType({ kind: "array", items: { kind: "integer" } }, { kind: "array", items: { kind: "bigint" } })).toBe(false);
  });
});
