import { describe, expect, it } from "vitest";

import { findRefusedSql, refusalError } from "@/connectors/snowflake/refusal";
import type { TColumn } from "@/connectors/types";

const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
const AT: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };
const NOTE: TColumn = { name: "note", type: { kind: "text" }, nullable: true };
const target = { stream: "public.orders", stage: "_WEIR_STAGE_A_B", columns: [ID, NOTE, AT], primaryKey: ["id"], cursorField: "updated_at" };

describe("finding the refused value", () => {
  it("looks for the first column whose TRY_ conversion fails, and reads the row's key", () => {
    const sql = findRefusedSql(target);
    expect(sql).toContain(`WHEN (s."C1" IS NOT NULL AND TRY_CAST(`);
    expect(sql).toContain(`WHEN LENGTH(s."C2") > 16777216 THEN 1`);
    expect(sql).toContain(`s."C1" AS "K0"`);
    expect(sql).not.toContain("ROW_NUMBER");
    expect(findRefusedSql({ ...target, primaryKey: [], cursorField: undefined })).toContain(`ROW_NUMBER() OVER (ORDER BY s."X_FILE", s."X_ROW") AS "POS"`);
    expect(findRefusedSql(target, `s."C3" = 'T'`)).toContain(`FROM "_WEIR"."_WEIR_STAGE_A_B" AS s WHERE s."C3" = 'T') AS f`);
  });

  it("names stream, column, row key and value (at most 200 characters), and the rule", () => {
    const e = refusalError(target, [2, "0044-03-15 10:00:00+00 BC", "42"], "Snowflake destination acct/DB")!;
    expect(e.code).toBe("DATA_REJECTED");
    expect(e.message).toBe(
      'Snowflake destination acct/DB, stream "public.orders": column "updated_at" (timestamptz, stored as TIMESTAMP_TZ(6)) cannot hold the value "0044-03-15 10:00:00+00 BC" of row id=42. ' +
        "Refused in Snowflake: dates before year 1 or after year 9999 (BC dates included) and ±infinity: Weir keeps Snowflake to its calendar range, years 1–9999. " +
        "Correct the value at the source, or select the column out of the stream, then sync again.",
    );
    const long = refusalError({ ...target, primaryKey: [] }, [1, "x".repeat(201), "2024-05-01 10:00:00+00"], "S")!;
    expect(long.message).toContain(`"${"x".repeat(200)}…" of row updated_at=2024-05-01 10:00:00+00.`);
    const keyless = refusalError({ ...target, primaryKey: [], cursorField: undefined }, [0, "x", 17], "S")!;
    expect(keyless.details).toMatchObject({ column: "id", rowKey: expect.stringMatching(/^at position 17 of the staged rows/) });
    expect(refusalError(target, undefined, "S")).toBeNull();
  });

  it("says when the column keeps a type the source no longer sends", () => {
    const kept: TColumn = {
      name: "amount",
      type: { kind: "numeric", precision: 10, scale: 2 },
      nullable: true,
      castFrom: { kind: "numeric", precision: 12, scale: 4 },
    };
    const e = refusalError({ ...target, columns: [ID, kept, AT] }, [1, "1.2345", "7"], "S")!;
    expect(e.message).toContain(
      'column "amount" (numeric(10,2), stored as NUMBER(10,2)) cannot hold the value "1.2345" of row id=7. The source now sends numeric(12,4)',
    );
    expect(findRefusedSql({ ...target, columns: [ID, kept, AT] })).toContain("TRY_CAST(CASE WHEN IFF(");
  });
});
