/**
 * Impact analysis: everything downstream of a dataset, or of one of its
 * columns, to any depth, over the lineage the last runs saw (stale edges
 * left out), with owners and the checks failing on each dataset now.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import type { TImpactOutput } from "@/server/catalog/catalog-contracts";
import { datasetRow, relationOf } from "@/server/catalog/dataset-page";
import { toSummary } from "@/server/catalog/dataset-summary";
import { staleSql, walk } from "@/server/lineage/lineage-graph";

/** Hops followed at most; lineage deeper than this is not a real pipeline. */
const MAX_DEPTH = 50;
const MAX_DATASETS = 10_000;

/** Downstream (dataset, column) pairs of one column, by hop, following column edges the last runs saw. */
async function columnWalk(datasetId: string, column: string): Promise<Map<string, { depth: number; columns: Set<string> }>> {
  const out = new Map<string, { depth: number; columns: Set<string> }>();
  const seen = new Set([`${datasetId}.${column}`]);
  let frontier = [{ datasetId, column }];
  for (let hop = 1; hop <= MAX_DEPTH && frontier.length && out.size < MAX_DATASETS; hop++) {
    const rows = await db().$queryRaw<{ outputId: string; outputColumn: string }[]>`
      SELECT DISTINCT e."outputId", c."outputColumn"
      FROM unnest(${frontier.map((f) => f.datasetId)}::uuid[], ${frontier.map((f) => f.column)}::text[]) AS f(id, col)
      JOIN "LineageEdge" e ON e."inputId" = f.id
      JOIN "ColumnEdge" c ON c."edgeId" = e.id AND c."inputColumn" = f.col
      JOIN "LineageJob" j ON j.id = e."jobId"
      WHERE NOT ${staleSql(Prisma.sql`c."lastRunId"`)}`;
    frontier = [];
    for (const r of rows) {
      const k = `${r.outputId}.${r.outputColumn}`;
      if (seen.has(k)) continue;
      seen.add(k);
      frontier.push({ datasetId: r.outputId, column: r.outputColumn });
      const entry = out.get(r.outputId) ?? { depth: hop, columns: new Set<string>() };
      entry.columns.add(r.outputColumn);
      out.set(r.outputId, entry);
    }
  }
  return out;
}

/** Names of the checks whose latest result failed, per dataset id. */
async function failingChecks(datasets: readonly { id: string; destinationId: string | null; name: string }[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const targets = datasets.flatMap((d) => {
    const r = relationOf(d.name);
    return d.destinationId && r ? [{ id: d.id, destinationId: d.destinationId, ...r }] : [];
  });
  for (let i = 0; i < targets.length; i += 500) {
    const chunk = targets.slice(i, i + 500);
    const checks = await db().check.findMany({
      where: { enabled: true, OR: chunk.map((t) => ({ destinationId: t.destinationId, datasetSchema: t.schema, datasetTable: t.table })) },
      select: {
        name: true,
        destinationId: true,
        datasetSchema: true,
        datasetTable: true,
        results: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } },
      },
    });
    for (const c of checks) {
      if (!c.results[0] || c.results[0].status === "passed") continue;
      const t = chunk.find((x) => x.destinationId === c.destinationId && x.schema === c.datasetSchema && x.table === c.datasetTable);
      if (t) out.set(t.id, [...(out.get(t.id) ?? []), c.name]);
    }
  }
  // Checks a producer reported (dataQualityAssertions) belong to the dataset itself, not to a warehouse relation.
  for (let i = 0; i < datasets.length; i += 500) {
    const ids = datasets.slice(i, i + 500).map((d) => d.id);
    const reported = await db().check.findMany({
      where: { enabled: true, datasetId: { in: ids } },
      select: { name: true, datasetId: true, results: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
    });
    for (const c of reported) {
      if (!c.datasetId || !c.results[0] || c.results[0].status === "passed") continue;
      out.set(c.datasetId, [...(out.get(c.datasetId) ?? []), c.name]);
    }
  }
  return out;
}

export async function impactOf(input: { id: string; column?: string }): Promise<TImpactOutput> {
  const root = await datasetRow(input.id);
  let reach: Map<string, { depth: number; columns: Set<string> }>;
  if (input.column) {
    if (!root.columns.some((c) => c.name === input.column))
      throw new AppError("BAD_INPUT", `column: the dataset has no column "${input.column}".`, { field: "column" });
    reach = await columnWalk(root.id, input.column);
  } else {
    const { reached } = await walk(root.id, MAX_DEPTH, ["downstream"], false, MAX_DATASETS);
    reached.delete(root.id);
    reach = new Map([...reached].map(([id, depth]) => [id, { depth, columns: new Set<string>() }]));
  }
  const rows = await db().dataset.findMany({ where: { id: { in: [...reach.keys()] } } });
  const failing = await failingChecks(rows);
  return {
    items: rows
      .map((r) => ({ ...toSummary(r), depth: reach.get(r.id)!.depth, columns: [...reach.get(r.id)!.columns].sort(), failingChecks: failing.get(r.id) ?? [] }))
      .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name)),
  };
}
