/**
 * What the catalog benchmark prints beyond its figures: a check that the
 * seeded search text is what Weir itself computes, and where the time of
 * the server-side calls goes (for search only when its goal is missed):
 * the slowest calls re-run in this process with their SQL statements timed
 * (catalog-explain.ts), and the EXPLAIN ANALYZE plan of the slowest one.
 */
import type pg from "pg";

import { captureStatements, describeStatement, explainAnalyze, slowestQueries, type TStatement } from "@/bench/catalog-explain";
import { nodeIdOf, type TLineageResults } from "@/bench/catalog-lineage-bench";
import type { TGraphNode } from "@/bench/catalog-lineage-seed";
import { percentile } from "@/bench/catalog-report";
import { type TSearchResults, withCappedDb } from "@/bench/catalog-search-bench";
import { db } from "@/db/client";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { searchCatalog } from "@/server/catalog/search";
import { lineageAround } from "@/server/lineage/lineage-api";

type TLog = (line: string) => void;

/**
 * Recomputes the search text of `count` random seeded datasets with
 * refreshSearchText and compares it with what the seed wrote; throws on any
 * difference. Returns how many were checked.
 */
export async function verifySearchText(client: pg.Client, count: number): Promise<number> {
  const { rows: before } = await client.query<{ id: string; searchText: string }>(
    `SELECT d.id, d."searchText" FROM "Dataset" d JOIN (SELECT id FROM bench_ds ORDER BY random() LIMIT $1) s ON s.id = d.id`,
    [count],
  );
  await refreshSearchText(
    db(),
    before.map((r) => r.id),
  );
  const { rows: after } = await client.query<{ id: string; searchText: string }>(`SELECT id, "searchText" FROM "Dataset" WHERE id = ANY($1::uuid[])`, [
    before.map((r) => r.id),
  ]);
  const expected = new Map(after.map((r) => [r.id, r.searchText]));
  const wrong = before.filter((r) => expected.get(r.id) !== r.searchText);
  if (wrong.length) {
    const w = wrong[0]!;
    throw new Error(
      `The seed's searchText differs from refreshSearchText for ${wrong.length} of ${before.length} datasets, e.g. ${w.id}:\n  seed:    ${w.searchText.slice(0, 300)}\n  refresh: ${(expected.get(w.id) ?? "").slice(0, 300)}`,
    );
  }
  return before.length;
}

async function printBreakdown(url: string, label: string, statements: TStatement[], log: TLog): Promise<void> {
  const total = statements.reduce((sum, s) => sum + s.ms, 0);
  log(`  ${label}: ${statements.length} statements, ${total.toFixed(1)} ms in the database driver:`);
  for (const s of slowestQueries(statements).slice(0, 4)) log(`    ${s.ms.toFixed(1)} ms  ${s.text.replace(/\s+/g, " ").trim().slice(0, 140)}…`);
  const slowest = slowestQueries(statements)[0];
  if (!slowest) return;
  log(`  Slowest statement:\n    ${describeStatement(slowest)}`);
  const plan = await explainAnalyze(url, slowest, statements);
  log(
    `  EXPLAIN (ANALYZE, BUFFERS):\n${plan
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n")}`,
  );
}

const describeQuery = (p: TSearchResults["perQuery"][number]) =>
  `${JSON.stringify(p.query.input)} [${p.query.kind}, ${p.total < 0 ? "cut" : `${p.total} matches`}]`;

/**
 * The slowest searches; with the goal missed, where a search spends its
 * time: a query that matches nothing run uncut with its statements timed
 * (each repeats the same filter), and the plan of the ranked-rows statement
 * of the first common word that was cut.
 */
export async function diagnoseSearch(opts: { url: string; search: TSearchResults; capMs: number; goalMs: number; log: TLog }): Promise<void> {
  const { url, search, capMs, goalMs, log } = opts;
  const slowest = [...search.perQuery].sort((a, b) => b.ms - a.ms);
  const finished = slowest.filter((p) => Number.isFinite(p.ms));
  const fastest = [...finished].reverse();
  log("");
  log(
    `Searches cut at ${capMs} ms: ${slowest.length - finished.length} of ${slowest.length}. Slowest that finished: ${
      finished
        .slice(0, 5)
        .map((p) => `${describeQuery(p)} ${p.ms.toFixed(0)} ms`)
        .join("; ") || "none"
    }.`,
  );
  log(
    `Fastest: ${
      fastest
        .slice(0, 5)
        .map((p) => `${describeQuery(p)} ${p.ms.toFixed(0)} ms`)
        .join("; ") || "none"
    }.`,
  );
  if (percentile(search.weir, 95) < goalMs) return;
  log(`Search p95 misses ${goalMs} ms.`);
  const miss = slowest.find((p) => p.query.kind === "no match");
  if (miss) {
    log(`A search that matches nothing, ${JSON.stringify(miss.query.input)}, run uncut with its statements timed:`);
    const { statements } = await captureStatements(() => searchCatalog(miss.query.input).catch((e: unknown) => e));
    await printBreakdown(url, "searchCatalog", statements, log);
  }
  const common = slowest.find((p) => p.query.kind === "single word");
  if (common) {
    log(`A common word, ${JSON.stringify(common.query.input)}: the plan of its ranked-rows statement, uncut:`);
    const { statements } = await captureStatements(() => withCappedDb(50, () => searchCatalog(common.query.input).catch((e: unknown) => e)));
    const rowsStatement = statements.find((s) => /count\(\*\) OVER \(\)/.test(s.text));
    if (rowsStatement)
      log(
        (await explainAnalyze(url, rowsStatement, statements))
          .split("\n")
          .map((l) => `    ${l}`)
          .join("\n"),
      );
  }
}

/**
 * The slowest depth-2 node's lineageAround, statement by statement, with the
 * slowest statement's plan: printed always (it is cheap), since the API's
 * p95 sits near its goal and moves with the machine's load.
 */
export async function diagnoseLineageApi(opts: {
  url: string;
  lineage: TLineageResults;
  sample: readonly TGraphNode[];
  goalMs: number;
  log: TLog;
}): Promise<void> {
  const { url, lineage, sample, goalMs, log } = opts;
  const times = lineage.api.get(2) ?? [];
  if (!times.length) return;
  const p95 = percentile(times, 95);
  log("");
  log(
    `Lineage API at depth 2: p95 ${p95.toFixed(0)} ms by name (goal ${goalMs} ms, ${p95 < goalMs ? "met" : "missed"}), ${percentile(lineage.apiById, 95).toFixed(0)} ms by dataset id.`,
  );
  const slowestIndex = times.indexOf(Math.max(...times));
  const node = sample[slowestIndex]!;
  log(`The slowest node (${nodeIdOf(node)}, ${times[slowestIndex]!.toFixed(0)} ms over HTTP), lineageAround re-run in this process with its statements timed:`);
  const { statements } = await captureStatements(() => lineageAround(nodeIdOf(node), 2));
  await printBreakdown(url, "lineageAround", statements, log);
}
