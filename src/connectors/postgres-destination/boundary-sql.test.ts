// The cursor boundary's SQL builders (pure): identities over chosen columns, NULL cursors, drops and records.
import { describe, expect, it } from "vitest";

import {
  cursorStatsSql,
  dropAllRowsSql,
  dropHeldRowsSql,
  edgeRowsSql,
  loadedEdgeSource,
  stagedEdgeSource,
  writeBoundarySql,
} from "@/connectors/postgres-destination/boundary-sql";
import { buildPlan } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";

const r = resolvePlan(buildPlan({ table: "t", namespace: "s", mode: "incremental_append" }), "public");
const ALL = ["id", "name", "updated_at"];

describe("edge sources", () => {
  it("hash the staged wire text, or a loaded table's values as wire text, so both give a row the same identity", () => {
    const staged = stagedEdgeSource(r);
    expect(staged.cursorValue).toBe('(s."c3")::timestamptz');
    expect(staged.cursorIsNull).toBe('s."c3" IS NULL');
    expect(staged.identity(ALL)).toBe(`sha256(convert_to((ROW(s."c1", s."c2", s."c3"))::text, 'UTF8'))`);
    const loaded = loadedEdgeSource(r, "s", "_weir_new_t");
    expect(loaded.cursorValue).toBe('s."updated_at"');
    expect(loaded.identity(ALL)).toBe(`sha256(convert_to((ROW((s."id")::text, (s."name")::text, (s."updated_at")::text))::text, 'UTF8'))`);
  });

  it("hash over the recorded columns only, in their order, wherever they are in the plan", () => {
    expect(stagedEdgeSource(r).identity(["updated_at", "id"])).toBe(`sha256(convert_to((ROW(s."c3", s."c1"))::text, 'UTF8'))`);
  });

  it("check the values of the rows they drop, as the load would convert them", () => {
    expect(stagedEdgeSource(r).checkValues).toContain(`SELECT count(ROW((s."c1")::bigint, s."c2", (s."c3")::timestamptz)) FROM "s"."_weir_stage_t_`);
    expect(loadedEdgeSource(r, "s", "_weir_new_t").checkValues).toBeUndefined();
  });
});

describe("cursor statements", () => {
  it("compute the new cursor and count the rows at the previous one (NULL rows when there is none) in one aggregate scan", () => {
    const sql = cursorStatsSql(stagedEdgeSource(r));
    expect(sql).toContain(
      `SELECT max(t.v) AS v, count(*) FILTER (WHERE t.v IS NOT DISTINCT FROM ($1::text)::timestamptz)::int AS at_previous FROM (SELECT (s."c3")::timestamptz AS v FROM "s"."_weir_stage_t_`,
    );
    expect(sql).toContain("(m.v IS NOT NULL AND (($1::text)::timestamptz IS NULL OR m.v > ($1::text)::timestamptz)) AS moved");
  });

  it("fall back to ORDER BY … LIMIT 1 for types without max()", () => {
    const uuid = resolvePlan(
      buildPlan({
        table: "t",
        namespace: "s",
        mode: "incremental_append",
        columns: [{ name: "u", type: { kind: "uuid" }, nullable: true }],
        primaryKey: [],
        cursorField: "u",
      }),
      "public",
    );
    expect(cursorStatsSql(stagedEdgeSource(uuid))).toContain("WHERE t.v IS NOT NULL ORDER BY t.v DESC LIMIT 1) AS v");
  });

  it("pick the row ids at the previous and the new cursor in one scan, NULL cursors by the staged text", () => {
    const sql = edgeRowsSql(stagedEdgeSource(r));
    expect(sql).toContain(
      `WHERE (($3::boolean OR $4::boolean) AND s."c3" IS NULL) OR (s."c3")::timestamptz = ANY(ARRAY[($1::text)::timestamptz, ($2::text)::timestamptz])`,
    );
    expect(sql).toContain(`FILTER (WHERE CASE WHEN $3::boolean THEN s."c3" IS NULL ELSE (s."c3")::timestamptz = ($1::text)::timestamptz END)`);
  });
});

describe("boundary statements", () => {
  it("drop staged rows at the previous cursor up to their recorded counts, hashed over the recorded columns, by row id", () => {
    const sql = dropHeldRowsSql(stagedEdgeSource(r), ["id", "name"]);
    expect(sql).toContain(`SELECT s.ctid AS id, sha256(convert_to((ROW(s."c1", s."c2"))::text, 'UTF8')) AS h`);
    expect(sql).toContain("WHERE s.ctid = ANY($4::tid[])");
    expect(sql).toContain("row_number() OVER (PARTITION BY cand.h ORDER BY cand.id) AS n");
    expect(sql).toContain("AND b.cursor = $3 AND b.identity = numbered.h AND numbered.n <= b.copies");
    expect(dropAllRowsSql(stagedEdgeSource(r))).toContain("DELETE FROM");
  });

  it("replace the boundary when the cursor moved, add to it when an incremental load stayed at the same cursor", () => {
    const src = stagedEdgeSource(r);
    const [forgetAll, replace] = writeBoundarySql(src, "replace", ALL);
    expect(forgetAll).toBe(`DELETE FROM "_weir"."boundary" WHERE connection_id = $1 AND stream = $2`);
    expect(replace).toContain("GROUP BY x.h");
    const [forgetOthers, add] = writeBoundarySql(src, "add", ["id"]);
    expect(forgetOthers).toBe(`DELETE FROM "_weir"."boundary" WHERE connection_id = $1 AND stream = $2 AND cursor <> $3`);
    expect(add).toContain(`SELECT sha256(convert_to((ROW(s."c1"))::text, 'UTF8')) AS h`);
    expect(add).toContain("DO UPDATE SET copies = b.copies + EXCLUDED.copies");
    expect(writeBoundarySql(src, "greatest", ALL)[1]).toContain("DO UPDATE SET copies = GREATEST(b.copies, EXCLUDED.copies)");
  });
});
