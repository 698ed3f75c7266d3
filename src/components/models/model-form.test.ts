import { describe, expect, it } from "vitest";
import { blankDraft, createInputFromDraft, draftFromModel, errorLine, modelErrors, sameDraft, type TModel } from "@/components/models/model-form";
import { refusal } from "@/components/forms/refusal-fixture";

const model: TModel = {
  id: "m1",
  name: "orders",
  layer: "silver",
  materialization: "incremental",
  uniqueKey: ["id", "line"],
  sql: "select 1",
  refs: [],
  description: "Orders",
  owner: null,
  columnDescriptions: { id: "The key" },
  destination: { id: "d1", name: "Warehouse", connector: "duckdb" },
  schema: "silver",
  schedule: null,
  origin: "ui",
  updatedAt: new Date(0),
};

describe("model-form", () => {
  it("round-trips a saved model through a draft", () => {
    const draft = draftFromModel(model);
    expect(draft).toMatchObject({ uniqueKey: "id, line", schema: "", owner: "", schedule: "", columns: [{ column: "id", description: "The key" }] });
    expect(createInputFromDraft(draft)).toMatchObject({
      uniqueKey: ["id", "line"],
      schema: "silver",
      owner: null,
      schedule: null,
      columnDescriptions: { id: "The key" },
    });
    expect(sameDraft(draft, draftFromModel(model))).toBe(true);
    expect(sameDraft(draft, { ...draft, uniqueKey: "id" })).toBe(false);
  });

  it("defaults the schema to the layer and drops blank column rows", () => {
    const input = createInputFromDraft({ ...blankDraft("d1"), name: " gold_x ", layer: "gold", columns: [{ column: " ", description: "x" }] });
    expect(input).toMatchObject({ name: "gold_x", schema: "gold", columnDescriptions: {} });
  });

  it("places refusals beside the field they name", () => {
    expect(modelErrors({ message: 'name: a model named "x" already exists.', data: { field: "name" } })).toEqual({
      fields: { name: 'A model named "x" already exists.' },
      sqlLine: null,
      general: null,
    });
    const template = modelErrors({ message: `Model "x", line 3, column 9: ref('y'): there is no model "y"`, data: { field: "sql" } });
    expect(template.sqlLine).toBe(3);
    expect(template.fields.sql).toBe(`Model "x", line 3, column 9: ref('y'): there is no model "y".`);
    const zod = modelErrors(refusal("Invalid input", ["uniqueKey.0: uses letters", "columnDescriptions.a: has at most 2,000 characters", "other: odd"]));
    expect(zod).toEqual({
      fields: { uniqueKey: "Unique key uses letters.", columns: "The description of a has at most 2,000 characters." },
      sqlLine: null,
      general: "Odd.",
    });
    expect(modelErrors({ message: "Something went wrong on the server." }).general).toBe("Something went wrong on the server.");
  });

  it("reads the line of template and warehouse errors", () => {
    expect(errorLine('Model "orders_clean", line 4: Binder Error: Referenced column')).toBe(4);
    expect(errorLine("no line here")).toBeNull();
  });
});
