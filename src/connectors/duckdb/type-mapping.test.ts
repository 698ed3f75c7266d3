// duckDbType, weirTypeOfDuckDb and describeDuckDbType: the mapping table both ways and the rules the connection page shows.
import { describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { isWidening } from "@/connectors/type-widening";
import { describeDuckDbType, duckDbType, weirTypeOfDuckDb } from "@/connectors/duckdb/type-mapping";

const MAPPING: [TWeirType, string][] = [
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
  [{ kind: "numeric" }, "VARCHAR"],
  [{ kind: "text" }, "VARCHAR"],
  [{ kind: "uuid" }, "UUID"],
  [{ kind: "date" }, "DATE"],
  [{ kind: "timestamp" }, "TIMESTAMP"],
  [{ kind: "timestamptz" }, "TIMESTAMP WITH TIME ZONE"],
  [{ kind: "time" }, "TIME"],
  [{ kind: "interval" }, "INTERVAL"],
  [{ kind: "json" }, "JSON"],
  [{ kind: "bytes" }, "BLOB"],
  [{ kind: "array", items: { kind: "integer" } }, "INTEGER[]"],
  [{ kind: "array", items: { kind: "array", items: { kind: "numeric", precision: 4, scale: 1 } } }, "DECIMAL(4,1)[][]"],
];

describe("duckDbType", () => {
  it.each(MAPPING)("%j → %s", (type, expected) => {
    expect(duckDbType(type)).toBe(expected);
  });
});

describe("weirTypeOfDuckDb", () => {
  it("maps every type Weir creates back to a type whose DuckDB type is the same", () => {
    for (const [, duck] of MAPPING) expect(duckDbType(weirTypeOfDuckDb(duck)!), duck).toBe(duck);
  });

  it("maps narrower stored types to Weir types that widen into the planned one, and foreign types to null", () => {
    expect(weirTypeOfDuckDb("SMALLINT")).toEqual({ kind: "integer" });
    expect(weirTypeOfDuckDb("decimal(38, 10)")).toEqual({ kind: "numeric", precision: 38, scale: 10 });
    expect(isWidening(weirTypeOfDuckDb("DECIMAL(38,10)")!, { kind: "numeric" })).toBe(true); // an unconstrained numeric stored by an earlier Weir
    expect(weirTypeOfDuckDb("TIMESTAMP WITH TIME ZONE[][]")).toEqual({ kind: "array", items: { kind: "array", items: { kind: "timestamptz" } } });
    expect(weirTypeOfDuckDb("STRUCT(a INTEGER)")).toBeNull();
    expect(weirTypeOfDuckDb("INTEGER[3]")).toBeNull();
    expect(weirTypeOfDuckDb("TIMESTAMP_NS")).toBeNull();
  });
});

describe("describeDuckDbType", () => {
  it("states the conversion of numerics DuckDB's DECIMAL cannot hold, and for their arrays", () => {
    expect(describeDuckDbType({ kind: "numeric" })).toMatchObject({
      type: "VARCHAR",
      conversion: expect.stringMatching(/^exact decimal text .*38 digits.*cast in models/),
    });
    expect(describeDuckDbType({ kind: "array", items: { kind: "numeric", precision: 50, scale: 2 } }).conversion).toMatch(/^elements as exact decimal text/);
  });

  it("is exact for the rest, and names the value classes it refuses", () => {
    expect(describeDuckDbType({ kind: "date" })).toEqual({ type: "DATE" });
    expect(describeDuckDbType({ kind: "interval" })).toEqual({ type: "INTERVAL" });
    expect(describeDuckDbType({ kind: "numeric", precision: 12, scale: 2 })).toEqual({
      type: "DECIMAL(12,2)",
      refuses: ["NaN and ±Infinity"],
    });
    expect(describeDuckDbType({ kind: "timestamptz" }).refuses).toEqual(["timestamps after 294247 AD (DuckDB's range)"]);
    expect(describeDuckDbType({ kind: "array", items: { kind: "array", items: { kind: "integer" } } })).toEqual({
      type: "INTEGER[][]",
      refuses: ["arrays with more or fewer dimensions than the column"],
    });
    expect(describeDuckDbType({ kind: "array", items: { kind: "timestamp" } }).refuses).toEqual([
      "arrays with more or fewer dimensions than the column",
      "elements: timestamps after 294247 AD (DuckDB's range)",
    ]);
    // Only values of the type are listed: a fraction in a bigint is no bigint, and every destination refuses it.
    expect(describeDuckDbType({ kind: "bigint" })).toEqual({ type: "BIGINT" });
    expect(describeDuckDbType({ kind: "numeric" })).not.toHaveProperty("refuses");
  });
});
