import { describe, expect, it } from "vitest";

import { cursorStatsSql, dropBoundaryRowsSql, edgeRowsSql, loadedEdgeSource, stagedEdgeSource, writeBoundarySql } from "@/connectors/postgres-destination/boundary-sql";
import { buildPlan } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";

const r = resolvePlan(buildPlan({ table: "t", namespace: "s", mode: "incremental_append" }), "public");

describe("edge sources", () => {
  it("hash the staged wire text, or a loaded table's values as wire text, so both give a row the same identity", () => {
    const staged = stagedEdgeSource(r);
    expect(staged.cursorValue).toBe('(s."c3")::timestamptz');
    expect(staged.identity).toBe(`sha256(convert_to((ROW(s."c1", s."c2", s."c3"))::text, 'UTF8'))`);
    const loaded = loadedEdgeSource(r, "s", "_weir_new_t");
    expect(loaded.cursorValue).toBe('s."updated_at"');
    expect(loaded.identity).toBe(`sha256(convert_to((ROW((s."id")::text, (s."name")::text, (s."updated_at")::text))::text, 'UTF8'))`);
  });
});

describe("cursor statements", () => {
  it("compute the new cursor and count the rows at the previous one in one aggregate scan", () => {
    const sql = cursorStatsSql(stagedEdgeSource(r));
    expect(sql).toContain(`SELECT max(t.v) AS v, count(*) FILTER (WHERE t.v = ($1::text)::timestamptz)::int AS at_previous FROM (SELECT (s."c3")::timestamptz AS v FROM "s"."_weir_stage_t_`);
    expect(sql).toContain("(m.v IS NOT NULL AND (($1::text)::timestamptz IS NULL OR m.v > ($1::text)::timestamptz)) AS moved");
  });

  it("fall back to ORDER BY … LIMIT 1 for types without max()", () => {
    const uuid = resolvePlan(buildPlan({ table: "t", namespace: "s", mode: "incremental_append", columns: [{ name: "u", type: { kind: "uuid" }, nullable: true }], primaryKey: [], cursorField: "u" }), "public");
    expect(cursorStatsSql(stagedEdgeSource(uuid))).toContain("WHERE t.v IS NOT NULL ORDER BY t.v DESC LIMIT 1) AS v");
  });

  it("pick the row ids at the previous and the new cursor in one scan", () => {
    expect(edgeRowsSql(stagedEdgeSource(r))).toContain(`WHERE (s."c3")::timestamptz = ANY(ARRAY[($1::text)::timestamptz, ($2::text)::timestamptz])`);
  });
});

describe("boundary statements", () => {
  it("drop staged rows at the previous cursor up to their recorded counts, by row id", () => {
    const sql = dropBoundaryRowsSql(stagedEdgeSource(r));
    expect(sql).toContain("WHERE s.ctid = ANY($4::tid[])");
    expect(sql).toContain("row_number() OVER (PARTITION BY cand.h ORDER BY cand.id) AS n");
    expect(sql).toContain("AND b.cursor = $3 AND b.identity = numbered.h AND numbered.n <= b.copies");
  });

  it("replace the boundary when the cursor moved, add to it when an incremental load stayed at the same cursor", () => {
    const src = stagedEdgeSource(r);
    const [forgetAll, replace] = writeBoundarySql(src, "replace");
    expect(forgetAll).toBe(`DELETE FROM "_weir"."boundary" WHERE connection_id = $1 AND stream = $2`);
    expect(replace).toContain("GROUP BY x.h");
    const [forgetOthers, add] = writeBoundarySql(src, "add");
    expect(forgetOthers).toBe(`DELETE FROM "_weir"."boundary" WHERE connection_id = $1 AND stream = $2 AND cursor <> $3`);
    expect(add).toContain("DO UPDATE SET copies = b.copies + EXCLUDED.copies");
    expect(writeBoundarySql(src, "greatest")[1]).toContain("DO UPDATE SET copies = GREATEST(b.copies, EXCLUDED.copies)");
  });
});
