import { describe, expect, it } from "vitest";

import { buildPlan } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { parkArtifacts, resolvePlan, resolveTarget } from "@/connectors/postgres-destination/resolve-plan";

describe("resolvePlan", () => {
  it("uses the configured default schema when the plan has no namespace", () => {
    expect(resolvePlan(buildPlan({ table: "t", mode: "full_refresh_append", namespace: "" }), "landing")).toMatchObject({
      schema: "landing",
      label: "landing.t",
    });
  });

  it("refuses plans PostgreSQL cannot hold, naming the stream and the name", () => {
    const plan = buildPlan({ table: "t", mode: "incremental_append" });
    expect(() => resolvePlan({ ...plan, columns: [...plan.columns, plan.columns[0]!] }, "public")).toThrow(/"id" appears twice/);
    expect(() => resolvePlan({ ...plan, columns: [...plan.columns, { name: "_weir_run_id", type: { kind: "text" }, nullable: true }] }, "public")).toThrow(
      /column Weir adds/,
    );
    expect(() => resolvePlan({ ...plan, table: "x".repeat(64) }, "public")).toThrow(/at most 63/);
    expect(() => resolvePlan({ ...plan, cursorField: "nope" }, "public")).toThrow(/cursor field "nope"/);
    expect(() => resolvePlan({ ...plan, mode: "incremental_dedup", primaryKey: [] }, "public")).toThrow(/needs a primary key/);
    expect(() => resolvePlan({ ...plan, primaryKey: ["nope"] }, "public")).toThrow(/primary key column "nope"/);
    expect(() => resolvePlan({ ...plan, namespace: "_weir" }, "public")).toThrow(/reserved for Weir's ledger/);
    expect(() => resolvePlan({ ...plan, table: "_weir_stage_x" }, "public")).toThrow(/reserved for Weir's own tables/);
  });

  it("ignores a cursor field a full refresh does not carry", () => {
    expect(resolvePlan(buildPlan({ table: "t", mode: "full_refresh_overwrite", cursorField: "nope" }), "public").cursorField).toBeUndefined();
  });

  it("loads directly into the new table only for full_refresh_overwrite of types PostgreSQL reads as the wire writes them", () => {
    const overwrite = buildPlan({ table: "t", mode: "full_refresh_overwrite" });
    expect(resolvePlan(overwrite, "public").directLoad).toBe(true);
    expect(resolvePlan({ ...overwrite, mode: "full_refresh_append" }, "public").directLoad).toBe(false);
    const bytes = { ...overwrite, columns: [...overwrite.columns, { name: "blob", type: { kind: "bytes" as const }, nullable: true }] };
    expect(resolvePlan(bytes, "public").directLoad).toBe(false);
    const array = {
      ...overwrite,
      columns: [...overwrite.columns, { name: "tags", type: { kind: "array" as const, items: { kind: "text" as const } }, nullable: true }],
    };
    expect(resolvePlan(array, "public").directLoad).toBe(false);
  });

  it("resolves a reset's target without a run or attempt", () => {
    expect(resolveTarget({ stream: "public.t", namespace: "", table: "t" }, "landing")).toEqual({ schema: "landing", table: "t", label: "landing.t" });
    expect(() => resolveTarget({ stream: "public.t", namespace: "_weir", table: "t" }, "landing")).toThrow(/reserved for Weir's ledger/);
  });

  it("parks a new schema's staging, and a direct load's new table, in _weir under names hashed from schema and table", () => {
    const direct = parkArtifacts(resolvePlan(buildPlan({ table: "t", mode: "full_refresh_overwrite", namespace: "new_schema" }), "public"));
    expect(direct).toMatchObject({
      schema: "new_schema",
      stageSchema: "_weir",
      copySchema: "_weir",
      overwriteCopy: expect.stringMatching(/^_weir_new_[0-9a-f]{16}$/),
    });
    const staged = parkArtifacts(resolvePlan(buildPlan({ table: "t", mode: "incremental_append", namespace: "new_schema" }), "public"));
    expect(staged).toMatchObject({ stageSchema: "_weir", stage: expect.stringMatching(/^_weir_stage_[0-9a-f]{16}_[0-9a-f]{8}_1$/), copySchema: "new_schema" });
    const other = parkArtifacts(resolvePlan(buildPlan({ table: "t", mode: "incremental_append", namespace: "other" }), "public"));
    expect(other.stage).not.toBe(staged.stage);
  });
});
