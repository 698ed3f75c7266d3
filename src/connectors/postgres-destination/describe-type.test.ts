import { describe, expect, it } from "vitest";

import { describePostgresType } from "@/connectors/postgres-destination/describe-type";
import type { TWeirType } from "@/connectors/types";

const nest = (items: TWeirType, depth: number): TWeirType => (depth === 0 ? items : { kind: "array", items: nest(items, depth - 1) });

describe("describePostgresType", () => {
  it("covers every Weir type: exact ones without a rule", () => {
    const exact: TWeirType["kind"][] = ["boolean", "integer", "bigint", "float", "uuid", "time", "interval", "bytes"];
    for (const kind of exact) expect(describePostgresType({ kind } as TWeirType), kind).toEqual({ type: expect.any(String) });
    expect(describePostgresType({ kind: "numeric" })).toEqual({ type: "numeric", refuses: ["Infinity and -Infinity before PostgreSQL 14"] });
    expect(describePostgresType({ kind: "text" }).refuses).toEqual([expect.stringContaining("NUL")]);
    expect(describePostgresType({ kind: "date" }).refuses).toEqual(["dates before 4713 BC or after 5874897 AD"]);
    expect(describePostgresType({ kind: "timestamptz" }).type).toBe("timestamptz");
  });

  it("states the rules of numeric(p,s) and json", () => {
    expect(describePostgresType({ kind: "numeric", precision: 12, scale: 2 })).toEqual({
      type: "numeric(12,2)",
      conversion:
        "exact at the declared scale, which is all a source of this type sends; a value with more than 2 decimal digits (a source that breaks its declared scale) " +
        "is rounded to 2 (half away from zero), as PostgreSQL's numeric(12,2) does, except in a column kept at numeric(12,2) while the source sends another type, which refuses it",
      refuses: ["Infinity and -Infinity (NaN is kept)"],
    });
    expect(describePostgresType({ kind: "json" })).toMatchObject({
      type: "jsonb",
      conversion: expect.stringContaining("duplicate keys only the last is kept"),
    });
  });

  it("stores arrays as PostgreSQL arrays up to 6 dimensions, refusing what they cannot hold, and deeper ones as jsonb", () => {
    expect(describePostgresType(nest({ kind: "integer" }, 1))).toEqual({ type: "integer[]" });
    expect(describePostgresType(nest({ kind: "integer" }, 2))).toEqual({
      type: "integer[]",
      refuses: [expect.stringContaining("sub-arrays of different lengths")],
    });
    expect(describePostgresType(nest({ kind: "json" }, 1))).toMatchObject({
      type: "jsonb[]",
      conversion: expect.stringMatching(/^each element: stored as jsonb/),
    });
    expect(describePostgresType(nest({ kind: "integer" }, 7))).toEqual({
      type: "jsonb",
      conversion: expect.stringContaining("at most 6 dimensions, this one has 7"),
    });
  });
});
