/**
 * The parts of an OpenLineage RunEvent (spec 2-0-2) that Weir reads and
 * writes. Incoming events are checked against the official JSON Schemas
 * first (openlineage/validate-run-event.ts); these types describe what is
 * left after that check.
 */

export const OPENLINEAGE_SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
export const WEIR_PRODUCER = "https://github.com/weir-data/weir";

export type TEventType = "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";

export type TFacet = { _producer: string; _schemaURL: string; [key: string]: unknown };

export type TSchemaField = { name: string; type?: string; description?: string; fields?: TSchemaField[] };

export type TColumnLineageField = {
  inputFields: {
    namespace: string;
    name: string;
    field: string;
    transformations?: { type: string; subtype?: string; description?: string; masking?: boolean }[];
  }[];
  transformationDescription?: string;
  transformationType?: string;
};

export type TDatasetFacets = {
  schema?: TFacet & { fields?: TSchemaField[] };
  columnLineage?: TFacet & { fields: Record<string, TColumnLineageField>; dataset?: TColumnLineageField["inputFields"] };
  documentation?: TFacet & { description: string };
  ownership?: TFacet & { owners?: { name: string; type?: string }[] };
  /** Weir's own facet on the datasets it emits: what the catalog shows beyond OpenLineage. */
  weir?: TFacet & TWeirDatasetFacet;
  [key: string]: unknown;
};

export type TWeirDatasetFacet = {
  /** dbt_* kinds come from a dbt import (engine/dbt/dbt-datasets.ts); they never take over a dataset of Weir's own kinds. */
  kind: "source_stream" | "table" | "model" | "dbt_model" | "dbt_seed" | "dbt_snapshot" | "dbt_source";
  /** When the namespace's scheme does not tell it (a files or HTTP source is named after its Weir endpoint). */
  platform?: string;
  layer?: "bronze" | "silver" | "gold" | null;
  sourceId?: string | null;
  destinationId?: string | null;
  connectionId?: string | null;
  stream?: string | null;
  modelId?: string | null;
  /** Rows the table holds after the run, when known (outputStatistics counts only the rows written). */
  rowCount?: number;
  /** Output columns whose sources could not be resolved from the SQL, with why. */
  unresolvedColumns?: Record<string, string>;
};

export type TDataset = {
  namespace: string;
  name: string;
  facets?: TDatasetFacets;
  inputFacets?: Record<string, unknown>;
  outputFacets?: { outputStatistics?: TFacet & { rowCount?: number; size?: number }; [key: string]: unknown };
};

export type TRunEvent = {
  eventType?: TEventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets?: Record<string, unknown> };
  job: { namespace: string; name: string; facets?: Record<string, unknown> };
  inputs?: TDataset[];
  outputs?: TDataset[];
};

/** A facet Weir writes: its producer and the URL of its schema. */
export function facet<T extends object>(schema: string, body: T): TFacet & T {
  return { _producer: WEIR_PRODUCER, _schemaURL: schema, ...body };
}

export const FACET_SCHEMAS = {
  schema: "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
  columnLineage: "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
  documentation: "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
  ownership: "https://openlineage.io/spec/facets/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet",
  outputStatistics: "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
  sql: "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
  jobType: "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
  errorMessage: "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
  weir: "https://github.com/weir-data/weir/blob/main/docs/lineage.md#weir-dataset-facet",
} as const;
