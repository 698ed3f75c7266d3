import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";

import type { TRunEvent as TRecordedRunEvent } from "@/engine/lineage/event-types";
import { type TRunEvent, validateRunEvent } from "@/engine/lineage/openlineage/validate-run-event";

const FIXTURES = path.join(__dirname, "fixtures");
type TFixture = "airflow-task-start" | "airflow-task-complete" | "spark-job-complete" | "dbt-run-complete" | "dbt-run-fail";
/** Loose on purpose: the tests break events in ways no type allows. */
type TBody = Record<string, any>;

/** A fresh copy of a fixture event, changed by `edit` when given. */
function buildEvent(name: TFixture, edit?: (e: TBody) => void): TBody {
  const event = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as TBody;
  edit?.(event);
  return event;
}

function errorsOf(body: unknown): string[] {
  const result = validateRunEvent(body);
  if (result.ok) throw new Error("expected the event to be rejected");
  return result.errors;
}

describe("validateRunEvent", () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith(".json")))("accepts the producer event %s", (file) => {
    const body: unknown = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8"));
    expect(validateRunEvent(body)).toEqual({ ok: true, event: body });
  });

  it("returns the event typed for Weir, with schema and column lineage facets precise", () => {
    const result = validateRunEvent(buildEvent("spark-job-complete"));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const output = result.event.outputs?.[0];
    expect(output?.facets?.schema?.fields?.map((f) => f.name)).toEqual(["order_date", "restaurant_id", "orders_placed", "revenue"]);
    expect(output?.facets?.columnLineage?.fields.revenue?.inputFields[0]?.transformations?.[0]?.subtype).toBe("AGGREGATION");
    expect(output?.facets?.columnLineage?.dataset?.map((d) => d.field)).toEqual(["status", "restaurant_id", "placed_at"]);
    expect(output?.outputFacets?.outputStatistics?.rowCount).toBe(4127);
  });

  it("gives events that the recording code (event-types.ts) can take", () => {
    expectTypeOf<TRunEvent>().toExtend<TRecordedRunEvent>();
  });

  it("rejects a missing eventTime", () => {
    expect(errorsOf(buildEvent("airflow-task-start", (e) => delete e.eventTime))).toEqual(["eventTime: is required"]);
  });

  it("rejects an eventTime without a time zone", () => {
    const errors = errorsOf(buildEvent("airflow-task-start", (e) => (e.eventTime = "2024-06-03T08:00:04")));
    expect(errors).toEqual(['eventTime: must be a date and time with a time zone, like 2024-06-03T08:00:00Z (got "2024-06-03T08:00:04")']);
  });

  it("rejects a runId that is not a UUID", () => {
    expect(errorsOf(buildEvent("dbt-run-complete", (e) => (e.run.runId = "run-42")))).toEqual(['run.runId: must be a UUID (got "run-42")']);
  });

  it("rejects an unknown eventType, listing the allowed ones", () => {
    expect(errorsOf(buildEvent("airflow-task-complete", (e) => (e.eventType = "DONE")))).toEqual([
      'eventType: must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER (got "DONE")',
    ]);
  });

  it("rejects a job name that is a number", () => {
    expect(errorsOf(buildEvent("spark-job-complete", (e) => (e.job.name = 42)))).toEqual(["job.name: must be a string (got 42)"]);
  });

  it("rejects a missing job namespace", () => {
    expect(errorsOf(buildEvent("spark-job-complete", (e) => delete e.job.namespace))).toEqual(["job.namespace: is required"]);
  });

  it("rejects outputs that are not an array", () => {
    const errors = errorsOf(buildEvent("airflow-task-complete", (e) => (e.outputs = { name: "food_delivery.public.orders_daily" })));
    expect(errors).toEqual(["outputs: must be an array (got an object)"]);
  });

  it("rejects a schema facet field without a name, at its path", () => {
    const errors = errorsOf(buildEvent("airflow-task-complete", (e) => delete e.outputs[0].facets.schema.fields[2].name));
    expect(errors).toEqual(["outputs[0].facets.schema.fields[2].name: is required"]);
  });

  it("rejects a nested schema field (struct column) without a name", () => {
    const errors = errorsOf(buildEvent("spark-job-complete", (e) => delete e.inputs[0].facets.schema.fields[6].fields[1].name));
    expect(errors).toEqual(["inputs[0].facets.schema.fields[6].fields[1].name: is required"]);
  });

  it("rejects a column lineage input without its field", () => {
    const errors = errorsOf(buildEvent("dbt-run-complete", (e) => delete e.outputs[0].facets.columnLineage.fields.credit_card_amount.inputFields[1].field));
    expect(errors).toEqual(["outputs[0].facets.columnLineage.fields.credit_card_amount.inputFields[1].field: is required"]);
  });

  it("checks the dataset-wide column lineage entries and transformation types", () => {
    const errors = errorsOf(
      buildEvent("spark-job-complete", (e) => {
        delete e.outputs[0].facets.columnLineage.dataset[1].namespace;
        e.outputs[0].facets.columnLineage.fields.revenue.inputFields[0].transformations[0].type = "AGGREGATE";
      }),
    );
    expect(errors).toEqual([
      "outputs[0].facets.columnLineage.dataset[1].namespace: is required",
      'outputs[0].facets.columnLineage.fields.revenue.inputFields[0].transformations[0].type: must be one of DIRECT, INDIRECT (got "AGGREGATE")',
    ]);
  });

  it("checks known facets by key in run, job, input and output facets", () => {
    const errors = errorsOf(
      buildEvent("spark-job-complete", (e) => {
        delete e.run.facets.parent.run.runId;
        e.job.facets.jobType.processingType = 1;
        e.inputs[0].inputFacets.dataQualityMetrics = {
          _producer: e.producer,
          _schemaURL: "https://openlineage.io/spec/facets/1-0-2/DataQualityMetricsInputDatasetFacet.json",
          rowCount: 10,
        };
        e.outputs[0].outputFacets.outputStatistics.rowCount = "4127";
        e.outputs[0].facets.lifecycleStateChange.lifecycleStateChange = "UPSERT";
      }),
    );
    expect(errors).toEqual([
      "run.facets.parent.run.runId: is required",
      "job.facets.jobType.processingType: must be a string (got 1)",
      "inputs[0].inputFacets.dataQualityMetrics.columnMetrics: is required",
      'outputs[0].facets.lifecycleStateChange.lifecycleStateChange: must be one of ALTER, CREATE, DROP, OVERWRITE, RENAME, TRUNCATE (got "UPSERT")',
      'outputs[0].outputFacets.outputStatistics.rowCount: must be an integer (got "4127")',
    ]);
  });

  it("accepts custom facets that carry _producer and _schemaURL", () => {
    const body = buildEvent("dbt-run-fail", (e) => {
      e.run.facets.acme_cost = { _producer: "https://acme.example/lineage", _schemaURL: "https://acme.example/schemas/CostRunFacet.json", dollars: 1.25 };
    });
    expect(validateRunEvent(body).ok).toBe(true);
  });

  it("rejects a custom facet without _producer", () => {
    const errors = errorsOf(
      buildEvent("dbt-run-fail", (e) => (e.run.facets.acme_cost = { _schemaURL: "https://acme.example/schemas/CostRunFacet.json", dollars: 1.25 })),
    );
    expect(errors).toEqual(["run.facets.acme_cost._producer: is required"]);
  });

  it("accepts a deleted dataset facet without the facet's own required fields", () => {
    const body = buildEvent("dbt-run-complete", (e) => {
      e.outputs[0].facets.documentation = {
        _producer: e.producer,
        _schemaURL: "https://openlineage.io/spec/facets/1-1-0/DocumentationDatasetFacet.json",
        _deleted: true,
      };
    });
    expect(validateRunEvent(body).ok).toBe(true);
  });

  it("rejects a DatasetEvent, saying only RunEvents are accepted", () => {
    const datasetEvent = {
      eventTime: "2025-01-14T06:30:12Z",
      producer: "https://github.com/OpenLineage/OpenLineage/tree/1.27.0/client/python",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
      dataset: { namespace: "postgres://warehouse.internal:5432", name: "analytics.public.orders" },
    };
    const errors = errorsOf(datasetEvent);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^body: is an OpenLineage DatasetEvent .*accepts only OpenLineage RunEvents/);
  });

  it("rejects a JobEvent, saying only RunEvents are accepted", () => {
    const jobEvent = buildEvent("dbt-run-complete", (e) => {
      delete e.run;
      delete e.eventType;
      e.schemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent";
    });
    expect(errorsOf(jobEvent)).toEqual([expect.stringMatching(/^body: is an OpenLineage JobEvent .*accepts only OpenLineage RunEvents/)]);
  });

  it("asks for the run of a RunEvent that lacks one", () => {
    expect(errorsOf(buildEvent("airflow-task-start", (e) => delete e.run))).toEqual(["run: is required"]);
  });

  it.each([null, [], "START", 42])("rejects a body that is not an object: %j", (body) => {
    expect(errorsOf(body)).toEqual([expect.stringMatching(/^body: must be a JSON object, an OpenLineage RunEvent \(got /)]);
  });

  it("stops at 20 errors", () => {
    const body = buildEvent("spark-job-complete", (e) => {
      e.outputs = Array.from({ length: 30 }, (_, i) => ({ namespace: "s3://acme-raw-events", name: i }));
    });
    const errors = errorsOf(body);
    expect(errors).toHaveLength(20);
    expect(errors[0]).toBe("outputs[0].name: must be a string (got 0)");
  });
});
