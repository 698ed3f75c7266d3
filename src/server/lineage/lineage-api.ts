/**
 * The OpenLineage HTTP API, in the shape Marquez serves it:
 * - POST /api/v1/lineage takes one RunEvent (as the OpenLineage HTTP
 *   transport of Airflow, Spark, dbt or Great Expectations sends it),
 *   validated against the OpenLineage JSON Schemas, stored like Weir's own.
 * - GET /api/v1/lineage?nodeId=dataset:<namespace>:<name> (or
 *   job:<namespace>:<name>)&depth=N answers the graph around that node:
 *   datasets and the jobs between them, each with its in- and out-edges,
 *   every node's data as Marquez gives it (marquez-nodes.ts).
 */
import { db } from "@/db/client";
import { namespaceAllowed } from "@/engine/lineage/catalog-provenance";
import { WEIR_JOB_NAMESPACE } from "@/engine/lineage/dataset-naming";
import { type TRunEvent, WEIR_PRODUCER } from "@/engine/lineage/event-types";
import { validateRunEvent } from "@/engine/lineage/openlineage/validate-run-event";
import { type TRecordResult, recordRunEvent } from "@/engine/lineage/record-event";
import { AppError } from "@/lib/app-error";
import { walk } from "@/server/lineage/lineage-graph";
import {
  type TDatasetRow,
  type TJobRow,
  type TMarquezNode,
  type TRunRow,
  datasetNode,
  datasetNodeId,
  jobNode,
  jobNodeId,
  linkNodes,
} from "@/server/lineage/marquez-nodes";

/**
 * Bigger events are refused (413), measured after decompression: a job with
 * 5,000 inputs, each with a schema facet, is 2–4 MB of JSON.
 */
export const MAX_EVENT_BYTES = 16 * 1024 * 1024;

export type TReceiveResult = { status: 201; body: TRecordResult } | { status: 400 | 403; body: { error: string; errors?: string[] } };

/** Every namespace an event names, with where: the job, its inputs and outputs, and the datasets its column lineage names. */
function namespacesOf(event: TRunEvent): { path: string; namespace: string }[] {
  const named = [{ path: "job.namespace", namespace: event.job.namespace }];
  for (const side of ["inputs", "outputs"] as const) {
    (event[side] ?? []).forEach((d, i) => {
      named.push({ path: `${side}[${i}].namespace`, namespace: d.namespace });
      for (const [column, field] of Object.entries(d.facets?.columnLineage?.fields ?? {})) {
        field.inputFields.forEach((f, j) =>
          named.push({ path: `${side}[${i}].facets.columnLineage.fields.${column}.inputFields[${j}].namespace`, namespace: f.namespace }),
        );
      }
    });
  }
  return named;
}

/** Where an event or one of its facets claims Weir's own producer URI, or null. */
function weirProducerPath(event: TRunEvent): string | null {
  if (event.producer === WEIR_PRODUCER) return "producer";
  const groups = (prefix: string, facets: Record<string, unknown> | undefined) =>
    Object.entries(facets ?? {}).map(([key, f]) => ({ path: `${prefix}.${key}._producer`, producer: (f as { _producer?: unknown } | null)?._producer }));
  const all = [
    ...groups("job.facets", event.job.facets),
    ...groups("run.facets", event.run.facets),
    ...(["inputs", "outputs"] as const).flatMap((side) =>
      (event[side] ?? []).flatMap((d, i) => [
        ...groups(`${side}[${i}].facets`, d.facets),
        ...groups(`${side}[${i}].inputFacets`, d.inputFacets),
        ...groups(`${side}[${i}].outputFacets`, d.outputFacets),
      ]),
    ),
  ];
  return all.find((f) => f.producer === WEIR_PRODUCER)?.path ?? null;
}

/** Why a caller may not send this event, or null: Weir's own jobs are Weir's to report, and a token may be held to namespaces. */
function refusal(event: TRunEvent, namespaces: readonly string[]): string | null {
  if (event.job.namespace === WEIR_JOB_NAMESPACE) {
    return `job.namespace: "${WEIR_JOB_NAMESPACE}" is the namespace of Weir's own jobs (its syncs and models); only Weir reports their runs.`;
  }
  // What a producer reports is shown as reported by it: it cannot pass for Weir.
  const posing = weirProducerPath(event);
  if (posing) return `${posing}: "${WEIR_PRODUCER}" is Weir's own producer; name your producer (your tool's URI).`;
  const outside = namespacesOf(event).find((n) => !namespaceAllowed(namespaces, n.namespace));
  if (outside) return `${outside.path}: "${outside.namespace.slice(0, 200)}" is outside this token's namespaces (${namespaces.join(", ")}).`;
  return null;
}

/** Validates and stores the text of one RunEvent (the route has read it, bounded); `namespaces` are the token's, if it is held to some. */
export async function receiveRunEvent(text: string, receivedFrom: string, namespaces: readonly string[] = []): Promise<TReceiveResult> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { status: 400, body: { error: `The body is not JSON: ${e instanceof Error ? e.message : String(e)}.` } };
  }
  if (Array.isArray(body))
    return { status: 400, body: { error: "Send one RunEvent per request (an object, not an array), as the OpenLineage HTTP transport does." } };
  const checked = validateRunEvent(body);
  if (!checked.ok) return { status: 400, body: { error: `The RunEvent is not valid OpenLineage: ${checked.errors[0]}`, errors: checked.errors } };
  const refused = refusal(checked.event, namespaces);
  if (refused) return { status: 403, body: { error: refused } };
  try {
    return { status: 201, body: await recordRunEvent(checked.event, { receivedFrom, trusted: false }) };
  } catch (e) {
    if (e instanceof AppError && e.code === "BAD_INPUT") return { status: 400, body: { error: e.message } };
    throw e;
  }
}

/** What a node id names: a dataset, or a job (with the datasets it reads and writes). */
type TCenter = { datasets: string[]; jobId?: string };

/** Splits "<namespace>:<name>" at each colon (a namespace may hold colons, e.g. postgres://host:5432). */
const splits = (rest: string) =>
  [...rest.matchAll(/:/g)].map((m) => ({ namespace: rest.slice(0, m.index), name: rest.slice(m.index + 1) })).filter((p) => p.namespace && p.name);

/** A Marquez node id, `dataset:<namespace>:<name>` or `job:<namespace>:<name>`, or a Weir dataset id. */
async function centerOf(nodeId: string): Promise<TCenter> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nodeId)) {
    const row = await db().dataset.findUnique({ where: { id: nodeId }, select: { id: true } });
    if (row) return { datasets: [row.id] };
  } else if (nodeId.startsWith("dataset:")) {
    const candidates = splits(nodeId.slice("dataset:".length));
    const row = candidates.length ? await db().dataset.findFirst({ where: { OR: candidates }, select: { id: true } }) : null;
    if (row) return { datasets: [row.id] };
  } else if (nodeId.startsWith("job:")) {
    const candidates = splits(nodeId.slice("job:".length));
    const job = candidates.length ? await db().lineageJob.findFirst({ where: { OR: candidates }, select: { id: true } }) : null;
    if (job) {
      const [edges, io] = await Promise.all([
        db().lineageEdge.findMany({ where: { jobId: job.id }, select: { inputId: true, outputId: true } }),
        latestRunIo([job.id]),
      ]);
      const datasets = new Set([...edges.flatMap((e) => [e.inputId, e.outputId]), ...(io.get(job.id) ?? []).map((d) => d.id)]);
      return { datasets: [...datasets], jobId: job.id };
    }
  } else {
    throw new AppError(
      "BAD_INPUT",
      `nodeId: "${nodeId.slice(0, 200)}" is not a node id; use dataset:<namespace>:<name> (e.g. dataset:postgres://db:5432:shop.public.orders), job:<namespace>:<name> or a dataset id.`,
      { field: "nodeId" },
    );
  }
  throw new AppError("NOT_FOUND", `nodeId: no ${nodeId.startsWith("job:") ? "job" : "dataset"} ${nodeId.slice(0, 200)} in the lineage graph.`, {
    field: "nodeId",
  });
}

type TIo = { id: string; namespace: string; name: string; role: string };

/** The inputs and outputs of each job's latest run (Marquez's job inputs and outputs are those of its current version). */
async function latestRunIo(jobIds: readonly string[]): Promise<Map<string, TIo[]>> {
  if (!jobIds.length) return new Map();
  const rows = await db().$queryRaw<(TIo & { jobId: string })[]>`
    SELECT r."jobId", d.id, d.namespace, d.name, l.role
    FROM (SELECT DISTINCT ON ("jobId") id, "jobId" FROM "LineageRun" WHERE "jobId" = ANY(${jobIds as string[]}::uuid[]) ORDER BY "jobId", "startedAt" DESC NULLS LAST, "updatedAt" DESC) r
    JOIN "LineageRunDataset" l ON l."runId" = r.id JOIN "Dataset" d ON d.id = l."datasetId"
    ORDER BY d.namespace, d.name`;
  const out = new Map<string, TIo[]>();
  for (const r of rows) out.set(r.jobId, [...(out.get(r.jobId) ?? []), r]);
  return out;
}

async function datasetRows(ids: readonly string[]): Promise<TDatasetRow[]> {
  const [rows, writers] = await Promise.all([
    db().dataset.findMany({ where: { id: { in: [...ids] } }, include: { columns: { where: { removedAt: null }, orderBy: { position: "asc" } } } }),
    db().$queryRaw<{ datasetId: string; runId: string }[]>`
      SELECT DISTINCT ON ("datasetId") "datasetId", "runId" FROM "LineageRunDataset"
      WHERE "datasetId" = ANY(${ids as string[]}::uuid[]) AND role = 'output' ORDER BY "datasetId", "eventTime" DESC`,
  ]);
  const sourceIds = [...new Set(rows.flatMap((r) => (r.sourceId ? [r.sourceId] : [])))];
  const destinationIds = [...new Set(rows.flatMap((r) => (r.destinationId ? [r.destinationId] : [])))];
  const [sources, destinations] = await Promise.all([
    sourceIds.length ? db().source.findMany({ where: { id: { in: sourceIds } }, select: { id: true, name: true } }) : [],
    destinationIds.length ? db().destination.findMany({ where: { id: { in: destinationIds } }, select: { id: true, name: true } }) : [],
  ]);
  const endpoint = new Map([...sources, ...destinations].map((e) => [e.id, e.name]));
  const writer = new Map(writers.map((w) => [w.datasetId, w.runId]));
  return rows.map((r) => ({
    ...r,
    endpointName: endpoint.get(r.sourceId ?? "") ?? endpoint.get(r.destinationId ?? "") ?? null,
    lastWriterRunId: writer.get(r.id) ?? null,
  }));
}

async function jobRows(jobIds: readonly string[]): Promise<TJobRow[]> {
  if (!jobIds.length) return [];
  const [jobs, runs, io] = await Promise.all([
    db().lineageJob.findMany({ where: { id: { in: [...jobIds] } } }),
    db().$queryRaw<(TRunRow & { jobId: string })[]>`
      SELECT DISTINCT ON ("jobId") id, "jobId", state, "createdAt", "updatedAt", "startedAt", "endedAt", facets
      FROM "LineageRun" WHERE "jobId" = ANY(${jobIds as string[]}::uuid[]) ORDER BY "jobId", "startedAt" DESC NULLS LAST, "updatedAt" DESC`,
    latestRunIo(jobIds),
  ]);
  const latest = new Map(runs.map((r) => [r.jobId, r]));
  return jobs.map((j) => {
    const datasets = io.get(j.id) ?? [];
    return {
      ...j,
      latestRun: latest.get(j.id) ?? null,
      inputs: datasets.filter((d) => d.role === "input"),
      outputs: datasets.filter((d) => d.role === "output"),
    };
  });
}

/** The graph around a dataset or job node, `depth` dataset hops up- and downstream, as Marquez's LineageGraph. */
export async function lineageAround(nodeId: string, depth: number): Promise<{ graph: TMarquezNode[] }> {
  const center = await centerOf(nodeId);
  // A job sits between its datasets: they are the first hop.
  const { reached, edges } = await walk(center.datasets, center.jobId ? depth - 1 : depth, ["upstream", "downstream"], true);
  const jobIds = [...new Set([...edges.map((e) => e.jobId), ...(center.jobId ? [center.jobId] : [])])];
  const [datasets, jobs] = await Promise.all([datasetRows([...reached.keys()]), jobRows(jobIds)]);
  const nodes = new Map<string, TMarquezNode>();
  const nodeOf = new Map<string, string>();
  for (const d of datasets.map(datasetNode)) nodes.set(d.id, d);
  for (const d of datasets) nodeOf.set(d.id, datasetNodeId(d));
  for (const j of jobs) {
    nodes.set(jobNodeId(j), jobNode(j));
    nodeOf.set(j.id, jobNodeId(j));
  }
  const links = edges.flatMap((e): [string, string][] => [
    [nodeOf.get(e.inputId)!, nodeOf.get(e.jobId)!],
    [nodeOf.get(e.jobId)!, nodeOf.get(e.outputId)!],
  ]);
  // A job not yet COMPLETE has no edges: it links to what its latest run named.
  const centerJob = jobs.find((j) => j.id === center.jobId);
  if (centerJob && !edges.some((e) => e.jobId === centerJob.id)) {
    const job = jobNodeId(centerJob);
    links.push(
      ...centerJob.inputs.map((i): [string, string] => [datasetNodeId(i), job]),
      ...centerJob.outputs.map((o): [string, string] => [job, datasetNodeId(o)]),
    );
  }
  linkNodes(nodes, links);
  return { graph: [...nodes.values()] };
}
