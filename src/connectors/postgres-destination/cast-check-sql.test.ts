// Which castFrom columns are checked value by value, and the SQL of the check (pure).
import { describe, expect, it } from "vitest";

import { castColumnFromWire, castKeepsValueSql, comparedAs } from "@/connectors/postgres-destination/cast-check-sql";
import type { TColumn, TWeirType } from "@/connectors/types";

const col = (type: TWeirType, castFrom?: TWeirType): TColumn => ({ name: "v", type, nullable: true, ...(castFrom ? { castFrom } : {}) });
const money: TWeirType = { kind: "numeric", precision: 10, scale: 2 };

describe("comparedAs", () => {
  it("compares in the source's type without its precision, text as the column's type without one", () => {
    expect(comparedAs(col(money, { kind: "numeric", precision: 12, scale: 4 }))).toEqual({ kind: "numeric" });
    expect(comparedAs(col({ kind: "date" }, { kind: "timestamp" }))).toEqual({ kind: "timestamp" });
    expect(comparedAs(col(money, { kind: "text" }))).toEqual({ kind: "numeric" });
    expect(comparedAs(col({ kind: "array", items: money }, { kind: "array", items: { kind: "float" } }))).toEqual({ kind: "array", items: { kind: "float" } });
  });

  it("checks nothing without castFrom, into text, or where the cast is the parse itself", () => {
    expect(comparedAs(col(money))).toBeNull();
    expect(comparedAs(col({ kind: "text" }, { kind: "integer" }))).toBeNull();
    expect(comparedAs(col({ kind: "integer" }, { kind: "text" }))).toBeNull();
    expect(castColumnFromWire("s.c1", col(money))).toBe("(s.c1)::numeric(10,2)");
  });
});

describe("castColumnFromWire", () => {
  it("reads the stored value back and refuses one that changed, failing its cast with the value in the message", () => {
    const c = col(money, { kind: "numeric", precision: 12, scale: 4 });
    expect(castKeepsValueSql("s.c1", c)).toBe("((((s.c1)::numeric(10,2))::text)::numeric IS NOT DISTINCT FROM (s.c1)::numeric)");
    expect(castColumnFromWire("s.c1", c)).toBe(
      `CASE WHEN ${castKeepsValueSql("s.c1", c)} THEN (s.c1)::numeric(10,2) ELSE ((('Weir refuses a value that would change: ' || s.c1)::integer)::text)::numeric(10,2) END`,
    );
  });
});
