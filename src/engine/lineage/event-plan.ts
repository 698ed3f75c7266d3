/**
 * What one OpenLineage RunEvent asks the catalog to hold, worked out before
 * anything is written: one fact row per dataset it names (merged when a
 * dataset is both input and output), its columns, the run's links to it,
 * and on COMPLETE the dataset and column edges. Pure, so store-event.ts can
 * write each table in one set-based statement whatever the event's size
 * (5,000 inputs are 5,000 rows of one statement, not 5,000 round trips).
 * Each fact is a row of its own, so who set it (a per-fact provenance) can
 * be added as one more field of the row.
 */
import { platformOf } from "@/engine/lineage/dataset-naming";
import type { TDataset, TRunEvent, TSchemaField, TWeirDatasetFacet } from "@/engine/lineage/event-types";

/** Dataset key: namespace and name, which identify a dataset in OpenLineage. */
export const datasetKey = (d: { namespace: string; name: string }) => `${d.namespace}\u0000${d.name}`;

export type TColumnFact = { name: string; type: string; description: string; position: number };

/**
 * A dataset's catalog entry as the event states it. null means "the event
 * says nothing about it" (the stored value stays); a `set*` flag marks the
 * fields Weir's own facet may set to null on purpose.
 */
export type TDatasetFact = {
  namespace: string;
  name: string;
  /** The namespace's platform, for a new entry. */
  platform: string;
  /** Weir's own facet (trusted events only). */
  kind: string | null;
  weirPlatform: string | null;
  setLayer: boolean;
  layer: string | null;
  setSource: boolean;
  sourceId: string | null;
  setDestination: boolean;
  destinationId: string | null;
  setConnection: boolean;
  connectionId: string | null;
  stream: string | null;
  setModel: boolean;
  modelId: string | null;
  /** A moved Weir dataset is found by its owner (source or destination) and kind. */
  ownerSourceId: string | null;
  ownerDestinationId: string | null;
  description: string | null;
  owner: string | null;
  /** An output of a COMPLETE run: when it was written. */
  writtenAt: string | null;
  rowCount: string | null;
  sizeBytes: string | null;
  /** Facets as the event gives them (dataset, input and output facets, by key); keys a `_deleted` facet removes. */
  facets: Record<string, unknown>;
  deletedFacets: string[];
  /** null: the event has no schema facet, the columns stay. */
  columns: TColumnFact[] | null;
  /** The run's links to it; empty for a dataset named only in column lineage. */
  roles: ("input" | "output")[];
};

export type TEdgeFact = { inputKey: string; outputKey: string; unresolved: Record<string, string> };
export type TColumnEdgeFact = { inputKey: string; outputKey: string; inputColumn: string; outputColumn: string; transformation: string };

/** A `dataQualityAssertions` input facet's assertion, reported by the event's producer about a dataset. */
export type TAssertionFact = {
  datasetKey: string;
  assertion: string;
  column: string | null;
  success: boolean;
  severity: "warn" | "error";
  name: string | null;
  description: string | null;
  expected: string | null;
  actual: string | null;
};

export type TEventPlan = { datasets: Map<string, TDatasetFact>; edges: TEdgeFact[]; columnEdges: TColumnEdgeFact[]; assertions: TAssertionFact[] };

/** Nested schema fields flattened to dotted names ("address.city"), as column names. */
export function flatFields(fields: readonly TSchemaField[], prefix = ""): { name: string; type: string; description: string }[] {
  return fields.flatMap((f) => [
    { name: prefix + f.name, type: f.type ?? "", description: f.description ?? "" },
    ...(f.fields?.length ? flatFields(f.fields, `${prefix}${f.name}.`) : []),
  ]);
}

/** Columns by name, the first of a repeated name kept, positions as in the flattened schema. */
function columnFacts(fields: readonly TSchemaField[]): TColumnFact[] {
  const seen = new Set<string>();
  return flatFields(fields).flatMap((c, position) => {
    if (seen.has(c.name)) return [];
    seen.add(c.name);
    return [{ ...c, position }];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The facets a dataset carries in this event, and the keys it deletes. */
function facetsOf(d: TDataset): { facets: Record<string, unknown>; deleted: string[] } {
  const facets: Record<string, unknown> = {};
  const deleted: string[] = [];
  for (const group of [d.facets, d.inputFacets, d.outputFacets]) {
    for (const [k, v] of Object.entries(group ?? {})) {
      if (isObject(v) && v._deleted === true) deleted.push(k);
      else if (v !== undefined) facets[k] = v;
    }
  }
  return { facets, deleted };
}

/** The fact of one dataset of the event. `writtenAt` marks an output of a COMPLETE run. */
export function datasetFact(d: TDataset, opts: { trusted: boolean; writtenAt?: string; role?: "input" | "output" }): TDatasetFact {
  const facets = d.facets ?? {};
  const weir: Partial<TWeirDatasetFacet> = opts.trusted && facets.weir ? facets.weir : {};
  const at = opts.writtenAt ?? null;
  const stats = d.outputFacets?.outputStatistics;
  const owner = facets.ownership?.owners?.[0]?.name?.replace(/^(user|team):/, "");
  const rowCount = typeof weir.rowCount === "number" ? weir.rowCount : at && !weir.kind && typeof stats?.rowCount === "number" ? stats.rowCount : null;
  const { facets: stored, deleted } = facetsOf(d);
  return {
    namespace: d.namespace,
    name: d.name,
    platform: platformOf(d.namespace),
    kind: weir.kind ?? null,
    weirPlatform: weir.kind ? (weir.platform ?? platformOf(d.namespace)) : null,
    setLayer: weir.layer !== undefined,
    layer: weir.layer ?? null,
    setSource: weir.sourceId !== undefined,
    sourceId: weir.sourceId ?? null,
    setDestination: weir.destinationId !== undefined,
    destinationId: weir.destinationId ?? null,
    setConnection: weir.connectionId !== undefined,
    connectionId: weir.connectionId ?? null,
    stream: weir.connectionId !== undefined ? (weir.stream ?? null) : null,
    setModel: weir.modelId !== undefined,
    modelId: weir.modelId ?? null,
    ownerSourceId: weir.kind === "source_stream" && weir.sourceId ? weir.sourceId : null,
    ownerDestinationId: !(weir.kind === "source_stream" && weir.sourceId) && weir.kind && weir.destinationId ? weir.destinationId : null,
    description: facets.documentation?.description ?? null,
    owner: owner || null,
    writtenAt: at,
    rowCount: rowCount === null ? null : String(Math.trunc(rowCount)),
    sizeBytes: at && typeof stats?.size === "number" ? String(Math.trunc(stats.size)) : null,
    facets: stored,
    deletedFacets: deleted,
    columns: facets.schema?.fields ? columnFacts(facets.schema.fields) : null,
    roles: opts.role ? [opts.role] : [],
  };
}

/** A later mention of the same dataset in the event: what it states wins, what it leaves out stays. */
function mergeFacts(a: TDatasetFact, b: TDatasetFact): TDatasetFact {
  const merged = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof TDatasetFact, unknown][]) {
    if (v === null || v === false) continue;
    (merged as Record<string, unknown>)[k] = v;
  }
  merged.facets = { ...a.facets, ...b.facets };
  merged.deletedFacets = [...new Set([...a.deletedFacets.filter((k) => !(k in b.facets)), ...b.deletedFacets])];
  merged.roles = [...new Set([...a.roles, ...b.roles])];
  return merged;
}

const SEVERITIES = new Set(["warn", "error"]);
const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/** The assertions of an input's `dataQualityAssertions` facet (validated against its schema before this). */
function assertionsOf(d: TDataset): TAssertionFact[] {
  const facet = d.inputFacets?.dataQualityAssertions;
  if (!isObject(facet) || !Array.isArray(facet.assertions)) return [];
  return facet.assertions.filter(isObject).map((a) => {
    const severity = typeof a.severity === "string" ? a.severity.toLowerCase() : "";
    return {
      datasetKey: datasetKey(d),
      assertion: String(a.assertion),
      column: text(a.column),
      success: a.success === true,
      severity: SEVERITIES.has(severity) ? (severity as "warn" | "error") : "error",
      name: text(a.name),
      description: text(a.description),
      expected: text(a.expected),
      actual: text(a.actual),
    };
  });
}

/** Everything the event asks the catalog to hold. */
export function planEvent(event: TRunEvent, opts: { trusted: boolean }): TEventPlan {
  const complete = event.eventType === "COMPLETE";
  const datasets = new Map<string, TDatasetFact>();
  const add = (fact: TDatasetFact) => {
    const k = datasetKey(fact);
    const known = datasets.get(k);
    datasets.set(k, known ? mergeFacts(known, fact) : fact);
  };
  for (const d of event.inputs ?? []) add(datasetFact(d, { trusted: opts.trusted, role: "input" }));
  for (const d of event.outputs ?? []) add(datasetFact(d, { trusted: opts.trusted, role: "output", writtenAt: complete ? event.eventTime : undefined }));
  const assertions = (event.inputs ?? []).flatMap(assertionsOf);
  if (!complete) return { datasets, edges: [], columnEdges: [], assertions };

  const edges = new Map<string, TEdgeFact>();
  const columnEdges = new Map<string, TColumnEdgeFact>();
  const named = (ref: { namespace: string; name: string }) => {
    const k = datasetKey(ref);
    if (!datasets.has(k)) datasets.set(k, datasetFact({ namespace: ref.namespace, name: ref.name }, { trusted: false }));
    return k;
  };
  for (const output of event.outputs ?? []) {
    const outputKey = datasetKey(output);
    const unresolved = (opts.trusted ? output.facets?.weir?.unresolvedColumns : undefined) ?? {};
    const lineage = output.facets?.columnLineage;
    // With column lineage, the output comes from the datasets it names (a sync of many streams is not all-to-all); without, from every input.
    const from = lineage ? [...Object.values(lineage.fields).flatMap((f) => f.inputFields), ...(lineage.dataset ?? [])] : (event.inputs ?? []);
    for (const input of from) {
      const inputKey = named(input);
      if (!edges.has(`${inputKey}>${outputKey}`)) edges.set(`${inputKey}>${outputKey}`, { inputKey, outputKey, unresolved });
    }
    for (const [outputColumn, field] of Object.entries(lineage?.fields ?? {})) {
      for (const source of field.inputFields) {
        const inputKey = named(source);
        const t = source.transformations?.[0];
        const transformation = t ? `${t.type}/${t.subtype ?? ""}`.replace(/\/$/, "") : (field.transformationType ?? "DIRECT/IDENTITY");
        columnEdges.set(`${inputKey}>${outputKey}\u0000${source.field}\u0000${outputColumn}`, {
          inputKey,
          outputKey,
          inputColumn: source.field,
          outputColumn,
          transformation,
        });
      }
    }
  }
  return { datasets, edges: [...edges.values()], columnEdges: [...columnEdges.values()], assertions };
}
