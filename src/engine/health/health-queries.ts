/**
 * What is broken right now, read from the metadata database in a few
 * indexed queries that stay fast with thousands of connections and a long
 * run history (each "latest" is one index probe per connection, model or
 * check, through LATERAL). The health page and the alert rules read the
 * same answers, so the page and the alerts never disagree.
 */
import { db } from "@/db/client";
import { listLiveWorkers } from "@/jobs/workers-status";

export type TFailingConnection = { connectionId: string; name: string; runId: string; error: string | null; finishedAt: Date; status: string };
export type TFailingModel = { modelId: string; name: string; modelRunId: string; transformRunId: string; error: string | null; finishedAt: Date };
export type TFailingCheck = {
  checkId: string;
  name: string;
  destinationId: string;
  datasetSchema: string;
  datasetTable: string;
  connectionId: string | null;
  modelId: string | null;
  status: "failed" | "error";
  message: string;
  resultAt: Date;
};
export type TOpenBreach = {
  breachId: string;
  datasetId: string;
  datasetName: string;
  dueAt: Date;
  openedAt: Date;
  lastUpdatedAt: Date | null;
  tags: string[];
  connectionId: string | null;
};
export type TStreamLag = { connectionId: string; name: string; state: string | null; lag: number; partitions: number; updatedAt: Date | null };
export type TRecentRuns = { connectionId: string; name: string; runs: { id: string; status: string; durationMs: number | null; finishedAt: Date }[] };

/** Batch connections whose latest finished run failed (stream hours are the stream's, not runs that can fail). */
export async function failingConnections(): Promise<TFailingConnection[]> {
  return db().$queryRaw<TFailingConnection[]>`
    SELECT c.id AS "connectionId", c.name, r.id AS "runId", r.error, r."finishedAt", r.status::text AS status
    FROM "Connection" c
    CROSS JOIN LATERAL (
      SELECT id, status, error, "finishedAt" FROM "Run"
      WHERE "connectionId" = c.id AND "finishedAt" IS NOT NULL AND trigger <> 'stream'
      ORDER BY "queuedAt" DESC LIMIT 1
    ) r
    WHERE r.status = 'failed'
    ORDER BY r."finishedAt" DESC`;
}

/** The last `n` finished runs of every batch connection, newest first. */
export async function recentRuns(n: number): Promise<TRecentRuns[]> {
  const rows = await db().$queryRaw<{ connectionId: string; name: string; id: string; status: string; durationMs: number | null; finishedAt: Date }[]>`
    SELECT c.id AS "connectionId", c.name, r.id, r.status::text AS status,
      (EXTRACT(EPOCH FROM (r."finishedAt" - r."startedAt")) * 1000)::int AS "durationMs", r."finishedAt"
    FROM "Connection" c
    CROSS JOIN LATERAL (
      SELECT id, status, "startedAt", "finishedAt" FROM "Run"
      WHERE "connectionId" = c.id AND "finishedAt" IS NOT NULL AND trigger <> 'stream'
      ORDER BY "queuedAt" DESC LIMIT ${n}
    ) r
    ORDER BY c.id, r."finishedAt" DESC`;
  const byConnection = new Map<string, TRecentRuns>();
  for (const r of rows) {
    const entry = byConnection.get(r.connectionId) ?? { connectionId: r.connectionId, name: r.name, runs: [] };
    entry.runs.push({ id: r.id, status: r.status, durationMs: r.durationMs, finishedAt: r.finishedAt });
    byConnection.set(r.connectionId, entry);
  }
  return [...byConnection.values()];
}

/** Models whose latest build failed (blocked and skipped builds are their upstream's failures, shown as blocked). */
export async function failingModels(): Promise<TFailingModel[]> {
  return db().$queryRaw<TFailingModel[]>`
    SELECT m.id AS "modelId", m.name, r.id AS "modelRunId", r."transformRunId", r.error, r."finishedAt"
    FROM "Model" m
    CROSS JOIN LATERAL (
      SELECT id, "transformRunId", status, error, "finishedAt" FROM "ModelRun"
      WHERE "modelId" = m.id AND "finishedAt" IS NOT NULL AND status IN ('succeeded', 'failed')
      ORDER BY "startedAt" DESC NULLS LAST LIMIT 1
    ) r
    WHERE r.status = 'failed'
    ORDER BY r."finishedAt" DESC`;
}

/** Enabled error-severity checks whose latest result failed or could not run. */
export async function failingChecks(): Promise<TFailingCheck[]> {
  return db().$queryRaw<TFailingCheck[]>`
    SELECT c.id AS "checkId", c.name, c."destinationId", c."datasetSchema", c."datasetTable", c."connectionId", c."modelId",
      r.status::text AS status, r.message, r."createdAt" AS "resultAt"
    FROM "Check" c
    CROSS JOIN LATERAL (
      SELECT status, message, "createdAt" FROM "CheckResult" WHERE "checkId" = c.id ORDER BY "createdAt" DESC LIMIT 1
    ) r
    WHERE c.enabled AND c.severity = 'error' AND r.status <> 'passed'
    ORDER BY r."createdAt" DESC`;
}

export async function openBreaches(): Promise<TOpenBreach[]> {
  return db().$queryRaw<TOpenBreach[]>`
    SELECT b.id AS "breachId", d.id AS "datasetId", d.name AS "datasetName", b."dueAt", b."openedAt", d."lastUpdatedAt", d.tags, d."connectionId"
    FROM "FreshnessBreach" b JOIN "Dataset" d ON d.id = b."datasetId"
    WHERE b."resolvedAt" IS NULL
    ORDER BY b."dueAt"`;
}

/** Total lag of every streaming connection that is started (running or paused). */
export async function streamLags(): Promise<TStreamLag[]> {
  const rows = await db().$queryRaw<
    { connectionId: string; name: string; state: string | null; lag: bigint | null; partitions: bigint; updatedAt: Date | null }[]
  >`
    SELECT c.id AS "connectionId", c.name, c."streamState"::text AS state, SUM(p.lag) AS lag, COUNT(p.partition) AS partitions, MAX(p."updatedAt") AS "updatedAt"
    FROM "Connection" c LEFT JOIN "StreamPartition" p ON p."connectionId" = c.id
    WHERE c."streamState" IN ('running', 'paused')
    GROUP BY c.id, c.name, c."streamState"
    ORDER BY lag DESC NULLS LAST`;
  return rows.map((r) => ({ ...r, lag: Number(r.lag ?? 0), partitions: Number(r.partitions) }));
}

export async function liveWorkerCount(): Promise<number> {
  return (await listLiveWorkers()).length;
}

/** Dataset ids and tags of what connections load, for scoping their alerts. */
export async function datasetsOfConnections(connectionIds: readonly string[]): Promise<Map<string, { ids: string[]; tags: string[] }>> {
  const out = new Map<string, { ids: string[]; tags: string[] }>();
  if (!connectionIds.length) return out;
  const rows = await db().dataset.findMany({
    where: { connectionId: { in: [...connectionIds] }, kind: "table" },
    select: { id: true, connectionId: true, tags: true },
  });
  for (const r of rows) {
    const entry = out.get(r.connectionId!) ?? { ids: [], tags: [] };
    entry.ids.push(r.id);
    entry.tags.push(...r.tags);
    out.set(r.connectionId!, entry);
  }
  return out;
}

/**
 * The catalog dataset of each check (its destination and schema.table; the
 * catalog spells names as the warehouse stores them, so compared without case).
 */
export async function datasetsOfChecks(
  checks: readonly Pick<TFailingCheck, "checkId" | "destinationId" | "datasetSchema" | "datasetTable">[],
): Promise<Map<string, { id: string; name: string; tags: string[] }>> {
  const out = new Map<string, { id: string; name: string; tags: string[] }>();
  const destinations = [...new Set(checks.map((c) => c.destinationId))];
  if (!destinations.length) return out;
  const relations = [...new Set(checks.map((c) => `${c.datasetSchema}.${c.datasetTable}`.toLowerCase()))];
  const rows = await db().$queryRaw<{ id: string; name: string; tags: string[]; destinationId: string }[]>`
    SELECT id, name, tags, "destinationId" FROM "Dataset"
    WHERE "destinationId" = ANY(${destinations}::uuid[]) AND kind IN ('table', 'model')
      AND (lower(name) = ANY(${relations}) OR lower(name) LIKE ANY(${relations.map((r) => `%.${r.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}`)}))`;
  const byRelation = new Map<string, { id: string; name: string; tags: string[] }>();
  for (const r of rows) byRelation.set(`${r.destinationId}|${r.name.split(".").slice(-2).join(".")}`.toLowerCase(), { id: r.id, name: r.name, tags: r.tags });
  for (const c of checks) {
    const found = byRelation.get(`${c.destinationId}|${c.datasetSchema}.${c.datasetTable}`.toLowerCase());
    if (found) out.set(c.checkId, found);
  }
  return out;
}
