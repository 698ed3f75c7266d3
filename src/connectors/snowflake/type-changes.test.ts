import { describe, expect, it } from "vitest";

import { resolvePlan } from "@/connectors/snowflake/resolve-plan";
import { type TStoredColumn, holdsPlanned, parseStoredColumns, weirTypeOfStored } from "@/connectors/snowflake/stored-types";
import { convertStoredSql, overwriteLayout, planTargetChanges, targetDdl } from "@/connectors/snowflake/type-changes";
import { ID, NAME, UPDATED, planBuilder } from "@/connectors/testing/load-builders";
import type { TColumn, TWeirType } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

const plan = planBuilder({ connectionId: "c", namespace: "shop" });
const N = (type: TWeirType): TColumn => ({ name: "n", type, nullable: true });
const resolved = (columns: TColumn[], mode: "incremental_append" | "full_refresh_overwrite" = "incremental_append") =>
  resolvePlan(plan({ table: "orders", mode, columns }), "PUBLIC");

/** information_schema rows of a table stored by Weir: ID, N (as given), UPDATED_AT, Weir's columns. */
function storedWith(n: unknown[]): TStoredColumn[] {
  return parseStoredColumns([
    ["ID", "NUMBER", "19", "0", null],
    ["N", ...n],
    ["UPDATED_AT", "TIMESTAMP_TZ", null, null, null],
    ["_WEIR_RUN_ID", "TEXT", null, null, "16777216"],
    ["_WEIR_EXTRACTED_AT", "TIMESTAMP_TZ", null, null, null],
    ["_WEIR_STREAM", "TEXT", null, null, "16777216"],
  ]);
}
const INTEGER = ["NUMBER", "10", "0", null];

describe("stored Snowflake types", () => {
  it("hold a planned type when Weir would store it so; a longer VARCHAR holds a shorter one", () => {
    const [, n] = storedWith(INTEGER);
    expect(holdsPlanned(n!, { kind: "integer" })).toBe(true);
    expect(holdsPlanned(n!, { kind: "bigint" })).toBe(false);
    const [, text] = storedWith(["TEXT", null, null, "16777216"]);
    expect(holdsPlanned(text!, { kind: "uuid" })).toBe(true);
    expect(holdsPlanned(text!, { kind: "interval" })).toBe(true);
    const [, uuid] = storedWith(["TEXT", null, null, "36"]);
    expect(holdsPlanned(uuid!, { kind: "text" })).toBe(false);
    expect(weirTypeOfStored(uuid!)).toEqual({ kind: "uuid" });
    expect(weirTypeOfStored(storedWith(["NUMBER", "38", "9", null])[1]!)).toEqual({ kind: "numeric", precision: 38, scale: 9 });
    expect(weirTypeOfStored(storedWith(["GEOGRAPHY", null, null, null])[1]!)).toBeNull();
  });
});

describe("planning a commit's changes to the target", () => {
  it("creates a missing table, and adds new columns as one step that is undone column by column", () => {
    const r = resolved([ID, N({ kind: "integer" }), UPDATED, NAME]);
    expect(planTargetChanges(r, [])).toEqual({ create: true, added: [], changed: [] });
    const [create] = targetDdl(r, [], planTargetChanges(r, []));
    expect(create!.sql).toMatch(
      /^CREATE TABLE "SHOP"\."ORDERS" \("ID" NUMBER\(19,0\), "N" NUMBER\(10,0\), "UPDATED_AT" TIMESTAMP_TZ\(6\), "NAME" VARCHAR, "_WEIR_RUN_ID" VARCHAR/,
    );
    expect(create!.undo.map((u) => u.sql)).toEqual(['DROP TABLE IF EXISTS "SHOP"."ORDERS"']);
    const stored = storedWith(INTEGER);
    const steps = targetDdl(r, stored, planTargetChanges(r, stored));
    expect(steps.map((s) => s.sql)).toEqual(['ALTER TABLE "SHOP"."ORDERS" ADD COLUMN "NAME" VARCHAR']);
    expect(steps[0]!.undo.map((u) => u.sql)).toEqual(['ALTER TABLE "SHOP"."ORDERS" DROP COLUMN "NAME"']);
  });

  it("widens in place where ALTER COLUMN can, undone by narrowing back", () => {
    const r = resolved([ID, N({ kind: "bigint" }), UPDATED]);
    const stored = storedWith(INTEGER);
    const changes = planTargetChanges(r, stored);
    expect(changes.changed.map((c) => [c.column.name, c.from, c.inPlace])).toEqual([["n", { kind: "integer" }, true]]);
    const [step] = targetDdl(r, stored, changes);
    expect(step!.sql).toBe('ALTER TABLE "SHOP"."ORDERS" ALTER COLUMN "N" SET DATA TYPE NUMBER(19,0)');
    expect(step!.undo[0]!.sql).toBe('ALTER TABLE "SHOP"."ORDERS" ALTER COLUMN "N" SET DATA TYPE NUMBER(10,0)');
  });

  it("rebuilds the table for any other widening, converting the old values through their wire text, and rebuilds it back as the undo", () => {
    const r = resolved([ID, N({ kind: "text" }), UPDATED, NAME]);
    const stored = storedWith(INTEGER);
    const [step, ...rest] = targetDdl(r, stored, planTargetChanges(r, stored));
    expect(rest).toEqual([]);
    expect(step!.sql).toBe(
      'CREATE OR REPLACE TABLE "SHOP"."ORDERS" COPY GRANTS AS SELECT "ID", CAST(CAST("N" AS VARCHAR) AS VARCHAR) AS "N", "UPDATED_AT", "_WEIR_RUN_ID", "_WEIR_EXTRACTED_AT", "_WEIR_STREAM", CAST(NULL AS VARCHAR) AS "NAME" FROM "SHOP"."ORDERS"',
    );
    expect(step!.undo[0]!.sql).toMatch(
      /^CREATE OR REPLACE TABLE "SHOP"\."ORDERS" COPY GRANTS AS SELECT "ID", CAST\(CAST\(CASE WHEN .* AS NUMBER\(10,0\)\) AS NUMBER\(10,0\)\) AS "N", "UPDATED_AT", "_WEIR_RUN_ID", "_WEIR_EXTRACTED_AT", "_WEIR_STREAM" FROM "SHOP"\."ORDERS"$/,
    );
  });

  it("refuses a change that is not a widening with SCHEMA_CHANGED naming table, column and both types", () => {
    const r = resolved([ID, N({ kind: "integer" }), UPDATED]);
    const stored = storedWith(["TEXT", null, null, "16777216"]);
    let error: unknown;
    try {
      planTargetChanges(r, stored);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "SCHEMA_CHANGED", details: { table: "shop.orders", column: "n", storedType: "text", plannedType: "integer" } });
    expect((error as AppError).message).toContain('column "n" of shop.orders is stored as VARCHAR (text) but the source now sends integer');
  });

  it("converts dates to timestamps at midnight UTC, and back", () => {
    expect(convertStoredSql('"D"', { kind: "date" }, { kind: "timestamptz" })).toContain(`TO_VARCHAR("D", 'YYYY-MM-DD') || ' 00:00:00+00'`);
    expect(convertStoredSql('"D"', { kind: "timestamptz" }, { kind: "date" })).toBe(`CAST(CONVERT_TIMEZONE('UTC', "D") AS DATE)`);
  });

  it("lays out an overwrite's new table as the stored one, with the plan's types, old columns NULL, new ones last", () => {
    const r = resolved([ID, N({ kind: "bigint" }), NAME], "full_refresh_overwrite");
    expect(overwriteLayout(r, storedWith(INTEGER))).toEqual([
      'CAST(typed."V1" AS NUMBER(19,0)) AS "ID"',
      'CAST(typed."V2" AS NUMBER(19,0)) AS "N"',
      'CAST(NULL AS TIMESTAMP_TZ) AS "UPDATED_AT"',
      `CAST('${r.runId}' AS VARCHAR) AS "_WEIR_RUN_ID"`,
      'CAST(typed."X_EXTRACTED_AT" AS TIMESTAMP_TZ(6)) AS "_WEIR_EXTRACTED_AT"',
      `CAST('public.orders' AS VARCHAR) AS "_WEIR_STREAM"`,
      'CAST(typed."V3" AS VARCHAR) AS "NAME"',
    ]);
  });
});
