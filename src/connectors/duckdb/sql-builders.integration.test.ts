// The pure SQL builders: names, quoting, the CSV reader's options, which statements each mode runs, the target's DDL and the boundary.
import { describe, expect, it } from "vitest";

import { keptRowsSql, replaceBoundarySql, stagedIdentitySql, targetIdentitySql } from "@/connectors/duckdb/boundary-sql";
import { applySql, stateSql } from "@/connectors/duckdb/commit-sql";
import { buildPlan, ts } from "@/connectors/duckdb/duckdb-fixture";
import { insertObjectsSql, recordedBoundarySql } from "@/connectors/duckdb/ledger-keys";
import { globLiteral, ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { loadStageSql, stageName } from "@/connectors/duckdb/stage-sql";
import { type TStoredColumn, overwriteTableSql, targetDdl, typeChanges } from "@/connectors/duckdb/target-ddl";

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

const WEIR_STORED: TStoredColumn[] = [
  { name: "_weir_run_id", type: "VARCHAR" },
  { name: "_weir_extracted_at", type: "TIMESTAMP WITH TIME ZONE" },
  { name: "_weir_stream", type: "VARCHAR" },
];

describe("commit-sql", () => {
  const stored: TStoredColumn[] = [
    { name: "id", type: "BIGINT" },
    { name: "name", type: "VARCHAR" },
    { name: "updated_at", type: "TIMESTAMP WITH TIME ZONE" },
  ];

  it("overwrites by building a new table with the plan's types and swapping it in", () => {
    const plan = buildPlan({ table: "t", mode: "full_refresh_overwrite", runId: "r1" });
    const statements = applySql(plan, 'temp.main."s"', stored, "_weir_new_t_r1_1");
    expect(statements.map((s) => s.sql.split(" (")[0]!.split(" AS ")[0])).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "raw"',
      'CREATE TABLE "raw"."_weir_new_t_r1_1"',
      'INSERT INTO "raw"."_weir_new_t_r1_1"',
      'DROP TABLE IF EXISTS "raw"."t"',
      'ALTER TABLE "raw"."_weir_new_t_r1_1" RENAME TO "t"',
    ]);
    expect(statements.filter((s) => s.inserts)).toHaveLength(1);
  });

  it("merges on quoted key columns, newest cursor first", () => {
    const plan = buildPlan({
      table: "t",
      mode: "incremental_dedup",
      columns: [
        { name: 'k"1', type: { kind: "integer" }, nullable: false },
        { name: "order", type: { kind: "date" }, nullable: true },
      ],
      primaryKey: ['k"1'],
      cursorField: "order",
    });
    const [reduce, remove, insert] = applySql(plan, 'temp.main."s"', [{ name: 'k"1', type: "INTEGER" }, { name: "order", type: "DATE" }, ...WEIR_STORED], "x");
    expect(reduce!.sql).toContain("PARTITION BY c_0 ORDER BY c_1 DESC NULLS LAST, _weir_seq DESC");
    expect(remove!.sql).toBe(
      `DELETE FROM "raw"."t" AS t USING temp.main."_weir_merge" AS m WHERE t."k""1" IS NOT DISTINCT FROM m.c_0 AND (t."order" IS NULL OR m.c_1 IS NULL OR t."order" <= m.c_1)`,
    );
    expect(insert).toMatchObject({ inserts: true });
  });

  it("merges an unconstrained numeric cursor (stored as text) by value, not by its text", () => {
    const plan = buildPlan({
      table: "t",
      mode: "incremental_dedup",
      columns: [
        { name: "id", type: { kind: "bigint" }, nullable: false },
        { name: "version", type: { kind: "numeric" }, nullable: true },
      ],
      cursorField: "version",
    });
    const [reduce, remove] = applySql(plan, 'temp.main."s"', [], "x").filter((s) => /_weir_merge/.test(s.sql));
    expect(reduce!.sql).toMatch(/ORDER BY \(CASE WHEN c_1 IS NULL THEN NULL ELSE .*struct_pack\(c := .*\) DESC NULLS LAST, _weir_seq DESC/s);
    expect(remove!.sql).toMatch(/OR \(CASE WHEN t\."version" IS NULL .* <= \(CASE WHEN m\.c_1 IS NULL/s);
  });

  it("needs the cursor field among the columns for incremental modes only", () => {
    const columns = buildPlan({ table: "t", mode: "full_refresh_append" }).columns.slice(0, 2);
    expect(stateSql(buildPlan({ table: "t", mode: "full_refresh_append", columns }), "s", "7")).toBe(`SELECT '7', count(*), 0 FROM s`);
    expect(() => stateSql(buildPlan({ table: "t", mode: "incremental_append", columns }), "s", null)).toThrow(
      /cursor field "updated_at" of public\.t is not one of its columns/,
    );
  });

  it("counts the staged rows at the previous cursor in the state scan, or those with a NULL cursor while there is none", () => {
    const plan = buildPlan({ table: "t", mode: "incremental_append" });
    expect(stateSql(plan, "s", null)).toContain("count(*) FILTER (WHERE weir_text IS NULL) AS weir_at_previous");
    expect(stateSql(plan, "s", ts(1))).toMatch(/count\(\*\) FILTER \(WHERE weir_value = .*'2024-05-01 10:00:01\+00'.*\) AS weir_at_previous/);
  });
});

describe("target-ddl", () => {
  const plan = buildPlan({ table: "t", mode: "incremental_append" });

  it("creates schema and table when nothing is stored", () => {
    expect(targetDdl(plan, [])).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "raw"',
      'CREATE TABLE "raw"."t" ("id" BIGINT, "name" VARCHAR, "updated_at" TIMESTAMP WITH TIME ZONE, "_weir_run_id" VARCHAR, "_weir_extracted_at" TIMESTAMP WITH TIME ZONE, "_weir_stream" VARCHAR)',
    ]);
  });

  it("adds the columns a table lacks, matching names as DuckDB does (case-insensitively)", () => {
    expect(
      targetDdl(plan, [
        { name: "ID", type: "BIGINT" },
        { name: "Name", type: "VARCHAR" },
        { name: "_weir_run_id", type: "VARCHAR" },
        { name: "_WEIR_STREAM", type: "VARCHAR" },
      ]),
    ).toEqual([
      'ALTER TABLE "raw"."t" ADD COLUMN "updated_at" TIMESTAMP WITH TIME ZONE',
      'ALTER TABLE "raw"."t" ADD COLUMN "_weir_extracted_at" TIMESTAMP WITH TIME ZONE',
    ]);
  });

  it("alters a widened column through its wire text, and refuses a narrowing naming table, column and both types", () => {
    const widened = targetDdl(plan, [
      { name: "Id", type: "INTEGER" },
      { name: "name", type: "VARCHAR" },
      { name: "updated_at", type: "DATE" },
    ]);
    expect(widened[0]).toMatch(/^ALTER TABLE "raw"."t" ALTER COLUMN "Id" SET DATA TYPE BIGINT USING \(CASE WHEN NOT contains\(CAST\("Id" AS VARCHAR\), '\.'\)/);
    expect(widened[1]).toMatch(/^ALTER TABLE "raw"."t" ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMP WITH TIME ZONE USING/);
    const narrowed = () => typeChanges(plan, [{ name: "id", type: "VARCHAR" }]);
    expect(narrowed).toThrow(expect.objectContaining({ code: "SCHEMA_CHANGED" }));
    expect(narrowed).toThrow(
      /column "id" of "raw"."t" \(stream public\.t\) is stored as text \(DuckDB VARCHAR\), and the source now sends bigint \(DuckDB BIGINT\).*Nothing was changed/,
    );
    expect(() => typeChanges(plan, [{ name: "id", type: "STRUCT(a INTEGER)" }])).toThrow(/stored as DuckDB STRUCT\(a INTEGER\)/);
  });

  it("builds an overwrite's table in the stored order with the plan's types, keeping dropped columns", () => {
    const [, create] = overwriteTableSql(
      plan,
      [
        { name: "name", type: "VARCHAR" },
        { name: "gone", type: "DATE" },
        { name: "id", type: "INTEGER" },
      ],
      "_weir_new_t",
    );
    expect(create).toBe(
      'CREATE TABLE "raw"."_weir_new_t" ("name" VARCHAR, "gone" DATE, "id" BIGINT, "updated_at" TIMESTAMP WITH TIME ZONE, "_weir_run_id" VARCHAR, "_weir_extracted_at" TIMESTAMP WITH TIME ZONE, "_weir_stream" VARCHAR)',
    );
    expect(() => overwriteTableSql(plan, [{ name: "id", type: "VARCHAR" }], "x")).toThrow(/SCHEMA|stored as text/);
  });
});

describe("boundary-sql and ledger-keys", () => {
  const plan = buildPlan({ table: "t", mode: "incremental_append", connectionId: "c", stream: "public.t" });

  it("identifies rows by the md5 of their wire text, staged and stored alike", () => {
    expect(stagedIdentitySql(plan, "s")).toMatch(/^md5\(CAST\(to_json\(list_value\(CAST\(CASE WHEN NOT contains\(s\.c_0, '\.'\)/);
    expect(targetIdentitySql(plan, "t")).toMatch(
      /^md5\(CAST\(to_json\(list_value\(CAST\(t\."id" AS VARCHAR\), CAST\(t\."name" AS VARCHAR\), CASE WHEN isinf\(t\."updated_at"\)/,
    );
  });

  it("keeps rows off the saved cursor and, at it, those beyond the recorded count, hashed over the recorded columns", () => {
    const recorded = { relation: recordedBoundarySql("c", "public.t", ts(1)), identity: [0, 2] };
    const sql = keptRowsSql(plan, 2, 'temp.main."s"', ts(1), recorded);
    expect(sql).toContain("WHERE NOT coalesce(");
    expect(sql).toContain("WHERE _weir_n > _weir_recorded");
    expect(sql).toContain(`"kind" = 'boundary' AND "cursor" = '${ts(1)}'`);
    expect(sql).toContain(stagedIdentitySql(plan, "s", [0, 2]));
    expect(sql).not.toContain(stagedIdentitySql(plan, "s"));
    const atNull = keptRowsSql(plan, 2, 'temp.main."s"', null, { relation: recordedBoundarySql("c", "public.t", null), identity: [0, 1, 2] });
    expect(atNull).toContain("WHERE NOT coalesce(s.c_2 IS NULL, false)");
    expect(atNull).toContain(`"kind" = 'boundary' AND "cursor" IS NULL`);
  });

  it("replaces the boundary and its columns: this run's rows at a new cursor, or recorded plus committed when it stayed", () => {
    const target = { from: "target" } as const;
    const recorded = { relation: 'SELECT \'k\' AS "key", 1 AS "count"', identity: [0, 2] };
    const moved = replaceBoundarySql(plan, 2, ts(2), ts(1), recorded, target);
    expect(moved[0]).not.toContain("UNION ALL");
    expect(moved[0]).toContain(`t."_weir_run_id" = '${plan.runId}'`);
    expect(moved[0]).toContain(targetIdentitySql(plan, "t"));
    expect(moved[1]).toBe(
      `DELETE FROM "_weir"."ledger_keys" WHERE "connection_id" = 'c' AND "stream" = 'public.t' AND "kind" IN ('boundary', 'boundary-columns')`,
    );
    expect(moved[3]).toContain(
      `'boundary-columns', '${ts(2)}', '[{"name":"id","type":{"kind":"bigint"}},{"name":"name","type":{"kind":"text"}},{"name":"updated_at","type":{"kind":"timestamptz"}}]', 3)`,
    );
    const stayed = replaceBoundarySql(plan, 2, ts(1), ts(1), { ...recorded, relation: "R" }, target);
    expect(stayed[0]).toContain('SELECT "key", sum("count") AS "count" FROM (R UNION ALL');
    expect(stayed[0]).toContain(targetIdentitySql(plan, "t", [0, 2]));
    expect(stayed[3]).toContain(`'[{"name":"id","type":{"kind":"bigint"}},{"name":"updated_at","type":{"kind":"timestamptz"}}]', 2)`);
    expect(replaceBoundarySql({ ...plan, mode: "full_refresh_append" }, 2, ts(1), ts(1), recorded, target)[0]).toContain('max("count")');
    expect(replaceBoundarySql({ ...plan, mode: "full_refresh_overwrite" }, 2, ts(1), ts(1), recorded, target)[0]).not.toContain("UNION ALL");
    const dedup = replaceBoundarySql({ ...plan, mode: "incremental_dedup" }, 2, null, null, null, { from: "stage", stage: "S" });
    expect(dedup[0]).toContain("FROM S AS s WHERE s.c_2 IS NULL GROUP BY 1");
    expect(dedup[2]).toContain("'boundary', CAST(NULL AS VARCHAR)");
  });

  it("records each object once, in statements of at most 5,000 keys", () => {
    const statements = insertObjectsSql("c", "s", [...Array.from({ length: 6000 }, (_, i) => `f${i}.csv`), "f1.csv"]);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('WHERE k NOT IN (SELECT "key" FROM "_weir"."ledger_keys"');
    expect(insertObjectsSql("c", "s", [])).toEqual([]);
  });
});
