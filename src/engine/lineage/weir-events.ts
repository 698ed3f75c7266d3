/**
 * What Weir's own OpenLineage events share, whether a sync or a model build
 * sends them: the event envelope (job in namespace `weir`, its jobType,
 * an errorMessage run facet on failure, the SQL when there is one), a
 * source stream as a dataset, recording that never fails the work, and the
 * row count of a table after it was written.
 */
import type { TColumn } from "@/connectors/types";
import { type TEndpoint, WEIR_JOB_NAMESPACE, sourceStreamName } from "@/engine/lineage/dataset-naming";
import { FACET_SCHEMAS, OPENLINEAGE_SCHEMA_URL, type TDataset, type TEventType, type TRunEvent, WEIR_PRODUCER, facet } from "@/engine/lineage/event-types";
import { recordRunEvent } from "@/engine/lineage/record-event";
import { typeName } from "@/engine/sync/schema-diff";
import type { TWarehouse } from "@/connectors/warehouse-types";
import type { Logger } from "@/lib/logger";

export type TWeirEvent = {
  eventType: TEventType;
  runId: string;
  job: string;
  /** OpenLineage jobType: SYNC, MODEL. */
  jobType: string;
  inputs: TDataset[];
  outputs: TDataset[];
  error?: string;
  sql?: string;
};

export function weirRunEvent(e: TWeirEvent): TRunEvent {
  return {
    eventType: e.eventType,
    eventTime: new Date().toISOString(),
    producer: WEIR_PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: {
      runId: e.runId,
      ...(e.error ? { facets: { errorMessage: facet(FACET_SCHEMAS.errorMessage, { message: e.error, programmingLanguage: "SQL" }) } } : {}),
    },
    job: {
      namespace: WEIR_JOB_NAMESPACE,
      name: e.job,
      facets: {
        jobType: facet(FACET_SCHEMAS.jobType, { processingType: "BATCH", integration: "WEIR", jobType: e.jobType }),
        ...(e.sql ? { sql: facet(FACET_SCHEMAS.sql, { query: e.sql }) } : {}),
      },
    },
    inputs: e.inputs,
    outputs: e.outputs,
  };
}

/** Records one of Weir's own events; a failure to record is logged, never thrown, so lineage never fails the work. */
export async function recordWeirEvent(event: TRunEvent, origin: "sync" | "model", log: Logger): Promise<void> {
  try {
    await recordRunEvent(event, { receivedFrom: "weir", trusted: true, origin });
  } catch (e) {
    log.warn({ runId: event.run.runId, job: event.job.name, err: e instanceof Error ? e.message : String(e) }, "Lineage could not be recorded.");
  }
}

/** A source's stream as a dataset: its columns as the source types them, and what Weir knows of it (the estimated rows of a discover). */
export function sourceStreamDataset(source: TEndpoint & { id: string }, stream: string, columns: readonly TColumn[], estimatedRows?: number): TDataset {
  return {
    ...sourceStreamName(source, stream),
    facets: {
      schema: facet(FACET_SCHEMAS.schema, { fields: columns.map((c) => ({ name: c.name, type: c.sourceType ?? typeName(c.type) })) }),
      weir: facet(FACET_SCHEMAS.weir, {
        kind: "source_stream" as const,
        platform: source.connector,
        sourceId: source.id,
        ...(estimatedRows === undefined ? {} : { rowCount: estimatedRows }),
      }),
    },
  };
}

/** Rows `schema.table` holds now; null when the warehouse cannot say. */
export async function rowsHeld(warehouse: TWarehouse, schema: string, table: string): Promise<number | null> {
  try {
    const [row] = await warehouse.query(`SELECT count(*) AS n FROM ${warehouse.relation(schema, table)}`);
    return row ? Number(row.n) : null;
  } catch {
    return null;
  }
}
