// The pure SQL builders: names, quoting, the CSV reader's options and which statements each mode runs.
import { describe, expect, it } from "vitest";

import { applySql, stateSql } from "@/connectors/duckdb/commit-sql";
import { buildPlan } from "@/connectors/duckdb/duckdb-fixture";
import { globLiteral, ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { loadStageSql, stageName } from "@/connectors/duckdb/stage-sql";
import { addColumnsSql } from "@/connectors/duckdb/target-ddl";

describe("sql-text", () => {
  it("quotes identifiers and strings by doubling their quotes", () => {
    expect(ident('quo"te')).toBe('"quo""te"');
    expect(qualified("user schema", "dot.ted")).toBe('"user schema"."dot.ted"');
    expect(sqlString("it's \\n")).toBe("'it''s \\n'");
  });

  it("makes read_csv take a path literally rather than as a glob", () => {
    expect(globLiteral("/data/[x]/a*b?.csv")).toBe("'/data/[[]x]/a[*]b[?].csv'");
  });
});

describe("stage-sql", () => {
  it("names the staging table after table, run and attempt", () => {
    expect(stageName({ table: 'order "x"', runId: "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10", attempt: 3 })).toBe('_weir_stage_order "x"_0b7c1f44_3');
  });

  it("reads wire CSV with NULL as an empty unquoted field and every column as text", () => {
    const sql = loadStageSql("_weir_stage_t_1_1", [2, 0], "/s/f.csv", 10, new Date("2024-01-01T00:00:00Z"));
    expect(sql).toContain(`INSERT INTO temp.main."_weir_stage_t_1_1" (c_2, c_0, _weir_extracted_at)`);
    expect(sql).toContain("columns = {'c_2': 'VARCHAR', 'c_0': 'VARCHAR'}");
    expect(sql).toContain("nullstr = '', allow_quoted_nulls = false");
    expect(sql).toContain("max_line_size = 2097152");
    expect(loadStageSql("s", [0], "/f", 5_000_000, new Date())).toContain("max_line_size = 5000001, buffer_size = 5000001");
  });
});

describe("commit-sql", () => {
  it("overwrites by building a new table and swapping it in", () => {
    const statements = applySql(buildPlan({ table: "t", mode: "full_refresh_overwrite", runId: "r1" }), "_weir_stage_t_r1_1");
    expect(statements.map((s) => s.split(" (")[0]!.split(" AS ")[0])).toEqual([
      'CREATE TABLE "raw"."_weir_new_t_r1_1"',
      'INSERT INTO "raw"."_weir_new_t_r1_1"',
      'DROP TABLE "raw"."t"',
      'ALTER TABLE "raw"."_weir_new_t_r1_1" RENAME TO "t"',
    ]);
  });

  it("merges on quoted key columns, newest cursor first", () => {
    const plan = buildPlan({ table: "t", mode: "incremental_dedup", columns: [{ name: 'k"1', type: { kind: "integer" }, nullable: false }, { name: "order", type: { kind: "date" }, nullable: true }], primaryKey: ['k"1'], cursorField: "order" });
    const [reduce, remove] = applySql(plan, "s");
    expect(reduce).toContain("PARTITION BY c_0 ORDER BY c_1 DESC NULLS LAST, _weir_seq DESC");
    expect(remove).toBe(`DELETE FROM "raw"."t" AS t USING temp.main."_weir_merge" AS m WHERE t."k""1" IS NOT DISTINCT FROM m.c_0 AND (t."order" IS NULL OR m.c_1 IS NULL OR t."order" <= m.c_1)`);
  });

  it("needs the cursor field among the columns for incremental modes only", () => {
    const columns = buildPlan({ table: "t", mode: "full_refresh_append" }).columns.slice(0, 2);
    expect(stateSql(buildPlan({ table: "t", mode: "full_refresh_append", columns }), "s", "7")).toBe(`SELECT '7', count(*) FROM temp.main."s"`);
    expect(() => stateSql(buildPlan({ table: "t", mode: "incremental_append", columns }), "s", null)).toThrow(/cursor field "updated_at" of public\.t is not one of its columns/);
  });
});

describe("target-ddl", () => {
  it("adds the columns a table lacks, matching names as DuckDB does (case-insensitively)", () => {
    const plan = buildPlan({ table: "t", mode: "incremental_append" });
    expect(addColumnsSql(plan, ["ID", "Name", "_weir_run_id", "_WEIR_STREAM"])).toEqual([
      'ALTER TABLE "raw"."t" ADD COLUMN "updated_at" TIMESTAMPTZ',
      'ALTER TABLE "raw"."t" ADD COLUMN "_weir_extracted_at" TIMESTAMPTZ',
    ]);
  });
});
