import { describe, expect, it } from "vitest";

import { type TBoundaryTarget, insertBoundarySql, insertObjectsSql, keptRowsSql, pruneBoundarySql, rowIdentitySql } from "@/connectors/snowflake/boundary-sql";

const T: TBoundaryTarget = { connectionId: "c'1", stream: "public.orders", runId: "r2", attempt: 3, stage: "_WEIR_STAGE_A_B", columnCount: 3, cursorIndex: 2 };

describe("the cursor boundary in SQL", () => {
  it("identifies a row by every staged text, NULL apart from any text, lengths first so no two rows share one", () => {
    expect(rowIdentitySql("s", 2)).toBe(`SHA2(IFF(s."C1" IS NULL, 'N', 'V' || LENGTH(s."C1") || ':' || s."C1") || IFF(s."C2" IS NULL, 'N', 'V' || LENGTH(s."C2") || ':' || s."C2"), 256)`);
  });

  it("keeps every row off the saved cursor without hashing it, and drops rows at it up to the counts the boundary in force recorded", () => {
    const sql = keptRowsSql(T, "2024-05-01 10:00:00+00");
    const [offBoundary, atBoundary] = sql.split(" UNION ALL ");
    expect(offBoundary).toBe(`SELECT s."C1", s."C2", s."C3", s."X_EXTRACTED_AT", s."X_FILE" FROM "_WEIR"."_WEIR_STAGE_A_B" AS s WHERE s."C3" IS NULL OR s."C3" <> '2024-05-01 10:00:00+00'`);
    expect(offBoundary).not.toContain("SHA2");
    expect(atBoundary).toContain(`WHERE s."C3" = '2024-05-01 10:00:00+00'`);
    expect(atBoundary).toContain(`ORDER BY l."ID" DESC LIMIT 1`); // the newest ledger entry's boundary
    expect(atBoundary).toContain(`"CONNECTION_ID" = 'c''1'`);
    expect(atBoundary).toMatch(/WHERE b\."RN" > COALESCE\(k\."N", 0\) AND EXISTS \(SELECT k\."KEY"/); // no boundary at all: a legacy ledger, every row at the cursor held
  });

  it("writes the new boundary under this attempt, counting the larger of staged and recorded, and prunes the others after the commit", () => {
    const sql = insertBoundarySql(T, "T");
    expect(sql).toContain(`SELECT 'c''1', 'public.orders', 'boundary', 'T', u."H", MAX(u."N"), 'r2', 3`);
    expect(sql).toContain(`WHERE s."C3" = 'T') AS x GROUP BY x."H" UNION ALL SELECT r."KEY" AS "H", r."N"`);
    expect(pruneBoundarySql(T)).toBe(`DELETE FROM "_WEIR"."LEDGER_KEYS" WHERE "CONNECTION_ID" = 'c''1' AND "STREAM" = 'public.orders' AND "KIND" = 'boundary' AND NOT ("RUN_ID" = 'r2' AND "ATTEMPT" = 3)`);
  });

  it("records objects not yet recorded, in statements of bounded size", () => {
    expect(insertObjectsSql(T, [])).toEqual([]);
    const [one] = insertObjectsSql(T, ["a.csv|1|2", "it's.csv|3|4"]);
    expect(one).toContain(`FROM (VALUES ('a.csv|1|2'), ('it''s.csv|3|4')) AS v ("K") WHERE NOT EXISTS`);
    const many = insertObjectsSql(T, Array.from({ length: 20_000 }, (_, i) => `bucket/${"x".repeat(20)}/file-${i}.csv`));
    expect(many.length).toBeGreaterThan(1);
    for (const sql of many) expect(sql.length).toBeLessThan(300 * 1024);
    expect(many.join("").match(/file-\d+\.csv/g)).toHaveLength(20_000);
  });
});
