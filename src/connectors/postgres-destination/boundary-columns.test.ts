// When a boundary's recorded identities can be compared with a plan's rows (pure): added columns keep them; drops and retypes do not.
import { describe, expect, it } from "vitest";

import { boundaryColumns, boundaryRule, stillComparable } from "@/connectors/postgres-destination/boundary-columns";
import type { TColumn } from "@/connectors/types";

const id: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false, sourceType: "bigint" };
const amount: TColumn = { name: "amount", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, sourceType: "numeric(10,2)" };
const at: TColumn = { name: "at", type: { kind: "timestamptz" }, nullable: false };
const recorded = boundaryColumns([id, amount, at]);

describe("boundaryColumns", () => {
  it("records name, the type the wire carries and the source's type name", () => {
    expect(recorded).toEqual([
      { name: "id", type: "bigint", sourceType: "bigint" },
      { name: "amount", type: "numeric(10,2)", sourceType: "numeric(10,2)" },
      { name: "at", type: "timestamptz" },
    ]);
    const kept = { ...amount, castFrom: { kind: "numeric", precision: 12, scale: 4 } } as TColumn;
    expect(boundaryColumns([kept])[0]!.type).toBe("numeric(12,4)");
  });
});

describe("stillComparable", () => {
  it("holds when columns were added or moved", () => {
    expect(stillComparable(recorded, [at, { name: "channel", type: { kind: "text" }, nullable: true }, amount, id])).toBe(true);
  });

  it("fails when a column was dropped (renamed, ignored), retyped, kept at its type while the source sends another, or its source type changed", () => {
    expect(stillComparable(recorded, [id, at])).toBe(false);
    expect(stillComparable(recorded, [id, { ...amount, name: "total" }, at])).toBe(false);
    expect(stillComparable(recorded, [id, { ...amount, type: { kind: "numeric", precision: 12, scale: 4 }, sourceType: "numeric(12,4)" }, at])).toBe(false);
    expect(stillComparable(recorded, [id, { ...amount, castFrom: { kind: "numeric", precision: 12, scale: 4 } }, at])).toBe(false);
    expect(stillComparable(recorded, [id, amount, { ...at, sourceType: "timestamp(3) with time zone" }])).toBe(false);
    const real: TColumn = { name: "x", type: { kind: "float" }, nullable: true, sourceType: "real" };
    expect(stillComparable(boundaryColumns([real]), [{ ...real, sourceType: "double precision" }])).toBe(false);
  });
});

describe("boundaryRule", () => {
  const plan = [id, amount, at];
  it("compares over the recorded columns while the plan still has them", () => {
    expect(boundaryRule("T", { cursor: "T", columns: recorded.slice(0, 2) }, false, plan)).toEqual({
      held: { kind: "compare", columns: recorded.slice(0, 2) },
      replace: false,
    });
    expect(boundaryRule(null, { cursor: null, columns: recorded }, false, plan).held.kind).toBe("compare");
  });

  it("holds every row at the saved cursor when the identities cannot be compared, or no boundary was ever recorded for it", () => {
    expect(boundaryRule("T", { cursor: "T", columns: recorded }, false, [id, at])).toEqual({ held: { kind: "all" }, replace: true });
    expect(boundaryRule("T", null, false, plan)).toEqual({ held: { kind: "all" }, replace: true });
  });

  it("holds nothing for a first load, or when the boundary is at another cursor (then replaces it)", () => {
    expect(boundaryRule(null, null, false, plan)).toEqual({ held: { kind: "none" }, replace: false });
    expect(boundaryRule("T", { cursor: "S", columns: recorded }, false, plan)).toEqual({ held: { kind: "none" }, replace: true });
    expect(boundaryRule("T", { cursor: null, columns: recorded }, false, plan).held.kind).toBe("none");
  });

  it("takes identities recorded without a head as hashed over the plan's columns", () => {
    expect(boundaryRule("T", null, true, plan)).toEqual({ held: { kind: "compare", columns: recorded }, replace: false });
  });
});
