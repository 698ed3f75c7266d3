/**
 * Lands an imported dbt project in the catalog through the catalog's own
 * writers: sources as catalog entries (storeCatalogEntries), models, seeds
 * and snapshots as the outputs of their jobs' COMPLETE runs (recordRunEvent,
 * trusted, origin "dbt"), so datasets, column docs, dataset and column
 * edges are stored as any event's are. Datasets of nodes gone from the
 * project are marked removed unless something else (Weir, another node)
 * still states them.
 */
import { db } from "@/db/client";
import type { TDbtImport } from "@/engine/dbt/dbt-artifacts";
import { type TDbtCatalogNode, type TKnownColumns, catalogNodes, dbtDatasetName, dbtDatasets } from "@/engine/dbt/dbt-datasets";
import { dbtNodeEvents, dbtRemovalEvents } from "@/engine/dbt/dbt-lineage";
import type { TDbtReach } from "@/engine/dbt/dbt-warehouse";
import type { TEndpoint } from "@/engine/lineage/dataset-naming";
import { datasetKey } from "@/engine/lineage/event-plan";
import { recordRunEvent, storeCatalogEntries } from "@/engine/lineage/record-event";
import { refreshSearchText } from "@/engine/lineage/search-text";

/** Events recorded at once: 500 models took 10.6 s one at a time, 8.7–8.9 s four at once (docs/performance.md). */
const EVENTS_AT_ONCE = 4;

export type TDbtCatalogResult = { datasets: number; edges: number; columnEdges: number; removedDatasets: number };

/** Columns the catalog holds already for these datasets: where Weir does not reach a relation, they stay listed. */
async function catalogColumns(names: readonly { relation: string; namespace: string; name: string }[]): Promise<Map<string, { name: string; type: string }[]>> {
  const rows = await db().dataset.findMany({
    where: { OR: names.map((n) => ({ namespace: n.namespace, name: n.name })) },
    select: { namespace: true, name: true, columns: { orderBy: { position: "asc" }, select: { name: true, type: true } } },
  });
  const relationOf = new Map(names.map((n) => [datasetKey(n), n.relation]));
  return new Map(rows.filter((r) => r.columns.length).map((r) => [relationOf.get(datasetKey(r))!, r.columns]));
}

/** Marks the datasets only removed nodes named, and created (a dbt kind), as removed; their facts hash is dropped so a later statement of them applies. */
async function markRemoved(
  destination: TEndpoint,
  removed: readonly Pick<TDbtCatalogNode, "schema" | "table" | "relation">[],
  live: ReadonlySet<string>,
): Promise<number> {
  const gone = removed.filter((n) => !live.has(n.relation)).map((n) => dbtDatasetName(destination, n));
  if (!gone.length) return 0;
  return db().$executeRaw`
    UPDATE "Dataset" d SET "removedAt" = now(), "factsHash" = NULL, "updatedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(gone)}::jsonb) AS r(namespace text, name text)
    WHERE d.namespace = r.namespace AND d.name = r.name AND starts_with(d.kind, 'dbt_') AND d."removedAt" IS NULL`;
}

export type TDbtCatalogInput = {
  artifacts: TDbtImport;
  destination: TEndpoint & { id: string };
  reach: TDbtReach;
  /** Nodes of earlier imports of the project the manifest no longer has. */
  removed: readonly (Pick<TDbtCatalogNode, "schema" | "table" | "relation" | "uniqueId"> & { kind: string })[];
};

export async function recordDbtCatalog({ artifacts, destination, reach, removed }: TDbtCatalogInput): Promise<TDbtCatalogResult> {
  const nodes = catalogNodes(artifacts);
  const names = [...new Map(nodes.map((n) => [n.relation, { relation: n.relation, ...dbtDatasetName(destination, n) }])).values()];
  const known: TKnownColumns = new Map([
    ...(names.length ? await catalogColumns(names) : new Map()),
    ...[...reach.described].map(([r, d]) => [r, d.columns] as const),
  ]);
  const datasets = dbtDatasets(nodes, destination, known);
  const columns = new Map(
    [...datasets.keys()].map((r) => [r, (known.get(r) ?? nodes.filter((n) => n.relation === r).flatMap((n) => n.columns)).map((c) => c.name.toLowerCase())]),
  );
  const invocation = artifacts.manifestInvocation;
  const lineage = { project: artifacts.project, invocation, destinationId: destination.id, at: artifacts.manifestAt, nodes, datasets, columns };

  // Relations only sources name: no job writes them, so they are stored as entries.
  const built = new Set(nodes.filter((n) => n.kind !== "dbt_source").map((n) => n.relation));
  const entries = [...datasets].filter(([r]) => !built.has(r)).map(([, d]) => d);
  if (entries.length) await db().$transaction(async (tx) => refreshSearchText(tx, await storeCatalogEntries(tx, entries, { trusted: true })));

  const events = [...(await dbtNodeEvents(lineage)), ...dbtRemovalEvents(lineage, removed)];
  // The same manifest imported again: its runs are recorded already.
  const done = new Set(
    (await db().lineageRun.findMany({ where: { id: { in: events.map((e) => e.run.runId) }, state: "COMPLETE" }, select: { id: true } })).map((r) => r.id),
  );
  const totals = { edges: 0, columnEdges: 0 };
  // Each event is its own short transaction; a few at once keep the database busy (two meeting on a new dataset retry, record-event.ts).
  const queue = events.filter((x) => !done.has(x.run.runId));
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      const r = await recordRunEvent(e, { receivedFrom: "weir", trusted: true, origin: "dbt" });
      totals.edges += r.edges;
      totals.columnEdges += r.columnEdges;
    }
  };
  await Promise.all(Array.from({ length: EVENTS_AT_ONCE }, worker));
  const removedDatasets = await markRemoved(destination, removed, new Set(datasets.keys()));
  return { datasets: datasets.size, ...totals, removedDatasets };
}
