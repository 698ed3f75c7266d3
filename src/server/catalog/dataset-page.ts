/**
 * A dataset's catalog page: the entry with its columns, the checks on it
 * with their latest results, the runs that read or wrote it, and where Weir
 * manages it.
 */
import { db } from "@/db/client";
import { reportedBy, storedCheckKind } from "@/engine/quality/check-definition";
import { AppError } from "@/lib/app-error";
import { WEIR_PRODUCER } from "@/engine/lineage/event-types";
import { type TDatasetOutput, ZDatasetOutput } from "@/server/catalog/catalog-contracts";
import { toSummary } from "@/server/catalog/dataset-summary";

/** schema and table of a warehouse dataset named `schema.table` or `database.schema.table`. */
export function relationOf(name: string): { schema: string; table: string } | null {
  const parts = name.split(".");
  if (parts.length < 2) return null;
  return { schema: parts[parts.length - 2]!, table: parts[parts.length - 1]! };
}

export async function datasetRow(id: string) {
  const row = await db().dataset.findUnique({ where: { id }, include: { columns: { orderBy: { position: "asc" } } } });
  if (!row) throw new AppError("NOT_FOUND", "There is no such dataset in the catalog.");
  return row;
}

/** The checks Weir runs on its warehouse relation, and those a producer reports on the entry itself. */
async function checksOf(row: { id: string; destinationId: string | null; name: string }): Promise<TDatasetOutput["checks"]> {
  const relation = relationOf(row.name);
  const checks = await db().check.findMany({
    where: {
      OR: [
        { datasetId: row.id },
        ...(row.destinationId && relation ? [{ destinationId: row.destinationId, datasetSchema: relation.schema, datasetTable: relation.table }] : []),
      ],
    },
    include: { results: { orderBy: { createdAt: "desc" }, take: 1 } },
    orderBy: { name: "asc" },
  });
  return checks.map((c) => {
    const latest = c.results[0];
    return {
      id: c.id,
      name: c.name,
      kind: storedCheckKind(c.definition),
      reportedBy: reportedBy(c.origin),
      severity: c.severity,
      status: latest?.status ?? null,
      message: latest?.message ?? null,
      at: latest?.createdAt ?? null,
    };
  });
}

async function runsOf(datasetId: string): Promise<TDatasetOutput["runs"]> {
  const rows = await db().lineageRunDataset.findMany({
    where: { datasetId },
    orderBy: { eventTime: "desc" },
    take: 20,
    include: { run: { include: { job: { select: { name: true } } } } },
  });
  const modelRunIds = rows.filter((r) => r.run.origin === "model").map((r) => r.runId);
  const transformRuns = new Map(
    (await db().modelRun.findMany({ where: { id: { in: modelRunIds } }, select: { id: true, transformRunId: true } })).map((m) => [m.id, m.transformRunId]),
  );
  return rows.map((r) => ({
    runId: r.runId,
    job: r.run.job.name,
    state: r.run.state,
    role: r.role === "output" ? "output" : "input",
    origin: r.run.origin,
    startedAt: r.run.startedAt,
    endedAt: r.run.endedAt,
    href: r.run.origin === "sync" ? `/runs/${r.runId}` : transformRuns.has(r.runId) ? `/models/runs/${transformRuns.get(r.runId)}` : null,
  }));
}

async function linksOf(row: {
  sourceId: string | null;
  connectionId: string | null;
  modelId: string | null;
  destinationId: string | null;
}): Promise<TDatasetOutput["links"]> {
  const [source, connection, model, destination] = await Promise.all([
    row.sourceId ? db().source.findUnique({ where: { id: row.sourceId }, select: { id: true, name: true } }) : null,
    row.connectionId ? db().connection.findUnique({ where: { id: row.connectionId }, select: { id: true, name: true } }) : null,
    row.modelId ? db().model.findUnique({ where: { id: row.modelId }, select: { id: true, name: true } }) : null,
    row.destinationId ? db().destination.findUnique({ where: { id: row.destinationId }, select: { id: true, name: true } }) : null,
  ]);
  return [
    ...(source ? [{ label: `Source: ${source.name}`, href: `/sources/${source.id}` }] : []),
    ...(connection ? [{ label: `Connection: ${connection.name}`, href: `/connections/${connection.id}` }] : []),
    ...(model ? [{ label: `Model: ${model.name}`, href: `/models/${model.id}` }] : []),
    ...(destination ? [{ label: `Destination: ${destination.name}`, href: `/destinations/${destination.id}` }] : []),
  ];
}

/** The facets a producer other than Weir reported, by key (a facet names its producer in `_producer`). */
function reportedFacets(facets: unknown): TDatasetOutput["reportedFacets"] {
  if (!facets || typeof facets !== "object" || Array.isArray(facets)) return [];
  return Object.entries(facets as Record<string, unknown>).flatMap(([key, value]) => {
    const producer = value && typeof value === "object" ? (value as { _producer?: unknown })._producer : undefined;
    return typeof producer === "string" && producer !== WEIR_PRODUCER ? [{ key, producer }] : [];
  });
}

/** The stored provenance, keeping only well-formed entries. */
function provenanceOf(stored: unknown): TDatasetOutput["provenance"] {
  const parsed = ZDatasetOutput.shape.provenance.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

export async function getDataset(id: string): Promise<TDatasetOutput> {
  const row = await datasetRow(id);
  const [checks, runs, links] = await Promise.all([checksOf(row), runsOf(row.id), linksOf(row)]);
  return {
    ...toSummary(row),
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    provenance: provenanceOf(row.provenance),
    reportedFacets: reportedFacets(row.facets),
    columns: row.columns.filter((c) => !c.removedAt).map((c) => ({ name: c.name, type: c.type, description: c.description, pii: c.pii, tags: c.tags })),
    checks,
    runs,
    links,
    previewable: !!row.destinationId && (row.kind === "table" || row.kind === "model" || (row.kind.startsWith("dbt_") && !row.removedAt)),
  };
}
