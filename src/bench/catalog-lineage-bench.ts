/**
 * Lineage latency around sampled graph nodes at depth 1, 2 and 3:
 *  - GET /api/v1/lineage?nodeId=dataset:<namespace>:<name> over HTTP with an
 *    API token (the OpenLineage API: datasets with their fields, jobs, edges);
 *  - lineageGraph in this process (what tRPC lineage.graph and the explorer
 *    call), and lineage.graph over HTTP at depth 2 when a session is given;
 *  - at depth 2 also the API with the dataset's id as nodeId, which skips
 *    the name lookup, to tell that lookup's cost from the walk's.
 * Reference, interleaved: one recursive-CTE statement that walks the same
 * neighbourhood (upstream and downstream up to the depth over LineageEdge)
 * and returns its datasets, with their columns for the API's reference,
 * and the edges between them with job and staleness.
 */
import type pg from "pg";

import { lineageApi, trpcQuery, type TSession } from "@/bench/catalog-http";
import type { TGraphNode } from "@/bench/catalog-lineage-seed";
import { timeMs } from "@/bench/catalog-report";
import { lineageGraph } from "@/server/lineage/lineage-graph";

export const DEPTHS = [1, 2, 3] as const;

function referenceSql(withColumns: boolean): string {
  const columns = withColumns
    ? `, 'fields', (SELECT json_agg(json_build_object('name', c.name, 'type', c.type, 'description', c.description, 'tags', c.tags) ORDER BY c.position) FROM "DatasetColumn" c WHERE c."datasetId" = d.id)`
    : "";
  return `
WITH RECURSIVE up(id, hop) AS (
  SELECT $1::uuid, 0
  UNION
  SELECT e."inputId", up.hop + 1 FROM up JOIN "LineageEdge" e ON e."outputId" = up.id WHERE up.hop < $2
), down(id, hop) AS (
  SELECT $1::uuid, 0
  UNION
  SELECT e."outputId", down.hop + 1 FROM down JOIN "LineageEdge" e ON e."inputId" = down.id WHERE down.hop < $2
), reached AS (
  SELECT id, min(hop) AS hop FROM (SELECT * FROM up UNION ALL SELECT * FROM down) x GROUP BY id
)
SELECT
  (SELECT json_agg(json_build_object('id', d.id, 'namespace', d.namespace, 'name', d.name, 'platform', d.platform, 'layer', d.layer,
     'owner', d.owner, 'tags', d.tags, 'hop', r.hop${columns})) FROM reached r JOIN "Dataset" d ON d.id = r.id) AS nodes,
  (SELECT json_agg(json_build_object('id', e.id, 'source', e."inputId", 'target', e."outputId", 'job', j.name, 'jobNamespace', j.namespace,
     'stale', j."lastCompleteRunId" IS NOT NULL AND e."lastRunId" <> j."lastCompleteRunId"))
   FROM "LineageEdge" e JOIN "LineageJob" j ON j.id = e."jobId"
   WHERE e."inputId" IN (SELECT id FROM reached) AND e."outputId" IN (SELECT id FROM reached)) AS edges`;
}

export type TLineageResults = {
  api: Map<number, number[]>;
  apiById: number[];
  graph: Map<number, number[]>;
  graphHttp: number[];
  cteWithColumns: Map<number, number[]>;
  cte: Map<number, number[]>;
  /** Datasets in the answer of lineageGraph, per depth. */
  sizes: Map<number, number[]>;
};

export const nodeIdOf = (node: TGraphNode) => `dataset:${node.namespace}:${node.name}`;

export async function benchLineage(opts: {
  client: pg.Client;
  apiURL: string;
  token: string;
  session: TSession | null;
  sample: readonly TGraphNode[];
}): Promise<TLineageResults> {
  const { client, apiURL, token, session, sample } = opts;
  const withColumns = referenceSql(true);
  const withoutColumns = referenceSql(false);
  for (const node of sample.slice(0, 5)) {
    await lineageApi(apiURL, token, nodeIdOf(node), 2);
    await lineageGraph({ datasetId: node.id, depth: 2 });
    await client.query(withColumns, [node.id, 2]);
    if (session) await trpcQuery(apiURL, session, "lineage.graph", { datasetId: node.id, depth: 2 });
  }
  const results: TLineageResults = {
    api: new Map(),
    apiById: [],
    graph: new Map(),
    graphHttp: [],
    cteWithColumns: new Map(),
    cte: new Map(),
    sizes: new Map(),
  };
  const push = (map: Map<number, number[]>, depth: number, value: number) => map.set(depth, [...(map.get(depth) ?? []), value]);
  for (const depth of DEPTHS) {
    for (const node of sample) {
      push(results.api, depth, await timeMs(() => lineageApi(apiURL, token, nodeIdOf(node), depth)));
      push(results.cteWithColumns, depth, await timeMs(() => client.query(withColumns, [node.id, depth])));
      let size = 0;
      push(
        results.graph,
        depth,
        await timeMs(async () => {
          size = (await lineageGraph({ datasetId: node.id, depth })).nodes.length;
        }),
      );
      push(results.sizes, depth, size);
      push(results.cte, depth, await timeMs(() => client.query(withoutColumns, [node.id, depth])));
      if (depth === 2) {
        results.apiById.push(await timeMs(() => lineageApi(apiURL, token, node.id, depth)));
        if (session) results.graphHttp.push(await timeMs(() => trpcQuery(apiURL, session, "lineage.graph", { datasetId: node.id, depth })));
      }
    }
  }
  return results;
}
