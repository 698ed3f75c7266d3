/**
 * "What is blocked": for each thing broken now (a failing connection, model
 * or error check, a dataset past its deadline), the datasets and models
 * downstream of what it writes or watches, from the lineage the last runs
 * saw (stale edges left out), with their owners. One recursive query over
 * every root at once, capped per failure.
 */
import { z } from "zod";

import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { datasetsOfChecks, failingChecks, failingConnections, failingModels, openBreaches } from "@/engine/health/health-queries";
import { staleSql } from "@/server/lineage/lineage-graph";

const MAX_DEPTH = 20;
const PER_FAILURE = 25;
/** Failures looked at; the output comes most blocking first. */
const MAX_FAILURES = 200;

const ZBlockedDataset = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  layer: z.string().nullable(),
  owner: z.string().nullable(),
  depth: z.number(),
});
export const ZBlockedOutput = z.array(
  z.object({
    key: z.string(),
    label: z.string(),
    href: z.string(),
    cause: z.enum(["connection", "model", "check", "freshness"]),
    blocked: z.array(ZBlockedDataset),
    /** Everything downstream, beyond the first PER_FAILURE listed. */
    total: z.number(),
    /** Models downstream, counted. */
    models: z.number(),
  }),
);
export type TBlockedOutput = z.output<typeof ZBlockedOutput>;

type TFailure = { key: string; label: string; href: string; cause: "connection" | "model" | "check" | "freshness"; roots: string[] };

async function failures(): Promise<TFailure[]> {
  const [connections, models, checks, breaches] = await Promise.all([failingConnections(), failingModels(), failingChecks(), openBreaches()]);
  const [loaded, built, checked] = await Promise.all([
    db().dataset.findMany({ where: { connectionId: { in: connections.map((c) => c.connectionId) }, kind: "table" }, select: { id: true, connectionId: true } }),
    db().dataset.findMany({ where: { modelId: { in: models.map((m) => m.modelId) }, kind: "model" }, select: { id: true, modelId: true } }),
    datasetsOfChecks(checks),
  ]);
  const list: TFailure[] = [
    ...connections.map((c) => ({
      key: `connection:${c.connectionId}`,
      label: c.name,
      href: `/runs/${c.runId}`,
      cause: "connection" as const,
      roots: loaded.filter((d) => d.connectionId === c.connectionId).map((d) => d.id),
    })),
    ...models.map((m) => ({
      key: `model:${m.modelId}`,
      label: `model ${m.name}`,
      href: `/models/runs/${m.transformRunId}`,
      cause: "model" as const,
      roots: built.filter((d) => d.modelId === m.modelId).map((d) => d.id),
    })),
    ...checks.map((c) => ({
      key: `check:${c.checkId}`,
      label: `${c.name} on ${c.datasetSchema}.${c.datasetTable}`,
      href: `/quality/checks/${c.checkId}`,
      cause: "check" as const,
      roots: checked.get(c.checkId) ? [checked.get(c.checkId)!.id] : [],
    })),
    ...breaches.map((b) => ({
      key: `dataset:${b.datasetId}`,
      label: b.datasetName,
      href: `/catalog/${b.datasetId}`,
      cause: "freshness" as const,
      roots: [b.datasetId],
    })),
  ];
  return list.slice(0, MAX_FAILURES);
}

export async function blockedByFailures(): Promise<TBlockedOutput> {
  const list = await failures();
  const pairs = list.flatMap((f) => f.roots.map((root) => ({ key: f.key, root })));
  const reached = pairs.length
    ? await db().$queryRaw<{ key: string; id: string; depth: number }[]>`
        WITH RECURSIVE down(key, id, depth) AS (
          SELECT p.key, e."outputId", 1
          FROM unnest(${pairs.map((p) => p.key)}::text[], ${pairs.map((p) => p.root)}::uuid[]) AS p(key, root)
          JOIN "LineageEdge" e ON e."inputId" = p.root JOIN "LineageJob" j ON j.id = e."jobId"
          WHERE NOT ${staleSql(Prisma.sql`e."lastRunId"`)}
          UNION
          SELECT d.key, e."outputId", d.depth + 1
          FROM down d JOIN "LineageEdge" e ON e."inputId" = d.id JOIN "LineageJob" j ON j.id = e."jobId"
          WHERE d.depth < ${MAX_DEPTH} AND NOT ${staleSql(Prisma.sql`e."lastRunId"`)}
        )
        SELECT key, id, MIN(depth)::int AS depth FROM down GROUP BY key, id`
    : [];
  const rootsOf = new Map(list.map((f) => [f.key, new Set(f.roots)]));
  const ids = [...new Set(reached.map((r) => r.id))];
  const datasets = new Map(
    (await db().dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, kind: true, layer: true, owner: true } })).map((d) => [d.id, d]),
  );
  const reachedBy = new Map<string, typeof reached>();
  for (const r of reached) {
    if (rootsOf.get(r.key)!.has(r.id) || !datasets.has(r.id)) continue;
    const mine = reachedBy.get(r.key);
    if (mine) mine.push(r);
    else reachedBy.set(r.key, [r]);
  }
  const out = list.map((f) => {
    const mine = (reachedBy.get(f.key) ?? []).sort((a, b) => a.depth - b.depth);
    const blocked = mine.slice(0, PER_FAILURE).map((r) => {
      const d = datasets.get(r.id)!;
      return { id: d.id, name: d.name, shortName: d.name.split(".").at(-1) ?? d.name, kind: d.kind, layer: d.layer, owner: d.owner, depth: r.depth };
    });
    return {
      key: f.key,
      label: f.label,
      href: f.href,
      cause: f.cause,
      blocked,
      total: mine.length,
      models: mine.filter((r) => datasets.get(r.id)!.kind === "model").length,
    };
  });
  return out.sort((a, b) => b.total - a.total || b.models - a.models);
}
