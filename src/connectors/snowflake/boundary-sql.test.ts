import { describe, expect, it } from "vitest";

import { type TBoundaryTarget, insertBoundarySql, insertObjectsSql, keptRowsSql, pruneBoundarySql, rowIdentitySql } from "@/connectors/snowflake/boundary-sql";

const T: TBoundaryTarget = {
  connectionId: "c'1",
  stream: "public.orders",
  runId: "r2",
  attempt: 3,
  stage: "_WEIR_STAGE_A_B",
  columnCount: 3,
  cursorIndex: 2,
  cursorType: { kind: "timestamptz" },
};
const ALL = { identity: [0, 1, 2] };

describe("the cursor boundary in SQL", () => {
  it("identifies a row by the staged texts of the given columns, NULL apart from any text, lengths first so no two rows share one", () => {
    expect(rowIdentitySql("s", [0, 1])).toBe(
      `SHA2(IFF(s."C1" IS NULL, 'N', 'V' || LENGTH(s."C1") || ':' || s."C1") || IFF(s."C2" IS NULL, 'N', 'V' || LENGTH(s."C2") || ':' || s."C2"), 256)`,
    );
    expect(rowIdentitySql("s", [2, 0])).toMatch(/^SHA2\(IFF\(s\."C3" IS NULL.* \|\| IFF\(s\."C1" IS NULL/);
  });

  it("keeps every row off the saved cursor without hashing it, and drops rows at it up to the counts the boundary in force recorded", () => {
    const sql = keptRowsSql(T, "2024-05-01 10:00:00+00", ALL);
    const [offBoundary, atBoundary] = sql.split(" UNION ALL ");
    expect(offBoundary).toBe(
      `SELECT s."C1", s."C2", s."C3", s."X_EXTRACTED_AT", s."X_FILE", s."X_ROW" FROM "_WEIR"."_WEIR_STAGE_A_B" AS s WHERE NOT COALESCE(s."C3" = '2024-05-01 10:00:00+00', FALSE)`,
    );
    expect(offBoundary).not.toContain("SHA2");
    expect(atBoundary).toContain(`WHERE s."C3" = '2024-05-01 10:00:00+00'`);
    expect(atBoundary).toContain(`ORDER BY s."X_FILE", s."X_ROW") AS "RN"`);
    expect(atBoundary).toContain(`ORDER BY l."ID" DESC LIMIT 1`); // the newest ledger entry's boundary
    expect(atBoundary).toContain(`"CONNECTION_ID" = 'c''1'`);
    expect(atBoundary).toContain(`WHERE b."RN" > COALESCE(k."N", 0)`);
  });

  it("holds every row at the saved cursor when the identities cannot be compared, hashing none", () => {
    expect(keptRowsSql(T, "T", "all")).toBe(keptRowsSql(T, "T", ALL).split(" UNION ALL ")[0]);
  });

  it("while the stream has no cursor, the NULL cursor is the boundary", () => {
    const sql = keptRowsSql(T, null, ALL);
    expect(sql).toContain(`WHERE NOT COALESCE(s."C3" IS NULL, FALSE)`);
    expect(sql).toContain(`FROM "_WEIR"."_WEIR_STAGE_A_B" AS s WHERE s."C3" IS NULL`);
    expect(sql).toContain(`WHERE b."CURSOR" IS NULL`);
    const recorded = insertBoundarySql(T, null, true, "[]");
    expect(recorded).toContain(`'boundary', NULL, u."H"`);
    expect(recorded).toContain(`WHERE s."C3" IS NULL) AS x`);
  });

  it("finds numeric and float cursors at the boundary by value ('10.0' is at '10'), others by their one spelling", () => {
    const numeric = keptRowsSql({ ...T, cursorType: { kind: "numeric" } }, "10", ALL);
    expect(numeric).toContain('WHERE NOT COALESCE((CASE WHEN s."C3" IS NULL THEN NULL');
    expect(numeric).not.toContain(`s."C3" = '10'`);
    expect(keptRowsSql({ ...T, cursorType: { kind: "float" } }, "1.5", ALL)).toContain(`TRY_CAST(CASE s."C3" WHEN 'Infinity'`);
    expect(keptRowsSql({ ...T, cursorType: { kind: "bigint" } }, "7", ALL)).toContain(`NOT COALESCE(s."C3" = '7', FALSE)`);
  });

  it("writes the new boundary and its columns under this attempt, counting the larger of staged and recorded, and prunes the others after the commit", () => {
    const merged = insertBoundarySql(T, "T", true, '[{"name":"id","type":"bigint"}]');
    expect(merged).toContain(`SELECT 'c''1', 'public.orders', 'boundary', 'T', u."H", MAX(u."N"), 'r2', 3`);
    expect(merged).toContain(`WHERE s."C3" = 'T') AS x GROUP BY x."H" UNION ALL SELECT r."KEY" AS "H", r."N"`);
    expect(merged).toContain(`UNION ALL SELECT 'c''1', 'public.orders', 'columns', 'T', '[{"name":"id","type":"bigint"}]', 3, 'r2', 3`);
    expect(insertBoundarySql(T, "T", false, "[]")).not.toContain(`SELECT r."KEY"`);
    expect(pruneBoundarySql(T)).toBe(
      `DELETE FROM "_WEIR"."LEDGER_KEYS" WHERE "CONNECTION_ID" = 'c''1' AND "STREAM" = 'public.orders' AND "KIND" IN ('boundary', 'columns') AND NOT ("RUN_ID" = 'r2' AND "ATTEMPT" = 3)`,
    );
  });

  it("records objects not yet recorded, in statements of bounded size", () => {
    expect(insertObjectsSql(T, [])).toEqual([]);
    const [one] = insertObjectsSql(T, ["a.csv|1|2", "it's.csv|3|4"]);
    expect(one).toContain(`FROM (VALUES ('a.csv|1|2'), ('it''s.csv|3|4')) AS v ("K") WHERE NOT EXISTS`);
    const many = insertObjectsSql(
      T,
      Array.from({ length: 20_000 }, (_, i) => `bucket/${"x".repeat(20)}/file-${i}.csv`),
    );
    expect(many.length).toBeGreaterThan(1);
    for (const sql of many) expect(sql.length).toBeLessThan(300 * 1024);
    expect(many.join("").match(/file-\d+\.csv/g)).toHaveLength(20_000);
  });
});
