/**
 * The health benchmark's operations history, seeded set-based into Weir's
 * metadata database (deterministic: every pick is a hash of the row):
 * - `connections` connections on the demo's source and destination, the
 *   last 5% streaming (streamState running, 3 Kafka partitions each, every
 *   fifth of them lagging above the threshold), one in a hundred paused;
 * - `runs` runs: an hour run per streaming connection for each of the last
 *   7 days, the rest sync runs spread evenly over 30 days across the batch
 *   connections (~3% failed; the latest failed for every 25th connection,
 *   the two latest for every 50th; the latest of every 25th, offset by 10,
 *   ten times its usual duration; the latest of every 190th still running);
 * - 200 models (150 silver, 50 gold) built daily for 30 days in one
 *   transform run a day, the latest build of every 40th failed;
 * - 300 error checks on connection tables with a result a day, the latest
 *   of every 30th failed, with an open incident;
 * - a catalog dataset per batch connection and per model, lineage from
 *   connection tables into silver models into gold ones, owners and tags;
 * - freshness deadlines on 30 tables ("no older than 6 h"), 5 of them
 *   already late, for the workers' evaluation to find.
 */
import type pg from "pg";

import { uuidOf } from "@/bench/catalog-seed";

export type THealthSeed = {
  connections: number;
  streaming: number;
  runs: number;
  modelRuns: number;
  checkResults: number;
  datasets: number;
  edges: number;
  timings: Record<string, number>;
};

export const MODELS = 200;
const SILVER = 150;
export const CHECKS = 300;
const DAYS = 30;
const STREAM_DAYS = 7;
/** A deterministic pseudo-random integer in [0, mod) for row i and a salt. */
const h = (i: string, salt: number, mod: number) => `(abs(hashint4((${i}) * 16 + ${salt})) % ${mod})`;
const conn = (i: string) => uuidOf(`'weir-bench-health-conn:' || ${i}`);
const model = (i: string) => uuidOf(`'weir-bench-health-model:' || ${i}`);
const check = (i: string) => uuidOf(`'weir-bench-health-check:' || ${i}`);
const tableDataset = (i: string) => uuidOf(`'weir-bench-health-table:' || ${i}`);
const modelDataset = (i: string) => uuidOf(`'weir-bench-health-model-ds:' || ${i}`);
const job = (i: string) => uuidOf(`'weir-bench-health-job:' || ${i}`);
const jobRun = (i: string) => uuidOf(`'weir-bench-health-job-run:' || ${i}`);
const tableName = (i: string) => `'conn_' || lpad((${i})::text, 4, '0') || '_orders'`;
const schemaName = (i: string) => `'bench_' || ((${i}) % 20)`;
const OWNERS = `(ARRAY['data-platform@acme.example', 'finance-data@acme.example', 'growth@acme.example', 'ops-analytics@acme.example'])`;

const CONNECTIONS_SQL = (n: number, batch: number) => `
INSERT INTO "Connection" (id, name, "sourceId", "destinationId", namespace, status, "streamState", "streamStateAt", "createdAt", "updatedAt")
SELECT ${conn("i")}, 'bench_conn_' || lpad(i::text, 4, '0'), $1::uuid, $2::uuid, ${schemaName("i")},
  (CASE WHEN i % 100 = 7 THEN 'paused' ELSE 'active' END)::"ConnectionStatus",
  CASE WHEN i >= ${batch} THEN 'running'::"StreamState" END, CASE WHEN i >= ${batch} THEN now() - interval '8 days' END,
  now() - interval '60 days', now()
FROM generate_series(0, ${n - 1}) AS i`;

const PARTITIONS_SQL = (n: number, batch: number) => `
INSERT INTO "StreamPartition" ("connectionId", topic, partition, "committedOffset", "endOffset", lag, "updatedAt")
SELECT ${conn("i")}, 'bench.events.' || i, p, 1000000 - l.lag, 1000000, l.lag, now() - interval '5 seconds'
FROM generate_series(${batch}, ${n - 1}) AS i CROSS JOIN generate_series(0, 2) AS p
CROSS JOIN LATERAL (SELECT CASE WHEN (i - ${batch}) % 5 = 0 THEN 8000 + ${h("i * 4 + p", 1, 4000)} ELSE ${h("i * 4 + p", 2, 2500)} END AS lag) l`;

/** Sync runs: row i is run k = i / batch of connection c = i % batch, k = 0 the latest; evenly spaced back over DAYS. */
const SYNC_RUNS_SQL = (batchRuns: number, batch: number) => {
  const perConnection = Math.ceil(batchRuns / batch);
  return `
INSERT INTO "Run" (id, "connectionId", trigger, status, attempts, rows, bytes, error, "queuedAt", "startedAt", "finishedAt")
SELECT ${uuidOf(`'weir-bench-health-run:' || i`)}, ${conn("c")}, 'schedule', s.status::"RunStatus", 1, s.rows, s.rows * 180,
  CASE WHEN s.status = 'failed' THEN (ARRAY['password authentication failed for user "shop"', 'connection to 10.0.4.12:5432 refused', 'relation "public.orders" does not exist', 'statement timeout after 600 s'])[1 + ${h("i", 3, 4)}] END,
  t.queued, t.queued + interval '2 seconds', CASE WHEN s.status <> 'running' THEN t.queued + interval '2 seconds' + d.seconds * interval '1 second' END
FROM generate_series(0, ${batchRuns - 1}) AS i
CROSS JOIN LATERAL (SELECT i % ${batch} AS c, i / ${batch} AS k) ck
CROSS JOIN LATERAL (SELECT now() - interval '3 minutes' - (k * ${DAYS * 24 * 60} / ${perConnection}) * interval '1 minute' - ${h("c", 4, 120)} * interval '1 minute' AS queued) t
CROSS JOIN LATERAL (SELECT (30 + ${h("c", 5, 300)} + ${h("i", 6, 60)}) * CASE WHEN k = 0 AND c % 25 = 10 THEN 10 ELSE 1 END AS seconds) d
CROSS JOIN LATERAL (SELECT
  CASE WHEN k = 0 AND c % 190 = 3 THEN 'running'
       WHEN k = 0 AND c % 25 = 0 THEN 'failed'
       WHEN k = 1 AND c % 50 = 0 THEN 'failed'
       WHEN k = 0 THEN 'succeeded'
       WHEN ${h("i", 7, 100)} < 3 THEN 'failed' ELSE 'succeeded' END AS status,
  (1000 + ${h("i", 8, 200000)})::bigint AS rows) s`;
};

/** An hour run per streaming connection for each of the last STREAM_DAYS days, the current hour running. */
const STREAM_RUNS_SQL = (n: number, batch: number) => `
INSERT INTO "Run" (id, "connectionId", trigger, status, attempts, rows, bytes, "queuedAt", "startedAt", "finishedAt", "windowStart")
SELECT ${uuidOf(`'weir-bench-health-stream-run:' || i || ':' || w`)}, ${conn("i")}, 'stream',
  (CASE WHEN w = 0 THEN 'running' ELSE 'succeeded' END)::"RunStatus", 1, r.rows, r.rows * 220,
  ws.at, ws.at, CASE WHEN w > 0 THEN ws.at + interval '1 hour' END, ws.at
FROM generate_series(${batch}, ${n - 1}) AS i CROSS JOIN generate_series(0, ${STREAM_DAYS * 24 - 1}) AS w
CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) - w * interval '1 hour' AS at) ws
CROSS JOIN LATERAL (SELECT (20000 + ${h("i * 200 + w", 9, 40000)})::bigint AS rows) r`;

const MODELS_SQL = `
INSERT INTO "Model" (id, name, layer, materialization, sql, refs, description, owner, "destinationId", schema, "createdAt", "updatedAt")
SELECT ${model("j")}, 'bench_model_' || lpad(j::text, 3, '0'), (CASE WHEN j < ${SILVER} THEN 'silver' ELSE 'gold' END)::"ModelLayer", 'table',
  'select 1 as id', '{}', 'Benchmark model ' || j, ${OWNERS}[1 + j % 4], $1::uuid, CASE WHEN j < ${SILVER} THEN 'silver' ELSE 'gold' END, now() - interval '60 days', now()
FROM generate_series(0, ${MODELS - 1}) AS j`;

/** One transform run a day (d = 0 today) building every model; the latest build of every 40th model failed. */
const TRANSFORM_RUNS_SQL = `
INSERT INTO "TransformRun" (id, selector, trigger, status, "queuedAt", "startedAt", "finishedAt")
SELECT ${uuidOf(`'weir-bench-health-transform:' || d`)}, '*', 'schedule', (CASE WHEN d = 0 THEN 'failed' ELSE 'succeeded' END)::"RunStatus",
  t.at, t.at, t.at + interval '20 minutes'
FROM generate_series(0, ${DAYS - 1}) AS d CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + interval '2 hours' - (d + 1) * interval '1 day' AS at) t`;

const MODEL_RUNS_SQL = `
INSERT INTO "ModelRun" (id, "transformRunId", "modelId", status, rows, error, "startedAt", "finishedAt", "durationMs")
SELECT ${uuidOf(`'weir-bench-health-model-run:' || d || ':' || j`)}, ${uuidOf(`'weir-bench-health-transform:' || d`)}, ${model("j")}, s.status::"ModelRunStatus",
  1000 + ${h("j * 40 + d", 10, 100000)}, CASE WHEN s.status = 'failed' THEN 'Binder Error: Referenced column "amount_cents" not found' END,
  t.at, t.at + m.ms * interval '1 millisecond', m.ms
FROM generate_series(0, ${DAYS - 1}) AS d CROSS JOIN generate_series(0, ${MODELS - 1}) AS j
CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + interval '2 hours' - (d + 1) * interval '1 day' + (j % 50) * interval '20 seconds' AS at) t
CROSS JOIN LATERAL (SELECT 500 + ${h("j * 40 + d", 11, 20000)} AS ms) m
CROSS JOIN LATERAL (SELECT CASE WHEN d = 0 AND j % 40 = 0 THEN 'failed' WHEN d > 0 AND ${h("j * 40 + d", 12, 100)} = 0 THEN 'failed' ELSE 'succeeded' END AS status) s`;

/** Check k watches batch connection k * 3's table. */
const CHECKS_SQL = `
INSERT INTO "Check" (id, name, "destinationId", "datasetSchema", "datasetTable", "connectionId", stream, definition, severity, "createdAt", "updatedAt")
SELECT ${check("k")}, 'not_null_id_' || k, $1::uuid, ${schemaName("k * 3")}, ${tableName("k * 3")}, ${conn("k * 3")}, 'orders',
  '{"kind": "not_null", "column": "id"}'::jsonb, 'error', now() - interval '60 days', now()
FROM generate_series(0, ${CHECKS - 1}) AS k`;

const CHECK_RESULTS_SQL = `
INSERT INTO "CheckResult" (id, "checkId", status, observed, "failingRows", "totalRows", message, "durationMs", "createdAt")
SELECT ${uuidOf(`'weir-bench-health-check-result:' || d || ':' || k`)}, ${check("k")}, s.status::"CheckStatus", s.failing, s.failing, 100000,
  CASE WHEN s.status = 'failed' THEN s.failing || ' of 100,000 rows have a null id.' ELSE 'No row has a null id.' END, 40 + ${h("k * 40 + d", 13, 400)},
  now() - interval '30 minutes' - d * interval '1 day' - (k % 60) * interval '1 minute'
FROM generate_series(0, ${DAYS - 1}) AS d CROSS JOIN generate_series(0, ${CHECKS - 1}) AS k
CROSS JOIN LATERAL (SELECT CASE WHEN d = 0 AND k % 30 = 0 THEN 'failed' ELSE 'passed' END AS status,
  CASE WHEN d = 0 AND k % 30 = 0 THEN 10 + ${h("k", 14, 500)} ELSE 0 END AS failing) s`;

const INCIDENTS_SQL = `
INSERT INTO "Incident" (id, "checkId", status, "openedAt")
SELECT ${uuidOf(`'weir-bench-health-incident:' || k`)}, ${check("k")}, 'open', now() - interval '30 minutes'
FROM generate_series(0, ${CHECKS - 1}, 30) AS k`;

const DATASETS_SQL = (batch: number) => `
INSERT INTO "Dataset" (id, namespace, name, platform, kind, layer, description, owner, tags, "rowCount", "lastUpdatedAt", "searchText", "destinationId", "connectionId", stream, "modelId", "createdAt", "updatedAt")
SELECT ${tableDataset("i")}, 'duckdb:///bench/warehouse.duckdb', 'warehouse.' || ${schemaName("i")} || '.' || ${tableName("i")}, 'duckdb', 'table', 'bronze',
  'Orders loaded by bench_conn_' || i, ${OWNERS}[1 + i % 4], ARRAY['bench', (ARRAY['finance', 'growth', 'ops'])[1 + i % 3]], 100000,
  now() - CASE WHEN i % 30 = 0 AND i < 150 THEN interval '10 hours' ELSE ${h("i", 15, 120)} * interval '1 minute' END,
  'conn ' || i || ' orders', $1::uuid, ${conn("i")}, 'orders', NULL, now(), now()
FROM generate_series(0, ${batch - 1}) AS i
UNION ALL
SELECT ${modelDataset("j")}, 'duckdb:///bench/warehouse.duckdb', 'warehouse.' || CASE WHEN j < ${SILVER} THEN 'silver' ELSE 'gold' END || '.bench_model_' || lpad(j::text, 3, '0'), 'duckdb', 'model',
  (CASE WHEN j < ${SILVER} THEN 'silver' ELSE 'gold' END)::"ModelLayer", 'Benchmark model ' || j, ${OWNERS}[1 + j % 4], ARRAY['bench'], 50000, now() - interval '22 hours',
  'bench model ' || j, $1::uuid, NULL, NULL, ${model("j")}, now(), now()
FROM generate_series(0, ${MODELS - 1}) AS j`;

/** A lineage job per model, its edges seen by its last complete run: connection table i → silver i % 150, silver j → gold 150 + j % 50. */
const JOBS_SQL = `
INSERT INTO "LineageJob" (id, namespace, name, "lastCompleteRunId", "lastCompleteAt", "createdAt")
SELECT ${job("j")}, 'weir', 'weir.model.bench_model_' || lpad(j::text, 3, '0'), ${jobRun("j")}, now() - interval '22 hours', now() - interval '60 days'
FROM generate_series(0, ${MODELS - 1}) AS j`;

const EDGES_SQL = (batch: number) => `
INSERT INTO "LineageEdge" (id, "jobId", "inputId", "outputId", "firstRunId", "lastRunId", "firstSeenAt", "lastSeenAt")
SELECT ${uuidOf(`'weir-bench-health-edge:t' || i`)}, ${job(`i % ${SILVER}`)}, ${tableDataset("i")}, ${modelDataset(`i % ${SILVER}`)},
  ${jobRun(`i % ${SILVER}`)}, ${jobRun(`i % ${SILVER}`)}, now() - interval '30 days', now() - interval '22 hours'
FROM generate_series(0, ${batch - 1}) AS i
UNION ALL
SELECT ${uuidOf(`'weir-bench-health-edge:m' || j`)}, ${job(`${SILVER} + j % ${MODELS - SILVER}`)}, ${modelDataset("j")}, ${modelDataset(`${SILVER} + j % ${MODELS - SILVER}`)},
  ${jobRun(`${SILVER} + j % ${MODELS - SILVER}`)}, ${jobRun(`${SILVER} + j % ${MODELS - SILVER}`)}, now() - interval '30 days', now() - interval '22 hours'
FROM generate_series(0, ${SILVER - 1}) AS j`;

const DEADLINES_SQL = `
INSERT INTO "FreshnessDeadline" (id, "datasetId", kind, "maxAgeSeconds", "createdAt", "updatedAt")
SELECT ${uuidOf(`'weir-bench-health-deadline:' || i`)}, ${tableDataset("i")}, 'max_age', 6 * 3600, now(), now()
FROM generate_series(0, 145, 5) AS i`;

async function step(client: pg.Client, timings: Record<string, number>, name: string, sql: string, params: unknown[] = []): Promise<number> {
  const started = performance.now();
  const result = await client.query(sql, params);
  timings[name] = (timings[name] ?? 0) + (performance.now() - started) / 1000;
  return result.rowCount ?? 0;
}

export async function seedHealth(
  client: pg.Client,
  opts: { connections: number; runs: number; sourceId: string; destinationId: string },
): Promise<THealthSeed> {
  const n = opts.connections;
  const streaming = Math.max(1, Math.round(n * 0.05));
  const batch = n - streaming;
  const streamRuns = streaming * STREAM_DAYS * 24;
  if (batch < 200 || opts.runs <= streamRuns + batch) throw new Error(`At least 200 batch connections and more than ${streamRuns + batch} runs are needed.`);
  const timings: Record<string, number> = {};
  const ends = [opts.sourceId, opts.destinationId];
  const destination = [opts.destinationId];
  await client.query("BEGIN");
  try {
    await step(client, timings, "connections", CONNECTIONS_SQL(n, batch), ends);
    await step(client, timings, "connections", PARTITIONS_SQL(n, batch));
    const runs =
      (await step(client, timings, "runs", SYNC_RUNS_SQL(opts.runs - streamRuns, batch))) + (await step(client, timings, "runs", STREAM_RUNS_SQL(n, batch)));
    await step(client, timings, "models", MODELS_SQL, destination);
    await step(client, timings, "models", TRANSFORM_RUNS_SQL);
    const modelRuns = await step(client, timings, "models", MODEL_RUNS_SQL);
    await step(client, timings, "checks", CHECKS_SQL, destination);
    const checkResults = await step(client, timings, "checks", CHECK_RESULTS_SQL);
    await step(client, timings, "checks", INCIDENTS_SQL);
    const datasets = await step(client, timings, "catalog", DATASETS_SQL(batch), destination);
    await step(client, timings, "catalog", JOBS_SQL);
    const edges = await step(client, timings, "catalog", EDGES_SQL(batch));
    await step(client, timings, "catalog", DEADLINES_SQL);
    await client.query("COMMIT");
    // VACUUM ANALYZE each table, as autovacuum would soon after a bulk insert
    // (insert threshold): statistics plus the visibility map index-only scans need.
    const tables = [
      "Connection",
      "StreamPartition",
      "Run",
      "Model",
      "TransformRun",
      "ModelRun",
      "Check",
      "CheckResult",
      "Incident",
      "Dataset",
      "LineageJob",
      "LineageEdge",
      "FreshnessDeadline",
    ];
    for (const table of tables) await step(client, timings, "vacuum", `VACUUM ANALYZE "${table}"`);
    return { connections: n, streaming, runs, modelRuns, checkResults, datasets, edges, timings };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
