/**
 * Schema-change detection and the three policies, with type changes that
 * widen (propagate) and those that need a person's choice (pause).
 */
import { describe, expect, it } from "vitest";
import type { TColumn } from "@/connectors/types";
import { decideSchema, diffColumns, typeName } from "@/engine/sync/schema-diff";

const col = (name: string, type: TColumn["type"], sourceType?: string): TColumn => ({ name, type, nullable: true, ...(sourceType ? { sourceType } : {}) });
const accepted = [col("id", { kind: "bigint" }), col("price", { kind: "numeric", precision: 10, scale: 2 }), col("legacy", { kind: "text" })];
const current = [col("id", { kind: "bigint" }), col("price", { kind: "numeric", precision: 12, scale: 2 }), col("email", { kind: "text" })];
const decide = (policy: "propagate" | "pause" | "ignore", now: TColumn[], overrides = {}, before = accepted) =>
  decideSchema({ policy, stream: "public.t", accepted: before, current: now, overrides });

describe("diffColumns", () => {
  it("finds added, dropped and retyped columns", () => {
    expect(diffColumns(accepted, current)).toEqual([
      { change: "type_changed", column: "price", fromType: "numeric(10,2)", toType: "numeric(12,2)" },
      { change: "column_added", column: "email", fromType: null, toType: "text" },
      { change: "column_dropped", column: "legacy", fromType: "text", toType: null },
    ]);
  });

  it("finds nothing when only nullability or order differ", () => {
    expect(
      diffColumns(
        accepted,
        [...accepted].reverse().map((c) => ({ ...c, nullable: false })),
      ),
    ).toEqual([]);
  });

  it("names array types", () => {
    expect(typeName({ kind: "array", items: { kind: "integer" } })).toBe("integer[]");
  });
});

describe("decideSchema", () => {
  it("accepts the source's columns on the first run", () => {
    expect(decide("pause", current, {}, [])).toMatchObject({ action: "propagated", accept: current, plan: current, changes: [] });
  });

  it("propagate syncs the current columns when every type change widens", () => {
    expect(decide("propagate", current)).toMatchObject({ action: "propagated", accept: current, plan: current });
  });

  it.each([
    ["integer → bigint", { kind: "integer" }, { kind: "bigint" }],
    ["integer → text", { kind: "integer" }, { kind: "text" }],
    ["numeric(10,2) → numeric", { kind: "numeric", precision: 10, scale: 2 }, { kind: "numeric" }],
  ] as const)("propagate applies a widening change: %s", (_, from, to) => {
    const outcome = decide("propagate", [col("id", { kind: "bigint" }), col("c", to)], {}, [col("id", { kind: "bigint" }), col("c", from)]);
    expect(outcome).toMatchObject({ action: "propagated", plan: [col("id", { kind: "bigint" }), col("c", to)] });
  });

  it("propagate pauses on a type change that is not widening, naming stream, column, both types and the three choices", () => {
    const outcome = decide("propagate", [col("id", { kind: "bigint" }), col("c", { kind: "integer" })], {}, [
      col("id", { kind: "bigint" }),
      col("c", { kind: "text" }),
    ]);
    expect(outcome.action).toBe("paused");
    expect(outcome.pending?.conflicts).toEqual([{ column: "c", fromType: "text", toType: "integer" }]);
    expect(outcome.reason).toBe(
      "The schema of public.t changed: c type changed (text → integer). The destination cannot convert public.t.c from text to integer by itself. " +
        "Choose on the connection page: rebuild the table from scratch, keep text and cast new values into it, or ignore the column. " +
        "The connection resumes once every such column has a choice.",
    );
  });

  it("ignore keeps the accepted columns that still exist, with their accepted types", () => {
    const outcome = decide("ignore", current);
    expect(outcome).toMatchObject({ action: "ignored", plan: [accepted[0], accepted[1]] });
    expect(outcome.accept).toBeUndefined();
  });

  it("pause stops with a reason naming each change, and keeps the source's columns pending without conflicts for widening changes", () => {
    const outcome = decide("pause", current);
    expect(outcome).toMatchObject({ action: "paused", plan: [], pending: { columns: current, conflicts: [] } });
    expect(outcome.reason).toBe(
      "The schema of public.t changed: price type changed (numeric(10,2) → numeric(12,2)), email added, legacy dropped. Review the streams and resume the connection.",
    );
  });

  it("a rename is a drop and an add: propagate loads the new name, ignore keeps what still exists", () => {
    const renamed = [accepted[0]!, accepted[1]!, col("old_legacy", { kind: "text" })];
    expect(decide("propagate", renamed)).toMatchObject({ action: "propagated", plan: renamed });
    expect(decide("ignore", renamed).plan).toEqual([accepted[0], accepted[1]]);
  });

  it("a column with a cast choice stays at its accepted type and is no change while the source keeps the type it was made for", () => {
    const before = [col("id", { kind: "bigint" }), col("c", { kind: "text" })];
    const now = [col("id", { kind: "bigint" }), col("c", { kind: "integer" })];
    const outcome = decide("pause", now, { c: { choice: "cast", forType: "integer" } }, before);
    expect(outcome).toMatchObject({ action: "unchanged", changes: [], plan: before, overrides: { c: { choice: "cast", forType: "integer" } } });
  });

  it("a column with an ignore choice is left out of the plan", () => {
    const before = [col("id", { kind: "bigint" }), col("c", { kind: "text" })];
    const outcome = decide(
      "propagate",
      [col("id", { kind: "bigint" }), col("c", { kind: "integer" })],
      { c: { choice: "ignore", forType: "integer" } },
      before,
    );
    expect(outcome).toMatchObject({ action: "unchanged", plan: [before[0]] });
  });

  it("a choice lapses when the source changes the column again", () => {
    const before = [col("id", { kind: "bigint" }), col("c", { kind: "text" })];
    const outcome = decide("propagate", [col("id", { kind: "bigint" }), col("c", { kind: "boolean" })], { c: { choice: "cast", forType: "integer" } }, before);
    expect(outcome).toMatchObject({ action: "paused", overrides: {}, pending: { conflicts: [{ column: "c", fromType: "text", toType: "boolean" }] } });
  });

  it("keeps the source's new type name when the Weir type is the same (varchar(10) → text)", () => {
    const before = [col("id", { kind: "bigint" }), col("code", { kind: "text" }, "character varying(10)")];
    const now = [col("id", { kind: "bigint" }), col("code", { kind: "text" }, "text")];
    expect(decide("pause", now, {}, before)).toMatchObject({ action: "unchanged", changes: [], accept: now, plan: now });
  });
});
