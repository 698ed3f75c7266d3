/**
 * `npm run bench:transform [rows]`: Weir's overhead on model builds and
 * quality checks in DuckDB, against the same SQL run directly in the same
 * run. A throwaway DuckDB file gets `bronze.events` of N rows (argument or
 * BENCH_ROWS, default 5,000,000).
 *
 * - Models: a chain of 50 table models, each reading the previous one with
 *   `{{ ref() }}`. Weir: templates read and the graph built, then
 *   runModelDag renders each model and builds it (temporary name, swap, row
 *   count, one transaction). Direct: the same compiled SELECTs as
 *   `CREATE OR REPLACE TABLE … AS` on a plain connection.
 * - Checks: 100 checks of every row-level and table-level kind on
 *   `bronze.events`. Weir: runCheck (failing rows counted, total counted, a
 *   sample when failing). Direct: the failing-rows count (or the observed
 *   value) of each check, the one query a person would write.
 *
 * Each side runs twice, alternating, and the faster run counts. The goals
 * (issue 4): model overhead under 10%, check overhead under 15%.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { openDatabase, type TDuckDbHandle } from "@/connectors/duckdb/open-database";
import type { TCheckDefinition, TCheckKind } from "@/engine/quality/check-definition";
import { checkSql } from "@/engine/quality/check-sql";
import { runCheck } from "@/engine/quality/run-check";
import { ModelGraph } from "@/engine/transform/model-graph";
import { readModelTemplate, renderModelTemplate } from "@/engine/transform/model-template";
import { runModelDag } from "@/engine/transform/run-dag";
import { DUCKDB_DIALECT, openDuckDbWarehouse } from "@/connectors/duckdb/warehouse";

const DEFAULT_ROWS = 5_000_000;
const MODELS = 50;
const say = (line: string) => process.stdout.write(`${line}\n`);

function rowsToUse(): number {
  const raw = process.argv[2] ?? process.env.BENCH_ROWS ?? String(DEFAULT_ROWS);
  const rows = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`Row count must be a positive integer, not "${raw}".`);
  return rows;
}

/** Model i (1-based): a light transformation of model i-1 (or of bronze.events), so each build reads and writes every row. */
function modelSql(i: number): string {
  const from = i === 1 ? "bronze.events" : `{{ ref('m${String(i - 1).padStart(2, "0")}') }}`;
  return `select id, customer_id, CAST(amount * 1.001 AS DECIMAL(12,2)) as amount, status, country, created_at\nfrom ${from}\nwhere id % 1000 <> ${i}`;
}

const name = (i: number) => `m${String(i).padStart(2, "0")}`;

/** 100 checks of every kind on bronze.events (some pass, some fail). */
function checks(): TCheckDefinition[] {
  const kinds: TCheckKind[] = [];
  const columns = ["id", "customer_id", "amount", "status", "country", "created_at"];
  for (const column of columns) kinds.push({ kind: "not_null", column });
  kinds.push({ kind: "unique", columns: ["id"] }, { kind: "unique", columns: ["customer_id"] });
  for (let i = 0; kinds.length < 100; i++) {
    const pick = [
      { kind: "accepted_values", column: "status", values: ["paid", "open", "refunded"].slice(0, 2 + (i % 2)) },
      { kind: "accepted_values", column: "country", values: ["NL", "DE", "FR", "US"] },
      { kind: "regex", column: "country", pattern: i % 2 ? "^[A-Z]{2}$" : "^(NL|DE)$" },
      { kind: "expression", expression: `amount >= ${i % 3 === 0 ? 0 : 100}` },
      { kind: "expression", expression: `customer_id between 0 and ${10_000 + i}` },
      { kind: "row_count", min: 1, max: 10_000_000 + i },
      { kind: "freshness", column: "created_at", maxAgeSeconds: 86_400 * (1 + (i % 400)) },
      { kind: "custom_sql", sql: `select * from {{ this }} where amount < 0 and id % ${i + 2} = 0` },
    ] satisfies TCheckKind[];
    kinds.push(pick[i % pick.length]!);
  }
  return kinds.map((check, i) => ({ name: `check ${i + 1}`, severity: "error", check }));
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const rows = rowsToUse();
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-bench-transform-"));
  const file = path.join(dir, "warehouse.duckdb");
  try {
    say(`bench:transform: ${rows.toLocaleString("en-US")} bronze rows, ${MODELS} models, 100 checks, ${os.cpus().length} cores, Node ${process.version}`);
    const direct: TDuckDbHandle = await openDatabase(file);
    await direct.run("CREATE SCHEMA bronze");
    await direct.run(`CREATE TABLE bronze.events AS
SELECT i AS id, (i * 7919) % 100000 AS customer_id, round(((i * 31) % 100000) / 100.0, 2)::DECIMAL(12,2) AS amount,
  CASE i % 3 WHEN 0 THEN 'paid' WHEN 1 THEN 'open' ELSE 'refunded' END AS status,
  CASE i % 4 WHEN 0 THEN 'NL' WHEN 1 THEN 'DE' WHEN 2 THEN 'FR' ELSE 'US' END AS country,
  TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(i % 10000000) AS created_at
FROM range(${rows}) t(i)`);
    await direct.run("CHECKPOINT");

    // Models. Weir compiles against its own graph; the direct side runs the SQL Weir compiled.
    const templates = Array.from({ length: MODELS }, (_, k) => ({ name: name(k + 1), sql: modelSql(k + 1) }));
    const warehouse = await openDuckDbWarehouse(file);
    const compiled = new Map<string, string>();
    const weirModels = async () => {
      const graph = ModelGraph.build(templates.map((t) => ({ name: t.name, refs: readModelTemplate(t.name, t.sql).refs })));
      const bySql = new Map(templates.map((t) => [t.name, t.sql]));
      const outcomes = await runModelDag({
        graph,
        models: new Set(templates.map((t) => t.name)),
        concurrency: 4,
        run: async (model) => {
          const result = await warehouse.build({
            model,
            schema: "weir",
            name: model,
            materialization: "table",
            uniqueKey: [],
            render: (isIncremental) =>
              renderModelTemplate(model, bySql.get(model)!, {
                ref: (n) => warehouse.relation("weir", n),
                source: () => "",
                self: warehouse.relation("weir", model),
                isIncremental,
              }),
          });
          compiled.set(model, result.sql);
          return { status: "succeeded" };
        },
      });
      const failed = [...outcomes].filter(([, o]) => o.status === "failed");
      if (failed.length) throw new Error(`Models did not build: ${JSON.stringify(failed)}`);
    };
    const directModels = async () => {
      await direct.run("CREATE SCHEMA IF NOT EXISTS weir");
      for (const t of templates) await direct.run(`CREATE OR REPLACE TABLE weir.${t.name} AS\n${compiled.get(t.name)!}`);
    };
    const weirModelTimes: number[] = [];
    const directModelTimes: number[] = [];
    weirModelTimes.push(await timed(weirModels)); // compiles the SQL the direct side runs
    directModelTimes.push(await timed(directModels));
    weirModelTimes.push(await timed(weirModels));
    directModelTimes.push(await timed(directModels));
    const [last] = await direct.rows(`SELECT count(*) FROM weir.${name(MODELS)}`);

    // Checks.
    const definitions = checks();
    const dataset = { schema: "bronze", table: "events" };
    const relation = warehouse.relation("bronze", "events");
    const directSql = definitions.map((d) => {
      const sql = checkSql(d.check, {
        dialect: DUCKDB_DIALECT,
        dataset: relation,
        renderCustomSql: (text) => renderModelTemplate(d.name, text, { ref: () => "", source: () => "", self: relation, isIncremental: false }),
      });
      return sql.level === "rows" ? `SELECT count(*) FROM (${sql.failingRowsSql}) AS f` : sql.level === "table" ? sql.observedSql : "SELECT 1";
    });
    let failing = 0;
    const weirChecks = async () => {
      failing = 0;
      for (const definition of definitions) {
        const result = await runCheck({ warehouse, dataset, definition });
        if (result.status === "error") throw new Error(`${definition.name}: ${result.message}`);
        if (result.status === "failed") failing++;
      }
    };
    const directChecks = async () => {
      for (const sql of directSql) await direct.rows(sql);
    };
    const weirCheckTimes: number[] = [];
    const directCheckTimes: number[] = [];
    for (let round = 0; round < 2; round++) {
      directCheckTimes.push(await timed(directChecks));
      weirCheckTimes.push(await timed(weirChecks));
    }
    await warehouse.close();
    await direct.close();

    const best = (times: number[]) => Math.min(...times);
    const line = (what: string, weir: number, reference: number, goal: string) =>
      `| ${what} | ${weir.toFixed(2)} s | ${reference.toFixed(2)} s | ${(((weir - reference) / reference) * 100).toFixed(1)}% | ${goal} |`;
    say("");
    say("| what | Weir | same SQL directly | overhead | goal |");
    say("|---|---|---|---|---|");
    say(
      line(
        `${MODELS} chained table models (last has ${Number(last?.[0]).toLocaleString("en-US")} rows)`,
        best(weirModelTimes),
        best(directModelTimes),
        "< 10%",
      ),
    );
    say(line(`100 checks (${failing} failing)`, best(weirCheckTimes), best(directCheckTimes), "< 15%"));
    say("");
    say(
      `All runs (s): models Weir ${weirModelTimes.map((t) => t.toFixed(2)).join(", ")}; direct ${directModelTimes.map((t) => t.toFixed(2)).join(", ")}; checks Weir ${weirCheckTimes.map((t) => t.toFixed(2)).join(", ")}; direct ${directCheckTimes.map((t) => t.toFixed(2)).join(", ")}.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:transform failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
