/**
 * The OpenLineage HTTP API, in the shape Marquez serves it:
 * - POST /api/v1/lineage takes one RunEvent (as the OpenLineage HTTP
 *   transport of Airflow, Spark, dbt or Great Expectations sends it),
 *   validated against the OpenLineage JSON Schemas, stored like Weir's own.
 * - GET /api/v1/lineage?nodeId=dataset:<namespace>:<name>&depth=N answers the
 *   graph around a dataset: datasets and the jobs between them, each with
 *   its in- and out-edges.
 */
import { db } from "@/db/client";
import { validateRunEvent } from "@/engine/lineage/openlineage/validate-run-event";
import { type TRecordResult, recordRunEvent } from "@/engine/lineage/record-event";
import { AppError } from "@/lib/app-error";
import { walk } from "@/server/lineage/lineage-graph";

/** Bigger events are refused: a RunEvent with schemas and column lineage of a wide table is a few hundred KB. */
export const MAX_EVENT_BYTES = 2 * 1024 * 1024;

export type TReceiveResult = { status: 201; body: TRecordResult } | { status: 400; body: { error: string; errors?: string[] } };

export async function receiveRunEvent(text: string, receivedFrom: string): Promise<TReceiveResult> {
  if (Buffer.byteLength(text) > MAX_EVENT_BYTES) return { status: 400, body: { error: `The event is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MB; send one RunEvent per request.` } };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { status: 400, body: { error: `The body is not JSON: ${e instanceof Error ? e.message : String(e)}.` } };
  }
  if (Array.isArray(body)) return { status: 400, body: { error: "Send one RunEvent per request (an object, not an array), as the OpenLineage HTTP transport does." } };
  const checked = validateRunEvent(body);
  if (!checked.ok) return { status: 400, body: { error: `The RunEvent is not valid OpenLineage: ${checked.errors[0]}`, errors: checked.errors } };
  try {
    return { status: 201, body: await recordRunEvent(checked.event, { receivedFrom, trusted: false }) };
  } catch (e) {
    if (e instanceof AppError && e.code === "BAD_INPUT") return { status: 400, body: { error: e.message } };
    throw e;
  }
}

type TMarquezEdge = { origin: string; destination: string };
type TMarquezNode = { id: string; type: "DATASET" | "JOB"; data: Record<string, unknown>; inEdges: TMarquezEdge[]; outEdges: TMarquezEdge[] };

/** A Marquez node id: `dataset:<namespace>:<name>` (the namespace may hold colons, e.g. postgres://host:5432), or a Weir dataset id. */
async function datasetOfNodeId(nodeId: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nodeId)) {
    const row = await db().dataset.findUnique({ where: { id: nodeId }, select: { id: true } });
    if (row) return row.id;
  } else if (nodeId.startsWith("dataset:")) {
    // The namespace may hold colons: try each split of "<namespace>:<name>" on the (namespace, name) index.
    const rest = nodeId.slice("dataset:".length);
    const splits = [...rest.matchAll(/:/g)].map((m) => ({ namespace: rest.slice(0, m.index), name: rest.slice(m.index + 1) })).filter((p) => p.namespace && p.name);
    const row = splits.length ? await db().dataset.findFirst({ where: { OR: splits }, select: { id: true } }) : null;
    if (row) return row.id;
  } else {
    throw new AppError("BAD_INPUT", `nodeId: "${nodeId.slice(0, 200)}" is not a dataset node id; use dataset:<namespace>:<name> (e.g. dataset:postgres://db:5432:shop.public.orders) or a dataset id.`);
  }
  throw new AppError("NOT_FOUND", `nodeId: no dataset ${nodeId.slice(0, 200)} in the lineage graph.`);
}

export async function lineageAround(nodeId: string, depth: number): Promise<{ graph: TMarquezNode[] }> {
  const center = await datasetOfNodeId(nodeId);
  const { reached, edges } = await walk(center, depth, ["upstream", "downstream"], true);
  const datasets = await db().dataset.findMany({ where: { id: { in: [...reached.keys()] } }, include: { columns: { orderBy: { position: "asc" } } } });
  const idOf = new Map(datasets.map((d) => [d.id, `dataset:${d.namespace}:${d.name}`]));
  const nodes = new Map<string, TMarquezNode>();
  for (const d of datasets) {
    nodes.set(idOf.get(d.id)!, {
      id: idOf.get(d.id)!,
      type: "DATASET",
      data: {
        type: "DATASET", id: { namespace: d.namespace, name: d.name }, namespace: d.namespace, name: d.name, platform: d.platform, layer: d.layer,
        description: d.description || null, owner: d.owner, tags: d.tags, qualityStatus: d.qualityStatus, lastModifiedAt: d.lastUpdatedAt,
        fields: d.columns.map((c) => ({ name: c.name, type: c.type || null, description: c.description || null, tags: c.pii ? ["PII", ...c.tags] : c.tags })),
      },
      inEdges: [],
      outEdges: [],
    });
  }
  for (const e of edges) {
    const jobId = `job:${e.jobNamespace}:${e.job}`;
    const job = nodes.get(jobId) ?? { id: jobId, type: "JOB" as const, data: { type: "JOB", id: { namespace: e.jobNamespace, name: e.job }, namespace: e.jobNamespace, name: e.job }, inEdges: [], outEdges: [] };
    nodes.set(jobId, job);
    const input = idOf.get(e.inputId)!;
    const output = idOf.get(e.outputId)!;
    const edgeIn = { origin: input, destination: jobId };
    const edgeOut = { origin: jobId, destination: output };
    if (!job.inEdges.some((x) => x.origin === input)) {
      job.inEdges.push(edgeIn);
      nodes.get(input)!.outEdges.push(edgeIn);
    }
    if (!job.outEdges.some((x) => x.destination === output)) {
      job.outEdges.push(edgeOut);
      nodes.get(output)!.inEdges.push(edgeOut);
    }
  }
  return { graph: [...nodes.values()] };
}
