import { describe, expect, it } from "vitest";

import { buildPlan } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";
import { storedTypeName, weirTypeFromStored } from "@/connectors/postgres-destination/stored-types";
import { diffColumns, overwriteCopyDdl, targetDdl } from "@/connectors/postgres-destination/target-ddl";
import type { TColumn, TWeirType } from "@/connectors/types";

const col = (name: string, type: TWeirType): TColumn => ({ name, type, nullable: true });
const WEIR = [
  { name: "_weir_run_id", type: "text" },
  { name: "_weir_extracted_at", type: "timestamp with time zone" },
  { name: "_weir_stream", type: "text" },
];
const plan = (columns: TColumn[], mode: "incremental_append" | "incremental_dedup" | "full_refresh_overwrite" = "incremental_append") =>
  resolvePlan(buildPlan({ table: "t", namespace: "s", mode, columns, primaryKey: ["id"], cursorField: undefined }), "public");
const ID = col("id", { kind: "bigint" });

describe("storedTypeName and weirTypeFromStored", () => {
  it("spell types as format_type does and read them back", () => {
    const cases: [TWeirType, string][] = [
      [{ kind: "timestamptz" }, "timestamp with time zone"],
      [{ kind: "time" }, "time without time zone"],
      [{ kind: "numeric", precision: 10 }, "numeric(10,0)"],
      [{ kind: "numeric", precision: 12, scale: 2 }, "numeric(12,2)"],
      [{ kind: "array", items: { kind: "array", items: { kind: "date" } } }, "date[]"],
      [{ kind: "json" }, "jsonb"],
    ];
    for (const [type, spelled] of cases) expect(storedTypeName(type)).toBe(spelled);
    expect(weirTypeFromStored("numeric(12,2)")).toEqual({ kind: "numeric", precision: 12, scale: 2 });
    expect(weirTypeFromStored("timestamp with time zone[]")).toEqual({ kind: "array", items: { kind: "timestamptz" } });
    expect(weirTypeFromStored("character varying(10)")).toBeNull();
  });
});

describe("diffColumns", () => {
  it("adds new columns, widens through the wire text, and refuses narrowings", () => {
    const stored = [{ name: "id", type: "integer" }, { name: "n", type: "text" }, { name: "amount", type: "numeric(6,2)" }, ...WEIR];
    const diff = diffColumns(stored, [
      ID,
      col("n", { kind: "integer" }),
      col("amount", { kind: "numeric", precision: 14, scale: 4 }),
      col("fresh", { kind: "date" }),
    ]);
    expect(diff.missing).toEqual([{ name: "fresh", sqlType: "date" }]);
    expect(diff.widened).toEqual([
      { name: "id", sqlType: "bigint", using: '(("id")::text)::bigint' },
      { name: "amount", sqlType: "numeric(14,4)", using: '(("amount")::text)::numeric(14,4)' },
    ]);
    expect(diff.refused).toEqual([{ name: "n", stored: "text", planned: "integer", storedType: "text", plannedType: "integer" }]);
  });

  it("widens a column of a type Weir never creates only to text", () => {
    const stored = [{ name: "id", type: "bigint" }, { name: "v", type: "character varying(10)" }, ...WEIR];
    expect(diffColumns(stored, [ID, col("v", { kind: "text" })]).widened).toEqual([{ name: "v", sqlType: "text", using: '("v")::text' }]);
    expect(diffColumns(stored, [ID, col("v", { kind: "integer" })]).refused).toHaveLength(1);
  });

  it("sees no change between an array column and a deeper array of the same elements", () => {
    const diff = diffColumns(
      [{ name: "id", type: "bigint" }, { name: "a", type: "integer[]" }, ...WEIR],
      [ID, col("a", { kind: "array", items: { kind: "array", items: { kind: "integer" } } })],
    );
    expect(diff).toEqual({ missing: [], widened: [], refused: [] });
  });
});

describe("targetDdl", () => {
  it("creates schema, table and merge index when missing; nothing when the target is as the plan needs", () => {
    const r = plan([ID], "incremental_dedup");
    expect(targetDdl(r, { schemaExists: false, columns: null, mergeIndexExists: false })).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "s"',
      'CREATE TABLE IF NOT EXISTS "s"."t" ("id" bigint, "_weir_run_id" text, "_weir_extracted_at" timestamptz, "_weir_stream" text)',
      expect.stringMatching(/^CREATE INDEX IF NOT EXISTS "_weir_pk_\w+" ON "s"\."t" \("id"\)$/),
    ]);
    expect(targetDdl(r, { schemaExists: true, columns: [{ name: "id", type: "bigint" }, ...WEIR], mergeIndexExists: true })).toEqual([]);
  });

  it("adds and widens in one ALTER TABLE", () => {
    const r = plan([ID, col("x", { kind: "text" })]);
    expect(targetDdl(r, { schemaExists: true, columns: [{ name: "id", type: "integer" }, ...WEIR], mergeIndexExists: false })).toEqual([
      'ALTER TABLE "s"."t" ADD COLUMN IF NOT EXISTS "x" text, ALTER COLUMN "id" TYPE bigint USING (("id")::text)::bigint',
    ]);
  });

  it("refuses a narrowing with SCHEMA_CHANGED naming table, column and both types, in every mode", () => {
    for (const mode of ["incremental_append", "full_refresh_overwrite"] as const) {
      const r = plan([ID, col("n", { kind: "integer" })], mode);
      expect(() =>
        targetDdl(r, { schemaExists: true, columns: [{ name: "id", type: "bigint" }, { name: "n", type: "text" }, ...WEIR], mergeIndexExists: false }),
      ).toThrow(
        expect.objectContaining({
          code: "SCHEMA_CHANGED",
          message: expect.stringContaining('in table s.t, column "n" is stored as text and the source now sends integer'),
          details: expect.objectContaining({ table: "s.t", column: "n", storedType: "text", plannedType: "integer" }),
        }),
      );
    }
  });

  it("leaves the target of an overwrite alone: its new copy takes the plan's shape", () => {
    const r = plan([ID, col("n", { kind: "bigint" })], "full_refresh_overwrite");
    const stored = [{ name: "id", type: "bigint" }, { name: "n", type: "integer" }, ...WEIR];
    expect(targetDdl(r, { schemaExists: true, columns: stored, mergeIndexExists: false })).toEqual([]);
    expect(overwriteCopyDdl(r, "s", "_weir_new_t", stored)).toEqual([
      'DROP TABLE IF EXISTS "s"."_weir_new_t"',
      'CREATE TABLE "s"."_weir_new_t" (LIKE "s"."t" INCLUDING ALL)',
      'ALTER TABLE "s"."_weir_new_t" ALTER COLUMN "n" TYPE bigint USING NULL::bigint',
    ]);
    expect(overwriteCopyDdl(r, "_weir", "_weir_new_x", null)[1]).toMatch(/^CREATE TABLE IF NOT EXISTS "_weir"\."_weir_new_x" \("id" bigint, "n" bigint, /);
  });
});
