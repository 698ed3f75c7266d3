/**
 * planEvent, the pure step before an event is stored: one fact per dataset
 * (merged when a dataset is both input and output), columns flattened and
 * de-duplicated, Weir's own facet believed only when trusted, edges from
 * column lineage (or every input), facets kept and `_deleted` ones named,
 * and a producer's dataQualityAssertions read as assertions.
 */
import { describe, expect, it } from "vitest";

import { datasetKey, planEvent } from "@/engine/lineage/event-plan";
import type { TRunEvent } from "@/engine/lineage/event-types";

const F = { _producer: "https://example.com/p", _schemaURL: "https://example.com/s" };
const base = (over: Partial<TRunEvent>): TRunEvent => ({
  eventType: "COMPLETE",
  eventTime: "2026-12-07T10:00:00Z",
  producer: "https://example.com/p",
  schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  run: { runId: "0193d2a0-0000-7000-8000-000000000001" },
  job: { namespace: "j", name: "job" },
  ...over,
});

describe("planEvent", () => {
  it("merges a dataset named as input and output, later statements winning", () => {
    const plan = planEvent(
      base({
        inputs: [{ namespace: "pg://a", name: "s.t", facets: { documentation: { ...F, description: "first" }, schema: { ...F, fields: [{ name: "a" }] } } }],
        outputs: [
          {
            namespace: "pg://a",
            name: "s.t",
            facets: { documentation: { ...F, description: "second" } },
            outputFacets: { outputStatistics: { ...F, rowCount: 7, size: 70 } },
          },
        ],
      }),
      { trusted: false },
    );
    const fact = plan.datasets.get(datasetKey({ namespace: "pg://a", name: "s.t" }))!;
    expect(fact).toMatchObject({
      description: "second",
      roles: ["input", "output"],
      writtenAt: "2026-12-07T10:00:00Z",
      rowCount: "7",
      sizeBytes: "70",
      columns: [{ name: "a", position: 0 }],
    });
    expect(Object.keys(fact.facets).sort()).toEqual(["documentation", "outputStatistics", "schema"]);
  });

  it("flattens nested fields and keeps the first of a repeated name", () => {
    const plan = planEvent(
      base({
        inputs: [{ namespace: "n", name: "d", facets: { schema: { ...F, fields: [{ name: "a", fields: [{ name: "b", type: "int" }] }, { name: "a" }] } } }],
      }),
      { trusted: false },
    );
    expect([...plan.datasets.values()][0]!.columns).toEqual([
      { name: "a", type: "", description: "", position: 0 },
      { name: "a.b", type: "int", description: "", position: 1 },
    ]);
  });

  it("believes Weir's own facet only from a trusted event", () => {
    const event = base({
      outputs: [
        { namespace: "n", name: "d", facets: { weir: { ...F, kind: "table", layer: "bronze", destinationId: "00000000-0000-4000-8000-000000000001" } } },
      ],
    });
    expect([...planEvent(event, { trusted: false }).datasets.values()][0]).toMatchObject({ kind: null, setLayer: false, ownerDestinationId: null });
    expect([...planEvent(event, { trusted: true }).datasets.values()][0]).toMatchObject({
      kind: "table",
      setLayer: true,
      layer: "bronze",
      ownerDestinationId: "00000000-0000-4000-8000-000000000001",
    });
  });

  it("draws edges from column lineage, adding the datasets it names, and from every input without it", () => {
    const lineage = {
      ...F,
      fields: { x: { inputFields: [{ namespace: "n", name: "elsewhere", field: "y", transformations: [{ type: "DIRECT", subtype: "AGGREGATION" }] }] } },
    };
    const plan = planEvent(
      base({
        inputs: [
          { namespace: "n", name: "in1" },
          { namespace: "n", name: "in2" },
        ],
        outputs: [
          { namespace: "n", name: "out", facets: { columnLineage: lineage } },
          { namespace: "n", name: "out2" },
        ],
      }),
      { trusted: false },
    );
    const names = (k: string) => k.split("\u0000")[1];
    expect(plan.edges.map((e) => `${names(e.inputKey)}>${names(e.outputKey)}`)).toEqual(["elsewhere>out", "in1>out2", "in2>out2"]);
    expect(plan.columnEdges).toEqual([expect.objectContaining({ inputColumn: "y", outputColumn: "x", transformation: "DIRECT/AGGREGATION" })]);
    expect(plan.datasets.get(datasetKey({ namespace: "n", name: "elsewhere" }))!.roles).toEqual([]);
    expect(
      planEvent(base({ eventType: "START", inputs: [{ namespace: "n", name: "in1" }], outputs: [{ namespace: "n", name: "out" }] }), { trusted: false }).edges,
    ).toEqual([]);
  });

  it("names the facets an event deletes", () => {
    const plan = planEvent(base({ inputs: [{ namespace: "n", name: "d", facets: { documentation: { ...F, _deleted: true, description: "" } } }] }), {
      trusted: false,
    });
    expect([...plan.datasets.values()][0]).toMatchObject({ facets: {}, deletedFacets: ["documentation"] });
  });

  it("reads a producer's dataQualityAssertions", () => {
    const plan = planEvent(
      base({
        inputs: [
          {
            namespace: "n",
            name: "d",
            inputFacets: {
              dataQualityAssertions: {
                ...F,
                assertions: [
                  { assertion: "not_null", column: "id", success: false, severity: "WARN" },
                  { assertion: "row_count", success: true },
                ],
              },
            },
          },
        ],
      }),
      { trusted: false },
    );
    expect(plan.assertions).toEqual([
      {
        datasetKey: datasetKey({ namespace: "n", name: "d" }),
        assertion: "not_null",
        column: "id",
        success: false,
        severity: "warn",
        name: null,
        description: null,
        expected: null,
        actual: null,
      },
      {
        datasetKey: datasetKey({ namespace: "n", name: "d" }),
        assertion: "row_count",
        column: null,
        success: true,
        severity: "error",
        name: null,
        description: null,
        expected: null,
        actual: null,
      },
    ]);
  });
});
