/**
 * Schema-change detection and the three policies.
 */
import { describe, expect, it } from "vitest";
import type { TColumn } from "@/connectors/types";
import { applySchemaPolicy, diffColumns, typeName } from "@/engine/sync/schema-diff";

const col = (name: string, type: TColumn["type"]): TColumn => ({ name, type, nullable: true });
const accepted = [col("id", { kind: "bigint" }), col("price", { kind: "numeric", precision: 10, scale: 2 }), col("legacy", { kind: "text" })];
const current = [col("id", { kind: "bigint" }), col("price", { kind: "numeric", precision: 12, scale: 2 }), col("email", { kind: "text" })];

describe("diffColumns", () => {
  it("finds added, dropped and retyped columns", () => {
    expect(diffColumns(accepted, current)).toEqual([
      { change: "type_changed", column: "price", fromType: "numeric(10,2)", toType: "numeric(12,2)" },
      { change: "column_added", column: "email", fromType: null, toType: "text" },
      { change: "column_dropped", column: "legacy", fromType: "text", toType: null },
    ]);
  });

  it("finds nothing when only nullability or order differ", () => {
    expect(diffColumns(accepted, [...accepted].reverse().map((c) => ({ ...c, nullable: false })))).toEqual([]);
  });

  it("names array types", () => {
    expect(typeName({ kind: "array", items: { kind: "integer" } })).toBe("integer[]");
  });
});

describe("applySchemaPolicy", () => {
  const changes = diffColumns(accepted, current);

  it("propagate syncs the current columns", () => {
    expect(applySchemaPolicy("propagate", "public.t", accepted, current, changes)).toEqual({ action: "propagated", columns: current });
  });

  it("ignore keeps the accepted columns that still exist, with their accepted types", () => {
    expect(applySchemaPolicy("ignore", "public.t", accepted, current, changes)).toEqual({ action: "ignored", columns: [accepted[0], accepted[1]] });
  });

  it("pause stops with a reason naming each change", () => {
    const outcome = applySchemaPolicy("pause", "public.t", accepted, current, changes);
    expect(outcome.action).toBe("paused");
    expect(outcome.action === "paused" && outcome.reason).toBe(
      "The schema of public.t changed: price type changed (numeric(10,2) → numeric(12,2)), email added, legacy dropped. Review the streams and resume the connection.",
    );
  });
});
