/**
 * `npm run bench:health`: the health page with a large operations history,
 * each figure against a reference measured in the same run.
 *
 * Starts Weir as the README does (fresh state folder, embedded PostgreSQL,
 * the demo, one worker whose operations loop evaluates the alert rules),
 * seeds 1,000 connections, 100,000 runs, 200 models with 6,000 builds, 300
 * checks with 9,000 results, their catalog datasets and lineage and 30
 * freshness deadlines (health-seed.ts), creates a webhook channel to a
 * local receiver and one alert rule of each kind over HTTP, waits for the
 * worker's first evaluation to fire alerts and open breaches, then measures:
 *  - over HTTP as a signed-in admin, interleaved, 100 times each: the
 *    health procedures (summary, blocked, timeline 24 h / 7 d / a zoomed
 *    hour, charts 24 h / 7 d) and the page's own first request (one tRPC
 *    batch of the six queries the page opens with); reference: me.get, a
 *    procedure that reads nothing, over the same session;
 *  - in process, 10 alert evaluations (every rule, one transaction), for
 *    context against one health summary in process;
 *  - in Chromium, 10 loads of /health to everything rendered with data
 *    (health-browser-bench.ts); reference: the load of `/`.
 * Goals (the health issue): API p95 < 150 ms, rendered < 1.5 s. Weir is
 * stopped and its folder removed at the end, on failure and on Ctrl-C.
 *
 * Options (environment): BENCH_CONNECTIONS (default 1000), BENCH_RUNS
 * (default 100000), BENCH_CALLS (default 100), CHROMIUM_PATH (default
 * /usr/bin/chromium), BENCH_SCREENSHOT (a .png path: the health page of the
 * last load, to look at).
 */
import os from "node:os";
import type pg from "pg";

import { connectMetadata, countOption, loadAverage, runBench } from "@/bench/bench-support";
import { signInOverHttp, trpcBatchQuery, trpcMutation, trpcQuery, type TSession } from "@/bench/catalog-http";
import { resultsTable, summary, timeMs, type TReportRow } from "@/bench/catalog-report";
import { startWeir } from "@/bench/catalog-weir";
import { benchHealthPage, type THealthPageResults, type THealthPageRun } from "@/bench/health-browser-bench";
import { seedHealth } from "@/bench/health-seed";
import { disconnectDb } from "@/db/client";
import { startWebhookReceiver } from "@/engine/alerts/alerts-fixture";
import { evaluateAlerts } from "@/engine/alerts/evaluate-alerts";
import { logger } from "@/lib/logger";
import { sleep, until } from "@/lib/testing/until";
import { healthSummary } from "@/server/health/health-summary";

const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString("en-US");

const count = async (client: pg.Client, sql: string) => (await client.query<{ n: number }>(`SELECT (${sql})::int AS n`)).rows[0]!.n;

/** One alert rule of each kind, all targets, one webhook channel; created as a person would, over tRPC. */
async function createRules(apiURL: string, session: TSession, receiverURL: string): Promise<number> {
  const channel = (await trpcMutation(apiURL, session, "alert.createChannel", {
    name: "bench on-call webhook",
    kind: "webhook",
    config: { url: `${receiverURL}/hook` },
  })) as { id: string };
  const params = [
    { kind: "run_failed" },
    { kind: "consecutive_failures", count: 2 },
    { kind: "duration_above_median", factor: 3 },
    { kind: "freshness_breach" },
    { kind: "check_failed" },
    { kind: "stream_lag", messages: 20_000, minutes: 0 },
    { kind: "workers_below", workers: 1 },
  ];
  for (const p of params)
    await trpcMutation(apiURL, session, "alert.createRule", { name: `bench ${p.kind}`, params: p, channelIds: [channel.id], repeatSeconds: 3600 });
  return params.length;
}

type TCall = { label: string; procedure: string; input: unknown };

function healthCalls(): TCall[] {
  const now = Date.now();
  const window = (hours: number) => ({ from: new Date(now - hours * 3600_000).toISOString(), to: new Date(now).toISOString() });
  return [
    { label: "health.summary", procedure: "health.summary", input: undefined },
    { label: "health.blocked", procedure: "health.blocked", input: undefined },
    { label: "health.timeline 24 h", procedure: "health.timeline", input: window(24) },
    { label: "health.timeline 7 d", procedure: "health.timeline", input: window(7 * 24) },
    {
      label: "health.timeline zoomed to 1 h",
      procedure: "health.timeline",
      input: { from: new Date(now - 5 * 3600_000).toISOString(), to: new Date(now - 4 * 3600_000).toISOString() },
    },
    { label: "health.charts 24 h", procedure: "health.charts", input: { range: "24h" } },
    { label: "health.charts 7 d", procedure: "health.charts", input: { range: "7d" } },
  ];
}

/** The page's first request: the six queries it opens with, in one tRPC batch, as httpBatchLink sends them. */
function pageBatch(apiURL: string, session: TSession): Promise<void> {
  const now = Date.now();
  return trpcBatchQuery(apiURL, session, [
    { procedure: "health.summary", input: undefined },
    { procedure: "alert.list", input: { status: "firing", limit: 100 } },
    { procedure: "health.blocked", input: undefined },
    { procedure: "health.timeline", input: { from: new Date(now - 24 * 3600_000).toISOString(), to: new Date(now).toISOString() } },
    { procedure: "health.charts", input: { range: "24h" } },
    { procedure: "system.workers", input: undefined },
  ]);
}

async function benchApi(apiURL: string, session: TSession, calls: number): Promise<{ samples: Map<string, number[]>; reference: number[] }> {
  const list = healthCalls();
  const samples = new Map<string, number[]>([...list.map((c) => [c.label, []] as [string, number[]]), ["page batch", []]]);
  const reference: number[] = [];
  for (let round = 0; round < calls + 5; round++) {
    const warm = round < 5;
    const ref = await timeMs(() => trpcQuery(apiURL, session, "me.get", undefined));
    if (!warm) reference.push(ref);
    for (const c of list) {
      const ms = await timeMs(() => trpcQuery(apiURL, session, c.procedure, c.input));
      if (!warm) samples.get(c.label)!.push(ms);
    }
    const ms = await timeMs(() => pageBatch(apiURL, session));
    if (!warm) samples.get("page batch")!.push(ms);
  }
  return { samples, reference };
}

async function benchEvaluation(passes: number): Promise<{ evaluation: number[]; summary: number[]; skipped: number }> {
  const log = logger.child({ bench: "health" });
  const out = { evaluation: [] as number[], summary: [] as number[], skipped: 0 };
  for (let i = 0; i < passes; i++) {
    out.summary.push(await timeMs(() => healthSummary()));
    const started = performance.now();
    const result = await evaluateAlerts({ log });
    if (result === null) out.skipped++;
    else out.evaluation.push(performance.now() - started);
  }
  return out;
}

function pageLine(run: THealthPageRun): string {
  const r = run.requests;
  const requests = r
    ? `${r.count} tRPC request(s) ${r.start.toFixed(0)}→${r.end.toFixed(0)} ms, ready ${(run.readyMs - r.end).toFixed(0)} ms after the last answer`
    : "no tRPC request seen";
  return `ready ${run.readyMs.toFixed(0)} ms (HTML ${run.htmlMs.toFixed(0)} ms, ${requests}); ${run.failingConnections} failing connections shown`;
}

function reportRows(
  api: { samples: Map<string, number[]>; reference: number[] },
  evaluation: { evaluation: number[]; summary: number[] },
  page: THealthPageResults,
): TReportRow[] {
  const ref = { label: "me.get", samples: api.reference };
  const rows: TReportRow[] = healthCalls().map((c) => ({ what: `${c.label} (HTTP)`, samples: api.samples.get(c.label) ?? [], reference: ref, goalP95Ms: 150 }));
  rows.push({ what: "page's first request: 6 queries, one batch (HTTP)", samples: api.samples.get("page batch") ?? [], reference: ref, goalP95Ms: 150 });
  rows.push({
    what: "alert evaluation, 7 rules (in process)",
    samples: evaluation.evaluation,
    reference: { label: "summary in process", samples: evaluation.summary },
  });
  rows.push({
    what: "/health rendered with data (Chromium)",
    samples: page.runs.map((r) => r.readyMs),
    reference: { label: "/ load", samples: page.home },
    goalP95Ms: 1500,
  });
  return rows;
}

async function main(atExit: (step: () => Promise<unknown>) => void): Promise<void> {
  const connections = countOption("BENCH_CONNECTIONS", 1000);
  const runs = countOption("BENCH_RUNS", 100_000);
  const calls = countOption("BENCH_CALLS", 100);
  say(`bench:health: ${fmt(connections)} connections, ${fmt(runs)} runs; ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}`);
  say("Starting Weir (fresh state folder, embedded PostgreSQL, demo)…");
  const weir = await startWeir(say);
  atExit(() => weir.stop());
  atExit(() => disconnectDb());
  say(`Weir is up at ${weir.baseURL} in ${weir.startSeconds.toFixed(1)} s${weir.built ? " (including next build)" : ""}.`);
  process.env.DATABASE_URL = weir.databaseUrl; // before the first db() call: the in-process evaluation uses Weir's database
  const client = await connectMetadata(weir.databaseUrl);
  atExit(() => client.end());
  const demo = (
    await client.query<{ sourceId: string; destinationId: string }>(`SELECT "sourceId", "destinationId" FROM "Connection" ORDER BY "createdAt" LIMIT 1`)
  ).rows[0];
  if (!demo) throw new Error("The demo connection is missing.");

  const seedStarted = performance.now();
  const seeded = await seedHealth(client, { connections, runs, ...demo });
  const parts = Object.entries(seeded.timings)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ");
  say(
    `Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${parts}): ${fmt(seeded.connections)} connections (${seeded.streaming} streaming), ${fmt(seeded.runs)} runs,`,
  );
  say(
    `  ${fmt(seeded.modelRuns)} model builds, ${fmt(seeded.checkResults)} check results, ${fmt(seeded.datasets)} datasets, ${fmt(seeded.edges)} lineage edges.`,
  );
  say(`  Runs in the database now: ${fmt(await count(client, `SELECT count(*) FROM "Run"`))} (the demo's included).`);

  const receiver = await startWebhookReceiver();
  atExit(() => receiver.close());
  const session = await signInOverHttp(weir.apiURL, weir.admin.email, weir.admin.password);
  const rules = await createRules(weir.apiURL, session, receiver.url);
  const waitStarted = performance.now();
  // Every kind but workers_below (one worker is alive) fires on the seed; an evaluation that ran while the rules were
  // still being created fires only some, so wait for all six.
  const kindsFiring = `SELECT count(DISTINCT r.kind) FROM "Alert" a JOIN "AlertRule" r ON r.id = a."ruleId" WHERE a.status = 'firing'`;
  await until("the worker's evaluation of every rule", async () => (await count(client, kindsFiring)) >= rules - 1, 90_000, undefined, 500);
  const waited = (performance.now() - waitStarted) / 1000;
  await sleep(3000); // the first deliveries go out
  const firing = await client.query<{ kind: string; n: number }>(
    `SELECT r.kind::text, count(*)::int AS n FROM "Alert" a JOIN "AlertRule" r ON r.id = a."ruleId" WHERE a.status = 'firing' GROUP BY 1 ORDER BY 1`,
  );
  say(
    `${rules} rules created over tRPC; the worker evaluated them ${waited.toFixed(1)} s later: firing ${firing.rows.map((r) => `${r.kind} ${r.n}`).join(", ")};`,
  );
  say(
    `  ${await count(client, `SELECT count(*) FROM "FreshnessBreach" WHERE "resolvedAt" IS NULL`)} open freshness breaches; the webhook receiver has had ${receiver.received.length} message(s) so far.`,
  );

  say(`API: ${calls} rounds of me.get, 7 health calls and the page's batch, interleaved, after 5 warm-up rounds (load average ${loadAverage()})…`);
  const api = await benchApi(weir.apiURL, session, calls);
  for (const [label, samples] of api.samples) say(`  ${label}: ${summary(samples)}`);
  say(`  me.get: ${summary(api.reference)}`);

  say(`Alert evaluation in process, 10 passes (load average ${loadAverage()})…`);
  const evaluation = await benchEvaluation(10);
  say(`  evaluation ${summary(evaluation.evaluation)}${evaluation.skipped ? `; ${evaluation.skipped} pass(es) skipped: the worker held the lock` : ""}`);

  say(`Health page in Chromium, 10 loads (load average ${loadAverage()})…`);
  const page = await benchHealthPage({ baseURL: weir.baseURL, admin: weir.admin, loads: 10, log: say, screenshot: process.env.BENCH_SCREENSHOT });
  if (page.unavailable) say(`  Not measured: ${page.unavailable}.`);
  for (const run of page.runs) say(`  ${pageLine(run)}`);

  say("");
  say(resultsTable(reportRows(api, evaluation, page)));
  say("");
  say("References (same run, same machine, same signed-in session): me.get = a tRPC query that reads nothing (session, tRPC and superjson only);");
  say("summary in process = healthSummary() called in this process against the same database; / load = navigation to the load event of the Overview,");
  say("a page of the same app shell that asks for no data, in the same browser session. Ratio = p95 ÷ the reference's p95. Goals apply to p95.");
  say(`The webhook receiver got ${receiver.received.length} message(s) in all. Load average at the end: ${loadAverage()}.`);
}

runBench("bench:health", main);
