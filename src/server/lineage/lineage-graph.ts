/**
 * The neighbourhood of a dataset in the lineage graph: walks upstream and
 * downstream edge by edge up to `depth` hops (one indexed query per hop and
 * direction), never the whole graph, so it answers in milliseconds on a
 * graph of any size. An edge is stale when the last COMPLETE run of its job
 * did not see it.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { toSummary } from "@/server/catalog/dataset-summary";
import { type TGraphInput, type TGraphOutput, ZGraphInput } from "@/server/lineage/lineage-contracts";

/** Nodes returned at most; the furthest are left out beyond it (truncated: true). */
export const NODE_LIMIT = 1_000;

export type TEdgeRow = {
  id: string;
  inputId: string;
  outputId: string;
  jobId: string;
  job: string;
  jobNamespace: string;
  stale: boolean;
  lastSeenAt: Date;
  unresolved: unknown;
};

/** An edge (or, with its lastRunId column, a column edge) is stale when the last COMPLETE run of its job (j) did not see it. */
export const staleSql = (lastRun: Prisma.Sql = Prisma.sql`e."lastRunId"`) =>
  Prisma.sql`(j."lastCompleteRunId" IS NOT NULL AND ${lastRun} <> j."lastCompleteRunId")`;

function selectEdges(where: Prisma.Sql, includeStale: boolean): Promise<TEdgeRow[]> {
  return db().$queryRaw<TEdgeRow[]>`
    SELECT e.id, e."inputId", e."outputId", e."jobId", j.name AS job, j.namespace AS "jobNamespace", ${staleSql()} AS stale, e."lastSeenAt", e.unresolved
    FROM "LineageEdge" e JOIN "LineageJob" j ON j.id = e."jobId"
    WHERE ${where} ${includeStale ? Prisma.empty : Prisma.sql`AND NOT ${staleSql()}`}`;
}

/** Edges into (upstream) or out of (downstream) the given datasets. */
export async function edgesAt(ids: readonly string[], side: "upstream" | "downstream", includeStale: boolean): Promise<TEdgeRow[]> {
  if (!ids.length) return [];
  return selectEdges(
    side === "upstream" ? Prisma.sql`e."outputId" = ANY(${ids as string[]}::uuid[])` : Prisma.sql`e."inputId" = ANY(${ids as string[]}::uuid[])`,
    includeStale,
  );
}

/** Edges whose two ends are both among `ids` (a dataset one hop upstream may also feed one downstream). */
function edgesAmong(ids: readonly string[], includeStale: boolean): Promise<TEdgeRow[]> {
  return selectEdges(Prisma.sql`e."inputId" = ANY(${ids as string[]}::uuid[]) AND e."outputId" = ANY(${ids as string[]}::uuid[])`, includeStale);
}

/** Walks up to `depth` hops from `center` (one dataset, or several: a job's) on the given sides; returns the datasets reached (with their hop count) and every edge among them. */
export async function walk(
  center: string | readonly string[],
  depth: number,
  sides: readonly ("upstream" | "downstream")[],
  includeStale: boolean,
  limit = NODE_LIMIT,
) {
  const centers = typeof center === "string" ? [center] : [...center];
  const reached = new Map<string, number>(centers.map((c) => [c, 0]));
  let truncated = false;
  for (const side of sides) {
    let frontier = centers;
    // Each side gets its share of the limit, so a huge upstream never hides the downstream.
    const sideLimit = reached.size + Math.floor((limit - reached.size) / (sides.length - sides.indexOf(side)));
    for (let hop = 1; hop <= depth && frontier.length; hop++) {
      const next: string[] = [];
      for (const e of await edgesAt(frontier, side, includeStale)) {
        const other = side === "upstream" ? e.inputId : e.outputId;
        if (reached.has(other)) continue;
        if (reached.size >= sideLimit) {
          truncated = true;
          continue;
        }
        reached.set(other, hop);
        next.push(other);
      }
      frontier = next;
    }
  }
  return { reached, edges: reached.size ? await edgesAmong([...reached.keys()], includeStale) : [], truncated };
}

export async function lineageGraph(raw: TGraphInput): Promise<TGraphOutput> {
  const input = ZGraphInput.parse(raw);
  const center = await db().dataset.findUnique({ where: { id: input.datasetId }, select: { id: true } });
  if (!center) throw new AppError("NOT_FOUND", "There is no such dataset in the catalog.");
  const sides = input.direction === "both" ? (["upstream", "downstream"] as const) : ([input.direction] as const);
  const { reached, edges, truncated } = await walk(center.id, input.depth, sides, input.includeStale);
  const ids = [...reached.keys()];
  const hidden = input.includeStale ? Prisma.empty : Prisma.sql`AND NOT ${staleSql()}`;
  const [rows, degrees, columns, columnEdges] = await Promise.all([
    db().dataset.findMany({ where: { id: { in: ids } } }),
    db().$queryRaw<{ id: string; up: bigint; down: bigint }[]>`
      SELECT id, sum(up) AS up, sum(down) AS down FROM (
        SELECT e."outputId" AS id, 1 AS up, 0 AS down FROM "LineageEdge" e JOIN "LineageJob" j ON j.id = e."jobId" WHERE e."outputId" = ANY(${ids}::uuid[]) ${hidden}
        UNION ALL
        SELECT e."inputId", 0, 1 FROM "LineageEdge" e JOIN "LineageJob" j ON j.id = e."jobId" WHERE e."inputId" = ANY(${ids}::uuid[]) ${hidden}
      ) x GROUP BY id`,
    input.columns
      ? db().datasetColumn.findMany({
          where: { datasetId: { in: ids }, removedAt: null },
          orderBy: [{ datasetId: "asc" }, { position: "asc" }],
          select: { datasetId: true, name: true, type: true, pii: true },
        })
      : [],
    input.columns && edges.length
      ? db().$queryRaw<{ id: string; edgeId: string; inputColumn: string; outputColumn: string; transformation: string; stale: boolean }[]>`
          SELECT c.id, c."edgeId", c."inputColumn", c."outputColumn", c.transformation,
                 ${staleSql(Prisma.sql`c."lastRunId"`)} AS stale
          FROM "ColumnEdge" c JOIN "LineageEdge" e ON e.id = c."edgeId" JOIN "LineageJob" j ON j.id = e."jobId"
          WHERE c."edgeId" = ANY(${edges.map((e) => e.id)}::uuid[])`
      : [],
  ]);
  const degree = new Map(degrees.map((d) => [d.id, d]));
  const columnsOf = new Map<string, { name: string; type: string; pii: boolean }[]>();
  for (const c of columns) columnsOf.set(c.datasetId, [...(columnsOf.get(c.datasetId) ?? []), { name: c.name, type: c.type, pii: c.pii }]);
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  const order = (id: string) => reached.get(id) ?? 0;
  return {
    center: center.id,
    nodes: rows
      .sort((a, b) => order(a.id) - order(b.id) || a.name.localeCompare(b.name))
      .map((r) => {
        const s = toSummary(r);
        return {
          id: s.id,
          namespace: s.namespace,
          name: s.name,
          shortName: s.shortName,
          platform: s.platform,
          kind: s.kind,
          layer: s.layer,
          owner: s.owner,
          qualityStatus: s.qualityStatus,
          removedAt: s.removedAt,
          upstreamCount: Number(degree.get(r.id)?.up ?? 0),
          downstreamCount: Number(degree.get(r.id)?.down ?? 0),
          ...(input.columns ? { columns: columnsOf.get(r.id) ?? [] } : {}),
        };
      }),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.inputId,
      target: e.outputId,
      job: e.job,
      stale: e.stale,
      lastSeenAt: e.lastSeenAt,
      unresolved: (e.unresolved && typeof e.unresolved === "object" ? e.unresolved : {}) as Record<string, string>,
    })),
    columnEdges: columnEdges
      .filter((c) => input.includeStale || !c.stale)
      .map((c) => {
        const e = edgeById.get(c.edgeId)!;
        return {
          id: c.id,
          source: e.inputId,
          sourceColumn: c.inputColumn,
          target: e.outputId,
          targetColumn: c.outputColumn,
          transformation: c.transformation,
          stale: c.stale,
        };
      }),
    truncated,
  };
}
