/**
 * `npm run bench:catalog`: catalog search, lineage and explorer latency on a
 * large catalog, each against a reference measured in the same run.
 *
 * Starts Weir as the README does (fresh state folder, embedded PostgreSQL,
 * the demo), seeds 100,000 datasets with about 1.25 M columns and tags and
 * a 10,000-node lineage graph with about 20,000 edges into its database
 * (catalog-seed.ts, catalog-lineage-seed.ts), then measures:
 *  - catalog search over 200 varied queries (catalog-search-bench.ts);
 *  - the lineage API and lineage.graph at depth 1, 2 and 3 around 100
 *    random graph nodes (catalog-lineage-bench.ts);
 *  - in Chromium, the explorer's first laid-out render at depth 2 and one
 *    expansion, for 10 well-connected datasets (catalog-explorer-bench.ts).
 *  - lineage ingestion: POST /api/v1/lineage of a COMPLETE event with 1,000
 *    and 5,000 input datasets, over HTTP with a token, against a bare INSERT
 *    of the same rows (catalog-ingest-bench.ts).
 * Goals (the catalog issue): search p95 < 50 ms, lineage API p95 < 100 ms at
 * depth 2, explorer first render < 1 s, expand < 300 ms; issue 18: an event
 * with 5,000 inputs stored in < 1 s at p95. For the lineage
 * API, and for search when its goal is missed, the slowest call's SQL
 * statements are timed and the slowest one's EXPLAIN ANALYZE plan printed;
 * for the explorer, each run shows when the HTML and the graph request
 * arrived, so server time and layout/render time can be told apart. Weir is stopped and its
 * folder removed at the end, on failure and on Ctrl-C.
 *
 * Options (environment): BENCH_DATASETS (default 100000), BENCH_NODES
 * (default 10000), BENCH_SEARCH_CAP_MS (default 250: where a search
 * statement is cut), CHROMIUM_PATH (default /usr/bin/chromium),
 * BENCH_INGEST_RUNS (default 20 per size). BENCH_ONLY=ingest measures the
 * ingestion alone, without starting Weir or seeding: the route handler is
 * called in this process on a fresh database of WEIR_TEST_PG_URL's server.
 */
import os from "node:os";
import type pg from "pg";

import { connectMetadata, countOption, loadAverage, runBench } from "@/bench/bench-support";
import { benchIngest, type TIngestResults } from "@/bench/catalog-ingest-bench";
import { benchExplorer, type TExplorerResults, type TExplorerRun } from "@/bench/catalog-explorer-bench";
import { signInOverHttp, type TSession } from "@/bench/catalog-http";
import { benchLineage, DEPTHS, type TLineageResults } from "@/bench/catalog-lineage-bench";
import { seedLineage, type TGraphNode } from "@/bench/catalog-lineage-seed";
import { resultsTable, seededRandom, summary, type TReportRow } from "@/bench/catalog-report";
import { benchSearch, matchSpread, type TSearchResults } from "@/bench/catalog-search-bench";
import { seedCatalog } from "@/bench/catalog-seed";
import { diagnoseLineageApi, diagnoseSearch, verifySearchText } from "@/bench/catalog-diagnose";
import { startWeir } from "@/bench/catalog-weir";
import { disconnectDb } from "@/db/client";
import { applyMigrations } from "@/db/migrations";
import { createTestDatabase } from "@/db/test-database";
import { createToken } from "@/server/api-tokens/api-tokens";

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (t: Record<string, number>) =>
  Object.entries(t)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ");

/** The demo's first sync starts with Weir; the seed rebuilds catalog indexes, so it waits for the sync to finish. */
async function waitForIdleRuns(client: pg.Client, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Run" WHERE status IN ('queued', 'running')`);
    if (rows[0]!.n === 0 || Date.now() > deadline) return rows[0]!.n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** 100 random graph nodes for the lineage calls, 10 well-connected middle-layer ones for the explorer. */
function pickNodes(graph: readonly TGraphNode[]): { sample: TGraphNode[]; explorer: TGraphNode[] } {
  const random = seededRandom(20261123);
  const sample = Array.from({ length: Math.min(100, graph.length) }, () => graph[Math.floor(random() * graph.length)]!);
  const connected = graph.filter((n) => n.layer >= 2 && n.layer <= 7).sort((a, b) => b.upstream + b.downstream - (a.upstream + a.downstream) || a.n - b.n);
  const explorer = [0, 5, 10, 20, 35, 50, 75, 100, 150, 200].map((rank) => connected[Math.min(rank, connected.length - 1)]!);
  return { sample, explorer };
}

function reportRows(search: TSearchResults, capMs: number, lineage: TLineageResults, explorer: TExplorerResults): TReportRow[] {
  const ilike = { label: "FTS first 25", samples: search.ilike };
  const rows: TReportRow[] = [
    { what: "search: searchCatalog (in process)", samples: search.weir, reference: ilike, goalP95Ms: 50, capMs },
    { what: "search: catalog.search over HTTP (uncut only)", samples: search.http, reference: ilike, goalP95Ms: 50, capMs },
    { what: "search reference: FTS ranked", samples: search.fts, capMs },
  ];
  for (const depth of DEPTHS) {
    rows.push({
      what: `lineage API depth ${depth} (HTTP, token)`,
      samples: lineage.api.get(depth) ?? [],
      reference: { label: "CTE + fields", samples: lineage.cteWithColumns.get(depth) ?? [] },
      goalP95Ms: depth === 2 ? 100 : undefined,
    });
  }
  rows.push({
    what: "lineage API depth 2, nodeId = id",
    samples: lineage.apiById,
    reference: { label: "CTE + fields", samples: lineage.cteWithColumns.get(2) ?? [] },
  });
  for (const depth of DEPTHS) {
    rows.push({
      what: `lineageGraph depth ${depth} (in process)`,
      samples: lineage.graph.get(depth) ?? [],
      reference: { label: "CTE", samples: lineage.cte.get(depth) ?? [] },
    });
  }
  rows.push({ what: "lineage.graph depth 2 over HTTP", samples: lineage.graphHttp, reference: { label: "CTE", samples: lineage.cte.get(2) ?? [] } });
  const expands = explorer.runs.flatMap((r) => (r.expand && "ms" in r.expand ? [r.expand] : []));
  rows.push(
    {
      what: "explorer: first render, depth 2",
      samples: explorer.runs.map((r) => r.firstRenderMs),
      reference: { label: "/ load", samples: explorer.home },
      goalP95Ms: 1000,
    },
    {
      what: "explorer: expand a node",
      samples: expands.map((e) => e.ms),
      reference: { label: "its request", samples: expands.map((e) => e.fetchMs) },
      goalP95Ms: 300,
    },
  );
  return rows;
}

const span = (r: { start: number; end: number } | null) => (r ? `${r.start.toFixed(0)}→${r.end.toFixed(0)} ms` : "not seen");

/** One explorer measurement with where its time went (times since navigation start, or since the click). */
function explorerLine(run: TExplorerRun): string {
  const after = run.graphRequest ? `, ${(run.firstRenderMs - run.graphRequest.end).toFixed(0)} ms after its answer` : "";
  const first = `${run.dataset}: ${run.nodes} nodes, ready ${run.firstRenderMs.toFixed(0)} ms (HTML ${run.htmlMs.toFixed(0)} ms, graph request ${span(run.graphRequest)}${after})`;
  if (!run.expand) return first;
  if ("error" in run.expand) return `${first}; expand: ${run.expand.error}`;
  const e = run.expand;
  return `${first}; expand ${e.side} → ${e.nodesAfter} nodes in ${e.ms.toFixed(0)} ms (request ${span(e.request)} after the click; alone ${e.fetchMs.toFixed(0)} ms)`;
}

const INGEST_SIZES = [1_000, 5_000];

function ingestRows(results: readonly TIngestResults[], how: string): TReportRow[] {
  return results.map((r) => ({
    what: `lineage POST, ${r.inputs.toLocaleString("en-US")} inputs (${(r.bytes / 1024 / 1024).toFixed(1)} MB, ${how})`,
    samples: r.weir,
    reference: { label: "bare INSERT", samples: r.bare },
    goalP95Ms: r.inputs === 5_000 ? 1000 : undefined,
  }));
}

async function measureIngest(client: pg.Client, post: (body: string) => Promise<number>): Promise<TIngestResults[]> {
  const runs = countOption("BENCH_INGEST_RUNS", 20);
  const results: TIngestResults[] = [];
  for (const inputs of INGEST_SIZES) {
    say(`Ingestion: ${runs} COMPLETE events with ${inputs.toLocaleString("en-US")} inputs (load average ${loadAverage()})…`);
    const r = await benchIngest({ client, post, inputs, runs });
    say(
      `  answers: ${Object.entries(r.statuses)
        .map(([status, n]) => `${n} × ${status}`)
        .join(", ")}`,
    );
    results.push(r);
  }
  return results;
}

/** BENCH_ONLY=ingest: the route handler in this process, on a fresh database. */
async function ingestOnly(atExit: (step: () => Promise<unknown>) => void): Promise<void> {
  say(`bench:catalog (ingestion only): ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}`);
  const database = await createTestDatabase();
  atExit(() => database.drop());
  process.env.DATABASE_URL = database.url;
  await applyMigrations(database.url);
  atExit(() => disconnectDb());
  const client = await connectMetadata(database.url);
  atExit(() => client.end());
  const token = (await createToken({ name: "bench-ingest", scopes: ["lineage:write"] }, { id: null, email: "bench@weir.local" })).token;
  const { POST } = await import("../../app/api/v1/lineage/route");
  const post = async (body: string) =>
    (
      await POST(
        new Request("http://weir.bench/api/v1/lineage", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        }),
      )
    ).status;
  const rows = ingestRows(await measureIngest(client, post), "route handler in process");
  say("");
  say(resultsTable(rows));
  say(
    "bare INSERT = one transaction inserting the same datasets, their columns and the edges into empty temporary copies of the tables, one statement per table.",
  );
}

async function main(atExit: (step: () => Promise<unknown>) => void): Promise<void> {
  if (process.env.BENCH_ONLY === "ingest") return ingestOnly(atExit);
  const datasets = countOption("BENCH_DATASETS", 100_000);
  const nodes = countOption("BENCH_NODES", 10_000);
  const capMs = countOption("BENCH_SEARCH_CAP_MS", 250);
  say(
    `bench:catalog: ${datasets.toLocaleString("en-US")} datasets, ${nodes.toLocaleString("en-US")}-node lineage graph; ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}`,
  );
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };
  say("Starting Weir (fresh state folder, embedded PostgreSQL, demo)…");
  const weir = await startWeir(say);
  atExit(() => weir.stop());
  atExit(() => disconnectDb());
  say(`Weir is up at ${weir.baseURL} in ${weir.startSeconds.toFixed(1)} s${weir.built ? " (including next build)" : ""}.`);
  process.env.DATABASE_URL = weir.databaseUrl; // before the first db() call: the in-process server functions use Weir's database
  const url = weir.databaseUrl;
  const client = await connectMetadata(url);
  atExit(() => client.end());
  const busy = await waitForIdleRuns(client, 120_000);
  if (busy) say(`  ${busy} run(s) still queued or running after 120 s; seeding anyway.`);
  phase("start");

  const seedStarted = performance.now();
  const catalogTimings = await seedCatalog(client, datasets);
  const lineage = await seedLineage(client, datasets, nodes);
  say(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${seconds({ ...catalogTimings, ...lineage.timings })}.`);
  say(
    `  ${lineage.graph.length.toLocaleString("en-US")} graph nodes, ${lineage.edges.toLocaleString("en-US")} edges (${lineage.stale} stale), ${lineage.columnEdges.toLocaleString("en-US")} column edges.`,
  );
  say(`  searchText checked against refreshSearchText on ${await verifySearchText(client, 200)} datasets: identical.`);

  phase("seed");
  const token = (await createToken({ name: `bench-catalog-${Date.now()}`, scopes: ["lineage:read"] }, { id: null, email: "bench@weir.local" })).token;
  const session: TSession | null = await signInOverHttp(weir.apiURL, weir.admin.email, weir.admin.password).catch((e: unknown) => {
    say(`  Could not sign in over HTTP (${e instanceof Error ? e.message : String(e)}); the tRPC-over-HTTP rows stay empty.`);
    return null;
  });
  const runsBefore = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Run"`)).rows[0]!.n;

  say(`Search: 200 queries, each statement cut at ${capMs} ms (load average ${loadAverage()})…`);
  const search = await benchSearch({ client, apiURL: weir.apiURL, session, capMs });
  say(`  searchCatalog ${summary(search.weir, capMs)}`);
  say(`  FTS first 25 ${summary(search.ilike, capMs)}; FTS ranked ${summary(search.fts, capMs)}`);
  say(`  matches per kind: ${matchSpread(search.perQuery)}`);

  phase("search");
  const { sample, explorer: explorerNodes } = pickNodes(lineage.graph);
  say(`Lineage: ${sample.length} random nodes at depth ${DEPTHS.join(", ")} (load average ${loadAverage()})…`);
  const lineageResults = await benchLineage({ client, apiURL: weir.apiURL, token, session, sample });
  for (const depth of DEPTHS) say(`  depth ${depth}: datasets per answer ${summary(lineageResults.sizes.get(depth) ?? []).replace(/ ms/g, "")}`);

  phase("lineage");
  say(`Explorer: ${explorerNodes.length} well-connected datasets in Chromium (load average ${loadAverage()})…`);
  const explorer = await benchExplorer({ baseURL: weir.baseURL, admin: weir.admin, datasets: explorerNodes, log: say });
  if (explorer.unavailable) say(`  Explorer not measured: ${explorer.unavailable}.`);
  for (const run of explorer.runs) say(`  ${explorerLine(run)}`);
  phase("explorer");
  const writer = (await createToken({ name: `bench-ingest-${Date.now()}`, scopes: ["lineage:write"] }, { id: null, email: "bench@weir.local" })).token;
  const ingest = await measureIngest(client, async (body) => {
    const res = await fetch(`${weir.apiURL}/api/v1/lineage`, {
      method: "POST",
      headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  });
  phase("ingest");
  const runsDuring = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Run"`)).rows[0]!.n - runsBefore;

  const rows = [...reportRows(search, capMs, lineageResults, explorer), ...ingestRows(ingest, "HTTP, token")];
  say("");
  say(resultsTable(rows));
  say("");
  say(
    `References (same run, same machine): FTS first 25 = the first 25 full-text matches of the words (GIN index on searchVector), unranked: the floor of matching; FTS ranked = one full-text query`,
  );
  say(
    `on the same words and GIN index ranked by ts_rank, 25 rows, no total/facets/typo tolerance/columns. Search statements are cut at ${capMs} ms ("cut", "> ${capMs}");`,
  );
  say(
    "CTE + fields = one recursive-CTE statement walking the same neighbourhood over LineageEdge and returning its datasets with their columns and the edges with jobs;",
  );
  say(
    "CTE = the same without columns; / load = navigation to the load event of the Overview, a page of the same app that asks for no data, in the same browser session;",
  );
  say(
    "its request = the one tRPC lineage.graph request an expansion makes, fetched alone from the page; bare INSERT = one transaction inserting the same datasets,",
  );
  say("their columns and the edges into empty temporary copies of the tables, one statement per table. Ratio = p95 ÷ the reference's p95. Goals apply to p95.");
  say(`Load average at the end: ${loadAverage()}${runsDuring ? `; ${runsDuring} demo sync run(s) started during the measurements` : ""}.`);

  await diagnoseSearch({ url, search, capMs, goalMs: 50, log: say });
  await diagnoseLineageApi({ url, lineage: lineageResults, sample, goalMs: 100, log: say });
  phase("diagnosis");
  say("");
  say(
    `Phases: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(", ")}; total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

runBench("bench:catalog", main);
