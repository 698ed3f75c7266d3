/**
 * A dbt project's lineage as OpenLineage events Weir records itself: one job
 * per model, seed or snapshot (namespace `dbt://<project>`, name = its unique
 * id, run origin "dbt"), whose COMPLETE run reads the datasets of its
 * `depends_on` and writes its own, with column lineage from dbt's compiled
 * SQL through Weir's SQL parser (column-lineage.ts) where it parses. The
 * lineage graph, the Marquez-shaped API and impact analysis then show dbt
 * nodes as they show any job. A node gone from the project gets a COMPLETE
 * run that saw nothing, so its edges turn stale. Run ids are derived from
 * the manifest's invocation, the destination and the node, so importing the
 * same manifest again records nothing new.
 */
import { createHash } from "node:crypto";

import type { TDbtCatalogNode } from "@/engine/dbt/dbt-datasets";
import { sqlLineage } from "@/engine/lineage/column-lineage";
import {
  FACET_SCHEMAS,
  OPENLINEAGE_SCHEMA_URL,
  type TColumnLineageField,
  type TDataset,
  type TRunEvent,
  WEIR_PRODUCER,
  facet,
} from "@/engine/lineage/event-types";

export const dbtJobNamespace = (project: string | null) => `dbt://${project ?? "dbt"}`;

/** A UUID (version 5 layout) from the SHA-1 of `parts`: the same parts, the same id. */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha1").update(parts.join("\u0000")).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export type TDbtLineageInput = {
  project: string | null;
  /** The manifest's invocation (or its generated_at) and the destination: with the node, they make the run id. */
  invocation: string;
  destinationId: string;
  at: Date;
  nodes: readonly TDbtCatalogNode[];
  /** Each relation's dataset (dbt-datasets.ts), by `schema.table`. */
  datasets: ReadonlyMap<string, TDataset>;
  /** Each relation's columns, for the parser: the warehouse's, else the manifest's. */
  columns: ReadonlyMap<string, readonly string[]>;
};

const bare = (d: TDataset): TDataset => ({ namespace: d.namespace, name: d.name });

function event(
  l: TDbtLineageInput,
  node: Pick<TDbtCatalogNode, "uniqueId" | "kind">,
  runKey: string,
  inputs: TDataset[],
  outputs: TDataset[],
  sql: string | null,
): TRunEvent {
  return {
    eventType: "COMPLETE",
    eventTime: l.at.toISOString(),
    producer: WEIR_PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: { runId: stableUuid("dbt", l.destinationId, l.invocation, runKey, node.uniqueId) },
    job: {
      namespace: dbtJobNamespace(l.project),
      name: node.uniqueId,
      facets: {
        jobType: facet(FACET_SCHEMAS.jobType, { processingType: "BATCH", integration: "DBT", jobType: node.kind.replace(/^dbt_/, "").toUpperCase() }),
        ...(sql ? { sql: facet(FACET_SCHEMAS.sql, { query: sql }) } : {}),
      },
    },
    inputs,
    outputs,
  };
}

/** The output's column lineage facet from the compiled SQL, or why there is none (the output's unresolved columns). */
async function columnLineage(
  l: TDbtLineageInput,
  node: TDbtCatalogNode,
  inputs: readonly string[],
): Promise<{ fields?: Record<string, TColumnLineageField>; dataset?: TColumnLineageField["inputFields"]; unresolved: Record<string, string> }> {
  if (!node.compiledSql) return { unresolved: { "*": "the manifest has no compiled SQL for this node (run dbt compile, run or build first)" } };
  // Without the parser the import still lands its datasets and edges; the edges say why columns are missing.
  const parsed = await sqlLineage(
    node.compiledSql,
    inputs.map((r) => ({ relation: r, columns: l.columns.get(r) ?? null })),
  ).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
  if (!parsed.ok) return { unresolved: { "*": `the SQL could not be parsed for column lineage: ${parsed.error}` } };
  const ref = (relation: string) => {
    const d = l.datasets.get(relation);
    return d ? { namespace: d.namespace, name: d.name } : null;
  };
  const fields: Record<string, TColumnLineageField> = {};
  for (const column of parsed.columns) {
    const inputFields = column.sources.flatMap((s) => {
      const d = ref(s.relation);
      return d ? [{ ...d, field: s.column, transformations: [{ type: "DIRECT", subtype: s.transformation }] }] : [];
    });
    if (inputFields.length) fields[column.name] = { inputFields };
  }
  const named = new Set([...parsed.columns.flatMap((c) => c.sources.map((s) => s.relation)), ...parsed.indirect.map((s) => s.relation)]);
  const dataset = [
    ...parsed.indirect.flatMap((s) => {
      const d = ref(s.relation);
      return d ? [{ ...d, field: s.column, transformations: [{ type: "INDIRECT", subtype: "FILTER" }] }] : [];
    }),
    // Every declared input has its edge, whether or not the parser saw it name a column.
    ...inputs.filter((r) => !named.has(r) && ref(r)).map((r) => ({ ...ref(r)!, field: "", transformations: [{ type: "INDIRECT", subtype: "FILTER" }] })),
  ];
  const unresolved = Object.fromEntries(parsed.columns.filter((c) => c.unresolved).map((c) => [c.name, c.unresolved!]));
  return { fields, dataset, unresolved };
}

/** The COMPLETE event of each model, seed and snapshot: its declared inputs, its dataset (all it knows) and column lineage. */
export async function dbtNodeEvents(l: TDbtLineageInput): Promise<TRunEvent[]> {
  const byId = new Map(l.nodes.map((n) => [n.uniqueId, n]));
  const events: TRunEvent[] = [];
  for (const node of l.nodes) {
    if (node.kind === "dbt_source") continue;
    const own = l.datasets.get(node.relation)!;
    const inputs = [...new Set(node.upstream.flatMap((id) => (byId.get(id) ? [byId.get(id)!.relation] : [])))].filter((r) => r !== node.relation);
    const lineage = inputs.length ? await columnLineage(l, node, inputs) : { unresolved: {} };
    const weir = own.facets!.weir!;
    const output: TDataset = {
      ...own,
      facets: {
        ...own.facets,
        ...(lineage.fields ? { columnLineage: facet(FACET_SCHEMAS.columnLineage, { fields: lineage.fields, dataset: lineage.dataset }) } : {}),
        weir: { ...weir, ...(Object.keys(lineage.unresolved).length ? { unresolvedColumns: lineage.unresolved } : {}) },
      },
    };
    events.push(
      event(
        l,
        node,
        "build",
        inputs.map((r) => bare(l.datasets.get(r)!)),
        [output],
        node.compiledSql,
      ),
    );
  }
  return events;
}

/** For each model, seed or snapshot no longer in the project: a COMPLETE run that saw nothing, so the edges its job saw are stale. */
export function dbtRemovalEvents(
  l: Pick<TDbtLineageInput, "project" | "invocation" | "destinationId" | "at">,
  removed: readonly { uniqueId: string; kind: string }[],
): TRunEvent[] {
  return removed
    .filter((n) => n.kind !== "source")
    .map((n) =>
      event(
        { ...l, nodes: [], datasets: new Map(), columns: new Map() },
        { uniqueId: n.uniqueId, kind: `dbt_${n.kind}` as TDbtCatalogNode["kind"] },
        "removed",
        [],
        [],
        null,
      ),
    );
}
