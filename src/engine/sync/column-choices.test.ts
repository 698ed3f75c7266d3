/**
 * A person's choices after a type change: what each does to the accepted
 * columns, the plan and what still waits; type names read back.
 */
import { describe, expect, it } from "vitest";
import type { TColumn } from "@/connectors/types";
import { acceptPending, applyChoice, castColumns, parseWeirTypeName, planColumns, type TPendingSchema } from "@/engine/sync/column-choices";
import { weirTypeName } from "@/connectors/type-widening";

const col = (name: string, type: TColumn["type"]): TColumn => ({ name, type, nullable: true });
const accepted = [col("id", { kind: "bigint" }), col("c", { kind: "text" })];
const pending: TPendingSchema = {
  columns: [col("id", { kind: "bigint" }), col("c", { kind: "integer" }), col("added", { kind: "date" })],
  conflicts: [{ column: "c", fromType: "text", toType: "integer" }],
};
const conflict = pending.conflicts[0]!;

describe("applyChoice", () => {
  it("cast keeps the accepted type and records the choice for the source's type", () => {
    const r = applyChoice({ accepted, overrides: {}, pending }, conflict, "cast");
    expect(r).toEqual({ accepted, overrides: { c: { choice: "cast", forType: "integer" } }, pending: { ...pending, conflicts: [] } });
    // Resuming then accepts the added column, and c stays text.
    expect(acceptPending(r.accepted, r.pending!, r.overrides)).toEqual([
      col("id", { kind: "bigint" }),
      col("c", { kind: "text" }),
      col("added", { kind: "date" }),
    ]);
  });

  it("cast of a type the destination stores keeps that stored type", () => {
    const r = applyChoice(
      { accepted: [col("c", { kind: "integer" })], overrides: {}, pending: { columns: [col("c", { kind: "integer" })], conflicts: [] } },
      { column: "c", fromType: "numeric(12,2)", toType: "integer" },
      "cast",
    );
    expect(r.accepted).toEqual([col("c", { kind: "numeric", precision: 12, scale: 2 })]);
  });

  it("ignore records the choice; rebuild accepts the new type and drops an earlier choice", () => {
    expect(applyChoice({ accepted, overrides: {}, pending }, conflict, "ignore").overrides).toEqual({ c: { choice: "ignore", forType: "integer" } });
    const rebuilt = applyChoice({ accepted, overrides: { c: { choice: "cast", forType: "integer" } }, pending }, conflict, "rebuild");
    expect(rebuilt.accepted).toEqual([col("id", { kind: "bigint" }), col("c", { kind: "integer" })]);
    expect(rebuilt.overrides).toEqual({});
  });
});

describe("castColumns", () => {
  it("lists plan columns whose type is not the source's", () => {
    expect(castColumns(accepted, pending.columns)).toEqual([{ column: "c", fromType: "text", toType: "integer" }]);
    expect(castColumns(accepted, accepted)).toEqual([]);
  });
});

describe("planColumns", () => {
  it("leaves ignored columns out and marks a kept type the source no longer sends with castFrom", () => {
    const accepted: TColumn[] = [
      { name: "a", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true },
      { name: "b", type: { kind: "text" }, nullable: true },
      { name: "c", type: { kind: "integer" }, nullable: true },
    ];
    const current: TColumn[] = [
      { name: "a", type: { kind: "numeric", precision: 12, scale: 4 }, nullable: true },
      { name: "b", type: { kind: "text" }, nullable: true },
      { name: "c", type: { kind: "text" }, nullable: true },
    ];
    const plan = planColumns(accepted, { a: { choice: "cast", forType: "numeric(12,4)" }, c: { choice: "ignore", forType: "text" } }, current);
    expect(plan.map((c) => [c.name, c.castFrom ? weirTypeName(c.castFrom) : null])).toEqual([
      ["a", "numeric(12,4)"],
      ["b", null],
    ]);
  });
});

describe("parseWeirTypeName", () => {
  it.each(["integer", "numeric", "numeric(12,2)", "numeric(5,-2)", "text[]", "timestamptz[][]", "interval", "time"])("reads %s back", (name) => {
    expect(weirTypeName(parseWeirTypeName(name))).toBe(name);
  });

  it("refuses what is not a Weir type", () => {
    expect(() => parseWeirTypeName("varchar(10)")).toThrow(/not a Weir type name/);
  });
});
