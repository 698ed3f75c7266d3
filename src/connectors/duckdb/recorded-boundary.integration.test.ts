// chooseBoundary: which boundary a commit filters with, from what the ledger holds and how the table is stored. Pure.
import { describe, expect, it } from "vitest";

import type { TColumn } from "@/connectors/types";
import { ID, NAME, UPDATED, buildPlan, ts } from "@/connectors/duckdb/duckdb-fixture";
import { chooseBoundary, identityOfRecorded } from "@/connectors/duckdb/recorded-boundary";
import type { TStoredColumn } from "@/connectors/duckdb/target-ddl";

const CHANNEL: TColumn = { name: "channel", type: { kind: "text" }, nullable: true };
const plan = buildPlan({ table: "t", mode: "incremental_append", columns: [ID, CHANNEL, NAME, UPDATED] });
const recorded = (columns: TColumn[]) => columns.map((c) => ({ name: c.name, type: c.type }));
const STORED: TStoredColumn[] = [
  { name: "id", type: "BIGINT" },
  { name: "channel", type: "VARCHAR" },
  { name: "name", type: "VARCHAR" },
  { name: "updated_at", type: "TIMESTAMP WITH TIME ZONE" },
  { name: "_weir_run_id", type: "VARCHAR" },
  { name: "_weir_extracted_at", type: "TIMESTAMP WITH TIME ZONE" },
  { name: "_weir_stream", type: "VARCHAR" },
];

describe("identityOfRecorded", () => {
  it("maps the recorded columns to plan indexes in the recorded order, when every one is in the plan with its type", () => {
    expect(identityOfRecorded(plan, recorded([ID, NAME, UPDATED]))).toEqual([0, 2, 3]);
    expect(identityOfRecorded(plan, recorded([UPDATED, ID]))).toEqual([3, 0]);
  });

  it("is null when a recorded column was dropped or retyped", () => {
    expect(identityOfRecorded(plan, recorded([ID, { name: "gone", type: { kind: "text" }, nullable: true }]))).toBeNull();
    expect(identityOfRecorded(plan, [{ name: "id", type: { kind: "integer" } }])).toBeNull();
    expect(identityOfRecorded(plan, [{ name: "ID", type: { kind: "bigint" } }])).toBeNull();
  });
});

describe("chooseBoundary", () => {
  const record = (over: Partial<{ anyRows: number; columnsAt: ReturnType<typeof recorded> | null; identitiesAt: number }>) => ({
    anyRows: 2,
    columnsAt: null,
    identitiesAt: 0,
    ...over,
  });

  it("uses the recorded boundary over its columns while the plan keeps them, else holds every staged row", () => {
    expect(chooseBoundary(plan, record({ columnsAt: recorded([ID, NAME, UPDATED]), identitiesAt: 1 }), ts(1), STORED)).toEqual({
      kind: "recorded",
      identity: [0, 2, 3],
    });
    expect(chooseBoundary(plan, record({ columnsAt: recorded([ID, NAME, UPDATED]) }), ts(1), STORED)).toEqual({ kind: "recorded", identity: [0, 2, 3] });
    expect(chooseBoundary(plan, record({ columnsAt: [{ name: "name", type: { kind: "json" } }] }), ts(1), STORED)).toEqual({ kind: "held" });
  });

  it("takes a boundary without recorded columns as over the plan's while the table stores exactly those", () => {
    expect(chooseBoundary(plan, record({ identitiesAt: 3 }), ts(1), STORED)).toEqual({ kind: "recorded", identity: [0, 1, 2, 3] });
    expect(chooseBoundary(plan, record({ identitiesAt: 3 }), ts(1), [...STORED, { name: "dropped", type: "DATE" }])).toEqual({ kind: "held" });
    expect(
      chooseBoundary(
        plan,
        record({ identitiesAt: 3 }),
        ts(1),
        STORED.filter((c) => c.name !== "channel"),
      ),
    ).toEqual({ kind: "held" });
  });

  it("falls back to the target's rows at the cursor for a ledger from before boundaries, and filters nothing at another cursor's boundary", () => {
    expect(chooseBoundary(plan, record({ anyRows: 0 }), ts(1), STORED)).toEqual({ kind: "target" });
    expect(chooseBoundary(plan, record({ anyRows: 0 }), ts(1), [{ name: "id", type: "INTEGER" }])).toEqual({ kind: "held" });
    expect(chooseBoundary(plan, record({ anyRows: 2 }), ts(1), STORED)).toBeNull();
  });

  it("holds nothing while a stream without a cursor has no NULL boundary (its first run, or after a reset)", () => {
    expect(chooseBoundary(plan, record({ anyRows: 0 }), null, STORED)).toBeNull();
    expect(chooseBoundary(plan, record({ columnsAt: recorded([ID, NAME, UPDATED]), identitiesAt: 2 }), null, STORED)).toEqual({
      kind: "recorded",
      identity: [0, 2, 3],
    });
  });
});
