/**
 * The OpenLineage events of a model build: job weir.model.<model>, run id =
 * the ModelRun's id. START names the relations the model declares (ref,
 * source); COMPLETE adds what its compiled SQL really reads, its columns as
 * the warehouse built them, and column-level lineage derived from the SQL
 * by DuckDB's parser (column-lineage.ts), with the output columns that could
 * not be resolved named on the edge. Recording never fails a build.
 */
import { sqlLineage, type TSqlLineage } from "@/engine/lineage/column-lineage";
import { type TEndpoint, modelJobName, warehouseRelationName } from "@/engine/lineage/dataset-naming";
import { describeRelations, splitRelation as split } from "@/engine/lineage/describe-relations";
import {
  FACET_SCHEMAS,
  type TColumnLineageField,
  type TDataset,
  type TDatasetFacets,
  type TEventType,
  type TRunEvent,
  facet,
} from "@/engine/lineage/event-types";
import { recordWeirEvent, rowsHeld, weirRunEvent } from "@/engine/lineage/weir-events";
import type { TWarehouse } from "@/connectors/warehouse-types";
import type { Logger } from "@/lib/logger";

export type TModelLineage = {
  modelRunId: string;
  model: {
    id: string;
    name: string;
    layer: "bronze" | "silver" | "gold";
    schema: string;
    description: string;
    owner: string | null;
    columnDescriptions: unknown;
    materialization: string;
  };
  destination: TEndpoint & { id: string };
  /** Relations ("schema.table") the model declares through ref() and source(). */
  declaredInputs: readonly string[];
  log: Logger;
};

function dataset(l: TModelLineage, relation: string): { namespace: string; name: string } {
  const { schema, table } = split(relation);
  return warehouseRelationName(l.destination, schema, table);
}

function event(l: TModelLineage, eventType: TEventType, inputs: TDataset[], outputs: TDataset[], extra: { sql?: string; error?: string } = {}): TRunEvent {
  return weirRunEvent({ eventType, runId: l.modelRunId, job: modelJobName(l.model.name), jobType: "MODEL", inputs, outputs, ...extra });
}

type TOutputExtra = { facets?: TDatasetFacets; rowCount?: number | null; unresolved?: Record<string, string> };

function outputDataset(l: TModelLineage, { facets = {}, rowCount, unresolved }: TOutputExtra = {}): TDataset {
  return {
    ...dataset(l, `${l.model.schema}.${l.model.name}`),
    facets: {
      documentation: facet(FACET_SCHEMAS.documentation, { description: l.model.description }),
      ...(l.model.owner ? { ownership: facet(FACET_SCHEMAS.ownership, { owners: [{ name: l.model.owner }] }) } : {}),
      ...facets,
      weir: facet(FACET_SCHEMAS.weir, {
        kind: "model" as const,
        layer: l.model.layer,
        destinationId: l.destination.id,
        modelId: l.model.id,
        ...(typeof rowCount === "number" ? { rowCount } : {}),
        ...(unresolved ? { unresolvedColumns: unresolved } : {}),
      }),
    },
  };
}

const record = (l: TModelLineage, e: TRunEvent) => recordWeirEvent(e, "model", l.log);

export async function modelStarted(l: TModelLineage): Promise<void> {
  await record(
    l,
    event(
      l,
      "START",
      l.declaredInputs.map((r) => dataset(l, r)),
      [outputDataset(l)],
    ),
  );
}

export async function modelFailed(l: TModelLineage, error: string): Promise<void> {
  await record(
    l,
    event(
      l,
      "FAIL",
      l.declaredInputs.map((r) => dataset(l, r)),
      [outputDataset(l)],
      { error },
    ),
  );
}

/** The column lineage facet of the output, from the parsed SQL: each output column's input columns, keyed by dataset. */
/**
 * The dataset-level part of the facet: columns used to filter, join, group
 * or order (INDIRECT), and every input the columns do not name, so each
 * input the model reads has its edge.
 */
function indirectFields(l: TModelLineage, parsed: Extract<TSqlLineage, { ok: true }>, inputs: readonly string[]): TColumnLineageField["inputFields"] {
  const named = new Set([...parsed.columns.flatMap((c) => c.sources.map((s) => s.relation)), ...parsed.indirect.map((s) => s.relation)]);
  return [
    ...parsed.indirect.map((s) => ({ ...dataset(l, s.relation), field: s.column, transformations: [{ type: "INDIRECT", subtype: "FILTER" }] })),
    ...inputs.filter((r) => !named.has(r)).map((r) => ({ ...dataset(l, r), field: "", transformations: [{ type: "INDIRECT", subtype: "FILTER" }] })),
  ];
}

function columnLineageFields(l: TModelLineage, parsed: Extract<TSqlLineage, { ok: true }>): Record<string, TColumnLineageField> {
  const fields: Record<string, TColumnLineageField> = {};
  for (const column of parsed.columns) {
    if (!column.sources.length) continue;
    fields[column.name] = {
      inputFields: column.sources.map((s) => ({
        ...dataset(l, s.relation),
        field: s.column,
        transformations: [{ type: "DIRECT", subtype: s.transformation }],
      })),
    };
  }
  return fields;
}

/** After a successful build: the model's real inputs, its columns and column lineage, and the rows it holds. */
export async function modelCompleted(l: TModelLineage, warehouse: TWarehouse, compiledSql: string, rows: number | null): Promise<void> {
  try {
    const self = `${l.model.schema}.${l.model.name}`.toLowerCase();
    const declared = await describeRelations(warehouse, [...l.declaredInputs.map((r) => r.toLowerCase()), self]);
    const parsed = await sqlLineage(
      compiledSql,
      [...declared.values()].filter((r) => r.relation !== self).map((r) => ({ relation: r.relation, columns: r.columns.map((c) => c.name) })),
    );
    const inputRelations = [...new Set([...l.declaredInputs.map((r) => r.toLowerCase()), ...(parsed.ok ? parsed.inputs : [])])].filter((r) => r !== self);
    const described = await describeRelations(
      warehouse,
      inputRelations.filter((r) => !declared.has(r)),
    );
    const columnsOf = (r: string) => declared.get(r)?.columns ?? described.get(r)?.columns;
    const inputs: TDataset[] = inputRelations.map((r) => {
      const cols = columnsOf(r);
      return { ...dataset(l, r), ...(cols ? { facets: { schema: facet(FACET_SCHEMAS.schema, { fields: cols }) } } : {}) };
    });
    const outColumns = declared.get(self)?.columns ?? [];
    const descriptions = (l.model.columnDescriptions ?? {}) as Record<string, string>;
    const unresolved: Record<string, string> = parsed.ok
      ? Object.fromEntries(parsed.columns.filter((c) => c.unresolved).map((c) => [c.name, c.unresolved!]))
      : { "*": `the SQL could not be parsed for column lineage: ${parsed.error}` };
    // A table build counted its rows already; an incremental one counted only the rows it wrote.
    const tableRows =
      l.model.materialization === "view"
        ? null
        : l.model.materialization === "table"
          ? rows
          : ((await rowsHeld(warehouse, l.model.schema, l.model.name)) ?? rows);
    const output = outputDataset(l, {
      facets: {
        schema: facet(FACET_SCHEMAS.schema, {
          fields: outColumns.map((c) => ({ ...c, ...(descriptions[c.name] ? { description: descriptions[c.name] } : {}) })),
        }),
        ...(parsed.ok
          ? {
              columnLineage: facet(FACET_SCHEMAS.columnLineage, { fields: columnLineageFields(l, parsed), dataset: indirectFields(l, parsed, inputRelations) }),
            }
          : {}),
      },
      rowCount: tableRows,
      unresolved,
    });
    await record(l, event(l, "COMPLETE", inputs, [output], { sql: compiledSql }));
  } catch (e) {
    l.log.warn({ model: l.model.name, err: e instanceof Error ? e.message : String(e) }, "Lineage of the model could not be derived.");
  }
}
