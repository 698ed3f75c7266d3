// weirTypeOf / duckTypeSql / sameWeirType: the files source's type mapping.
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
  TIME,
  TIMESTAMP_NS,
  TIMESTAMPTZ,
  UBIGINT,
  VARCHAR,
} from "@duckdb/node-api";
import { describe, expect, it } from "vitest";

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
    expect(weirTypeOf(TIME)).toEqual({ kind: "text" });
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
    for (const type of [INTEGER, BIGINT, DOUBLE, DECIMAL(10, 3), TIMESTAMPTZ, BLOB, LIST(INTEGER)]) {
      expect(duckTypeSql(weirTypeOf(type))).toBe(type.toString());
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
