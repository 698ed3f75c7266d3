/**
 * The OpenLineage events of a connection sync: job weir.sync.<connection>,
 * run id = the sync Run's id. Inputs are the source streams (with their
 * schema), outputs the destination tables (their columns plus Weir's own,
 * each source column mapped one to one, rows written, the table's row
 * count). The catalog entries of both update from these events.
 * Recording never fails a sync: a problem is logged and the sync goes on.
 */
import type { TColumn } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { type TEndpoint, sourceStreamName, syncJobName, warehouseRelationName } from "@/engine/lineage/dataset-naming";
import { FACET_SCHEMAS, type TDataset, type TEventType, type TRunEvent, facet } from "@/engine/lineage/event-types";
import { recordWeirEvent, rowsHeld, sourceStreamDataset, weirRunEvent } from "@/engine/lineage/weir-events";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import { typeName } from "@/engine/sync/schema-diff";
import type { Logger } from "@/lib/logger";

export type TSyncedStream = {
  stream: string;
  columns: readonly TColumn[];
  /** Destination schema and table. */
  namespace: string;
  table: string;
  /** Rows written by this run, and rows the table holds after it when known. */
  rows?: number;
  tableRows?: number | null;
};

export type TSyncLineage = {
  runId: string;
  connection: { id: string; name: string };
  source: TEndpoint & { id: string };
  destination: TEndpoint & { id: string };
  log: Logger;
};

const WEIR_TYPES = [
  { name: WEIR_COLUMNS.runId, type: "text" },
  { name: WEIR_COLUMNS.extractedAt, type: "timestamptz" },
  { name: WEIR_COLUMNS.stream, type: "text" },
];

function outputOf(s: TSyncLineage, stream: TSyncedStream, complete: boolean): TDataset {
  const input = sourceStreamName(s.source, stream.stream);
  const id = warehouseRelationName(s.destination, stream.namespace, stream.table);
  return {
    ...id,
    facets: {
      schema: facet(FACET_SCHEMAS.schema, { fields: [...stream.columns.map((c) => ({ name: c.name, type: typeName(c.type) })), ...WEIR_TYPES] }),
      columnLineage: facet(FACET_SCHEMAS.columnLineage, {
        fields: Object.fromEntries(
          stream.columns.map((c) => [c.name, { inputFields: [{ ...input, field: c.name, transformations: [{ type: "DIRECT", subtype: "IDENTITY" }] }] }]),
        ),
      }),
      weir: facet(FACET_SCHEMAS.weir, {
        kind: "table" as const,
        layer: "bronze" as const,
        destinationId: s.destination.id,
        connectionId: s.connection.id,
        stream: stream.stream,
        ...(complete && typeof stream.tableRows === "number" ? { rowCount: stream.tableRows } : {}),
      }),
    },
    ...(complete && stream.rows !== undefined ? { outputFacets: { outputStatistics: facet(FACET_SCHEMAS.outputStatistics, { rowCount: stream.rows }) } } : {}),
  };
}

export function syncRunEvent(s: TSyncLineage, eventType: TEventType, streams: readonly TSyncedStream[], error?: string): TRunEvent {
  return weirRunEvent({
    eventType,
    runId: s.runId,
    job: syncJobName(s.connection.name),
    jobType: "SYNC",
    inputs: streams.map((st) => sourceStreamDataset(s.source, st.stream, st.columns)),
    outputs: streams.map((st) => outputOf(s, st, eventType === "COMPLETE")),
    error,
  });
}

/** Records a sync's event; a failure to record is logged, never thrown. */
export async function emitSyncEvent(s: TSyncLineage, eventType: TEventType, streams: readonly TSyncedStream[], error?: string): Promise<void> {
  await recordWeirEvent(syncRunEvent(s, eventType, streams, error), "sync", s.log);
}

/** After a successful sync: counts the rows each table now holds (when the destination is a warehouse Weir can query), then records COMPLETE. */
export async function completeSyncLineage(s: TSyncLineage, streams: readonly TSyncedStream[]): Promise<void> {
  let counted = [...streams];
  try {
    const warehouse = await openWarehouse(s.destination, { log: s.log, attribution: { kind: "lineage", run: s.runId, connection: s.connection.id } });
    try {
      counted = await Promise.all(streams.map(async (st) => ({ ...st, tableRows: await rowsHeld(warehouse, st.namespace, st.table) })));
    } finally {
      await warehouse.close();
    }
  } catch (e) {
    s.log.warn({ runId: s.runId, err: e instanceof Error ? e.message : String(e) }, "Row counts for the catalog could not be read.");
  }
  await emitSyncEvent(s, "COMPLETE", counted);
}
