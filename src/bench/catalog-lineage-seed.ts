/**
 * The catalog benchmark's lineage graph, seeded set-based: every tenth
 * dataset of bench_ds (catalog-seed.ts) becomes a node of a layered DAG of
 * `nodes` nodes in 10 layers. Each node past the first layer reads 1–3
 * datasets of the layer before and, one time in five, one of two layers
 * before; inputs are picked with a skew (position ∝ u²), so a few nodes per
 * layer are hubs read by dozens of jobs, as shared dimensions are. About
 * 2 edges per node; one job per output dataset with two COMPLETE runs, the
 * edges of about 3% of them seen only by the older run (stale); column
 * edges for the edges into the first 30 nodes of each layer.
 */
import type pg from "pg";

import { type TSeedTimings, uuidOf } from "@/bench/catalog-seed";

export const LAYERS = 10;

export type TGraphNode = { n: number; id: string; namespace: string; name: string; layer: number; position: number; upstream: number; downstream: number };

const u = (expr: string) => `((abs(hashint4(${expr})) % 1000000) / 1000000.0)`;

function nodesSql(nodes: number, stride: number): string {
  const perLayer = nodes / LAYERS;
  return `
CREATE TEMP TABLE bench_node ON COMMIT PRESERVE ROWS AS
SELECT d.i / ${stride} AS n, d.id, d.name, (d.i / ${stride}) / ${perLayer} AS layer, (d.i / ${stride}) % ${perLayer} AS position
FROM bench_ds d WHERE d.i % ${stride} = 0 AND d.i / ${stride} < ${nodes}`;
}

/** Inputs of each node: k-th input at position floor(perLayer * u²) of the layer before (or two before). */
function edgesSql(nodes: number): string {
  const perLayer = nodes / LAYERS;
  return `
CREATE TEMP TABLE bench_edge ON COMMIT PRESERVE ROWS AS
SELECT DISTINCT o.n AS out_n, (o.layer - x.back) * ${perLayer} + floor(${perLayer} * ${u("o.n * 8 + x.k")} ^ 2)::int AS in_n
FROM bench_node o
CROSS JOIN LATERAL (
  SELECT k, 1 AS back FROM generate_series(1, 1 + abs(hashint4(o.n * 8)) % 3) AS k
  UNION ALL
  SELECT 7, 2 WHERE o.layer >= 2 AND abs(hashint4(o.n * 8 + 6)) % 100 < 20
) x
WHERE o.layer >= 1`;
}

const JOBS_SQL = `
INSERT INTO "LineageJob" (id, namespace, name, "lastCompleteRunId", "lastCompleteAt", "createdAt")
SELECT ${uuidOf(`'weir-bench-job:' || o.n`)}, j.namespace, j.prefix || replace(o.name, '.', '_') || '_' || o.n,
  ${uuidOf(`'weir-bench-run:' || o.n || ':2'`)}, now() - (o.n % 600) * interval '1 minute', now() - interval '30 days'
FROM bench_node o
CROSS JOIN LATERAL (SELECT (ARRAY['weir', 'airflow://acme-prod', 'spark://acme-emr'])[1 + o.n % 3] AS namespace,
  (ARRAY['weir.model.', 'etl.load_', 'spark.job.'])[1 + o.n % 3] AS prefix) j
WHERE EXISTS (SELECT 1 FROM bench_edge e WHERE e.out_n = o.n)`;

const RUNS_SQL = `
INSERT INTO "LineageRun" (id, "jobId", state, "startedAt", "endedAt", producer, origin, "updatedAt")
SELECT ${uuidOf(`'weir-bench-run:' || o.n || ':' || r`)}, ${uuidOf(`'weir-bench-job:' || o.n`)}, 'COMPLETE',
  now() - ((3 - r) * 1440 + o.n % 600) * interval '1 minute', now() - ((3 - r) * 1440 + o.n % 600 - 5) * interval '1 minute',
  'https://github.com/weir/bench', CASE WHEN o.n % 3 = 0 THEN 'model' ELSE 'external' END, now()
FROM bench_node o CROSS JOIN generate_series(1, 2) AS r
WHERE EXISTS (SELECT 1 FROM bench_edge e WHERE e.out_n = o.n)`;

const EDGES_SQL = `
INSERT INTO "LineageEdge" (id, "jobId", "inputId", "outputId", "firstRunId", "lastRunId", "firstSeenAt", "lastSeenAt", unresolved)
SELECT ${uuidOf(`'weir-bench-edge:' || e.out_n || ':' || e.in_n`)}, ${uuidOf(`'weir-bench-job:' || e.out_n`)}, i.id, o.id,
  ${uuidOf(`'weir-bench-run:' || e.out_n || ':1'`)},
  ${uuidOf(`'weir-bench-run:' || e.out_n || ':' || CASE WHEN s.stale THEN 1 ELSE 2 END`)},
  now() - interval '2 days', now() - CASE WHEN s.stale THEN interval '2 days' ELSE interval '1 hour' END,
  CASE WHEN abs(hashint4(e.out_n * 31 + e.in_n)) % 100 = 0 THEN '{"total": "expression could not be parsed"}'::jsonb ELSE '{}'::jsonb END
FROM bench_edge e
JOIN bench_node o ON o.n = e.out_n
JOIN bench_node i ON i.n = e.in_n
CROSS JOIN LATERAL (SELECT abs(hashint4(e.out_n * 7 + e.in_n)) % 100 < 3 AS stale) s`;

/** Three column edges (positions 0–2 to 0–2) on each edge into the first 30 nodes of a layer. */
const COLUMN_EDGES_SQL = `
INSERT INTO "ColumnEdge" (id, "edgeId", "inputColumn", "outputColumn", transformation, "lastRunId", "lastSeenAt")
SELECT ${uuidOf(`'weir-bench-column-edge:' || e.id || ':' || k`)}, e.id, ic.name, oc.name,
  (ARRAY['DIRECT/IDENTITY', 'DIRECT/TRANSFORMATION', 'DIRECT/AGGREGATION', 'INDIRECT/FILTER'])[1 + (k + abs(hashint4(o.n))) % 4], e."lastRunId", e."lastSeenAt"
FROM "LineageEdge" e
JOIN bench_node o ON o.id = e."outputId"
CROSS JOIN generate_series(0, 2) AS k
JOIN "DatasetColumn" ic ON ic."datasetId" = e."inputId" AND ic.position = k
JOIN "DatasetColumn" oc ON oc."datasetId" = e."outputId" AND oc.position = k
WHERE o.position < 30`;

async function timedStep(timings: TSeedTimings, name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  timings[name] = (performance.now() - started) / 1000;
}

/** Seeds the graph on the connection that holds bench_ds; returns its nodes with their degrees. */
export async function seedLineage(
  client: pg.Client,
  datasets: number,
  nodes: number,
): Promise<{ timings: TSeedTimings; graph: TGraphNode[]; edges: number; columnEdges: number; stale: number }> {
  if (nodes % LAYERS !== 0 || datasets % nodes !== 0) throw new Error(`The node count must be a multiple of ${LAYERS} that divides the dataset count.`);
  const timings: TSeedTimings = {};
  await timedStep(timings, "lineage graph", async () => {
    await client.query(nodesSql(nodes, datasets / nodes));
    await client.query(edgesSql(nodes));
    await client.query("ANALYZE bench_node; ANALYZE bench_edge");
    await client.query(JOBS_SQL);
    await client.query(RUNS_SQL);
    await client.query(EDGES_SQL);
    await client.query(COLUMN_EDGES_SQL);
    await client.query(`ANALYZE "LineageJob"; ANALYZE "LineageRun"; ANALYZE "LineageEdge"; ANALYZE "ColumnEdge"`);
  });
  const { rows } = await client.query<TGraphNode>(`
    SELECT o.n, o.id, d.namespace, d.name, o.layer, o.position,
      (SELECT count(*) FROM "LineageEdge" e WHERE e."outputId" = o.id)::int AS upstream,
      (SELECT count(*) FROM "LineageEdge" e WHERE e."inputId" = o.id)::int AS downstream
    FROM bench_node o JOIN "Dataset" d ON d.id = o.id ORDER BY o.n`);
  const { rows: counts } = await client.query<{ edges: number; column_edges: number; stale: number }>(`
    SELECT (SELECT count(*) FROM "LineageEdge" e JOIN bench_node o ON o.id = e."outputId")::int AS edges,
      (SELECT count(*) FROM "ColumnEdge" c JOIN "LineageEdge" e ON e.id = c."edgeId" JOIN bench_node o ON o.id = e."outputId")::int AS column_edges,
      (SELECT count(*) FROM "LineageEdge" e JOIN "LineageJob" j ON j.id = e."jobId" JOIN bench_node o ON o.id = e."outputId" WHERE e."lastRunId" <> j."lastCompleteRunId")::int AS stale`);
  return { timings, graph: rows, edges: counts[0]!.edges, columnEdges: counts[0]!.column_edges, stale: counts[0]!.stale };
}
