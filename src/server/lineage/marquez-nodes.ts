/**
 * The nodes of `GET /api/v1/lineage` as Marquez gives them (its LineageGraph,
 * GraphNode, Dataset and Job schemas: src/server/lineage/marquez/openapi.yml),
 * so a Marquez client or UI reads Weir's graph unchanged:
 * - a dataset node is `{ id: "dataset:<ns>:<name>", type: "DATASET", data }`
 *   with data.type `DB_TABLE` (what Marquez gives every dataset an
 *   OpenLineage event names), physicalName, sourceName (the dataSource
 *   facet's name, else the Weir source or destination, else "default"),
 *   fields, tags, createdAt/updatedAt, lastModifiedAt, facets and a
 *   currentVersion;
 * - a job node is `{ id: "job:<ns>:<name>", type: "JOB", data }` with
 *   data.type `BATCH` or `STREAM` (the jobType facet's processingType),
 *   simpleName, parentJobName, its inputs and outputs, location,
 *   description, latestRun, facets and a currentVersion.
 * Fields Marquez would send as null are left out: the spec types them as
 * strings, so null would not validate.
 */
import { createHash } from "node:crypto";

export type TMarquezEdge = { origin: string; destination: string };
export type TMarquezNode = { id: string; type: "DATASET" | "JOB"; data: Record<string, unknown>; inEdges: TMarquezEdge[]; outEdges: TMarquezEdge[] };
type TId = { namespace: string; name: string };

export const datasetNodeId = (d: TId) => `dataset:${d.namespace}:${d.name}`;
export const jobNodeId = (j: TId) => `job:${j.namespace}:${j.name}`;

/** A stable UUID for a version: the same inputs give the same id (Marquez derives its versions from content too). */
export function versionId(...parts: readonly unknown[]): string {
  const h = createHash("sha256").update(JSON.stringify(parts)).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
/** Keys whose value is undefined or null are left out. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
/** Facets as Marquez serves them: only objects (each a facet with _producer and _schemaURL). */
const facetsOf = (v: unknown): Record<string, unknown> => (isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, f]) => isObject(f))) : {});

export type TDatasetRow = {
  id: string;
  namespace: string;
  name: string;
  description: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  lastUpdatedAt: Date | null;
  facets: unknown;
  columns: { name: string; type: string; description: string; pii: boolean; tags: string[] }[];
  /** The Weir source or destination it belongs to, when Weir manages it. */
  endpointName: string | null;
  /** The run that last wrote it, for its version. */
  lastWriterRunId: string | null;
};

export function datasetNode(d: TDatasetRow): TMarquezNode {
  const facets = facetsOf(d.facets);
  const dataSource = isObject(facets.dataSource) ? str(facets.dataSource.name) : undefined;
  const lifecycle = isObject(facets.lifecycleStateChange) ? str(facets.lifecycleStateChange.lifecycleStateChange) : undefined;
  const fields = d.columns.map((c) => defined({ name: c.name, type: c.type, tags: c.pii ? ["PII", ...c.tags] : c.tags, description: str(c.description) }));
  return {
    id: datasetNodeId(d),
    type: "DATASET",
    data: defined({
      id: { namespace: d.namespace, name: d.name },
      type: "DB_TABLE",
      name: d.name,
      physicalName: d.name,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      namespace: d.namespace,
      sourceName: dataSource ?? d.endpointName ?? "default",
      fields,
      tags: d.tags,
      lastModifiedAt: d.lastUpdatedAt?.toISOString(),
      lastLifecycleState: lifecycle,
      description: str(d.description),
      facets,
      currentVersion: versionId("dataset", d.namespace, d.name, d.lastWriterRunId, fields),
    }),
    inEdges: [],
    outEdges: [],
  };
}

/** Marquez's run states for OpenLineage event types. */
const RUN_STATE: Record<string, string> = { START: "RUNNING", RUNNING: "RUNNING", COMPLETE: "COMPLETED", FAIL: "FAILED", ABORT: "ABORTED", OTHER: "NEW" };

export type TRunRow = { id: string; state: string; createdAt: Date; updatedAt: Date; startedAt: Date | null; endedAt: Date | null; facets: unknown };

function runData(r: TRunRow): Record<string, unknown> {
  const facets = facetsOf(r.facets);
  const nominal = isObject(facets.nominalTime) ? facets.nominalTime : {};
  return defined({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    nominalStartTime: str(nominal.nominalStartTime),
    nominalEndTime: str(nominal.nominalEndTime),
    state: RUN_STATE[r.state] ?? "NEW",
    startedAt: r.startedAt?.toISOString(),
    endedAt: r.endedAt?.toISOString(),
    durationMs: r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : undefined,
    args: {},
    facets,
  });
}

export type TJobRow = {
  id: string;
  namespace: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  facets: unknown;
  inputs: TId[];
  outputs: TId[];
  latestRun: TRunRow | null;
};

export function jobNode(j: TJobRow): TMarquezNode {
  const facets = facetsOf(j.facets);
  const jobType = isObject(facets.jobType) ? str(facets.jobType.processingType) : undefined;
  const runFacets = facetsOf(j.latestRun?.facets);
  const parentJob = isObject(runFacets.parent) && isObject(runFacets.parent.job) ? runFacets.parent.job : undefined;
  const parentName = str(parentJob?.name);
  const location = isObject(facets.sourceCodeLocation) ? str(facets.sourceCodeLocation.url) : undefined;
  const description = isObject(facets.documentation) ? str(facets.documentation.description) : undefined;
  const ids = (list: TId[]) => list.map((d) => ({ namespace: d.namespace, name: d.name }));
  return {
    id: jobNodeId(j),
    type: "JOB",
    data: defined({
      id: { namespace: j.namespace, name: j.name },
      type: jobType === "STREAMING" ? "STREAM" : "BATCH",
      name: j.name,
      simpleName: parentName && j.name.startsWith(`${parentName}.`) ? j.name.slice(parentName.length + 1) : j.name,
      parentJobName: parentName,
      createdAt: j.createdAt.toISOString(),
      updatedAt: j.updatedAt.toISOString(),
      namespace: j.namespace,
      inputs: ids(j.inputs),
      outputs: ids(j.outputs),
      location,
      description,
      latestRun: j.latestRun ? runData(j.latestRun) : undefined,
      facets,
      currentVersion: versionId("job", j.namespace, j.name, location ?? null, ids(j.inputs), ids(j.outputs)),
    }),
    inEdges: [],
    outEdges: [],
  };
}

/** Adds each link (origin → destination node id) to both nodes' edges, once. */
export function linkNodes(nodes: Map<string, TMarquezNode>, links: readonly [string, string][]): void {
  const seen = new Set<string>();
  for (const [origin, destination] of links) {
    const k = `${origin}\u0000${destination}`;
    const from = nodes.get(origin);
    const to = nodes.get(destination);
    if (seen.has(k) || !from || !to) continue;
    seen.add(k);
    from.outEdges.push({ origin, destination });
    to.inEdges.push({ origin, destination });
  }
}
