/**
 * The model form's state and how it maps to the model API: a draft from a
 * saved model or a blank one, the create/update input from a draft, and a
 * refused save placed beside the field it names (as the server names it)
 * and the template line it points at. Pure.
 */
import { formErrors, labelOfPath, type TServerError } from "@/components/forms/field-errors";
import type { RouterInputs, RouterOutputs } from "@/components/trpc/trpc-react";

export type TModel = RouterOutputs["model"]["get"];
export type TLayer = TModel["layer"];
export type TMaterialization = TModel["materialization"];

export const LAYERS: TLayer[] = ["bronze", "silver", "gold"];
export const MATERIALIZATIONS: TMaterialization[] = ["view", "table", "incremental"];

export type TModelDraft = {
  name: string;
  layer: TLayer;
  materialization: TMaterialization;
  /** Comma-separated, as typed. */
  uniqueKey: string;
  destinationId: string;
  /** Empty: the layer's name. */
  schema: string;
  description: string;
  owner: string;
  columns: Array<{ column: string; description: string }>;
  /** Cron in UTC; empty: built after the syncs it reads, or by hand. */
  schedule: string;
  sql: string;
};

export type TModelField =
  "name" | "layer" | "materialization" | "uniqueKey" | "destinationId" | "schema" | "description" | "owner" | "columns" | "schedule" | "sql";

export type TModelErrors = {
  fields: Partial<Record<TModelField, string>>;
  /** The template line a refusal points at (1-based), to mark in the editor. */
  sqlLine: number | null;
  general: string | null;
};

export function blankDraft(destinationId = ""): TModelDraft {
  return {
    name: "",
    layer: "silver",
    materialization: "table",
    uniqueKey: "",
    destinationId,
    schema: "",
    description: "",
    owner: "",
    columns: [],
    schedule: "",
    sql: "",
  };
}

export function draftFromModel(m: TModel): TModelDraft {
  return {
    name: m.name,
    layer: m.layer,
    materialization: m.materialization,
    uniqueKey: m.uniqueKey.join(", "),
    destinationId: m.destination.id,
    schema: m.schema === m.layer ? "" : m.schema,
    description: m.description,
    owner: m.owner ?? "",
    columns: Object.entries(m.columnDescriptions).map(([column, description]) => ({ column, description })),
    schedule: m.schedule ?? "",
    sql: m.sql,
  };
}

export function createInputFromDraft(d: TModelDraft): RouterInputs["model"]["create"] {
  return {
    name: d.name.trim(),
    layer: d.layer,
    materialization: d.materialization,
    uniqueKey: d.uniqueKey
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    destinationId: d.destinationId,
    // The schema defaults to the layer's name; sending it keeps a layer change from leaving the old schema behind.
    schema: d.schema.trim() || d.layer,
    description: d.description,
    owner: d.owner.trim() || null,
    columnDescriptions: Object.fromEntries(d.columns.filter((c) => c.column.trim()).map((c) => [c.column.trim(), c.description])),
    schedule: d.schedule.trim() || null,
    sql: d.sql,
  };
}

export function updateInputFromDraft(id: string, d: TModelDraft): RouterInputs["model"]["update"] {
  return { id, ...createInputFromDraft(d) };
}

/** `Model "x", line 3, column 7: …` (template errors) or `Model "x", line 4: …` (warehouse errors). */
export function errorLine(message: string | null | undefined): number | null {
  const m = message?.match(/^Model "[^"]*", line (\d+)/);
  return m ? Number(m[1]) : null;
}

const FIELDS: TModelField[] = ["name", "layer", "materialization", "uniqueKey", "destinationId", "schema", "description", "owner", "schedule", "sql"];

function fieldOf(path: string): TModelField | null {
  const head = path.split(".")[0] ?? "";
  if (head === "columnDescriptions") return "columns";
  return FIELDS.includes(head as TModelField) ? (head as TModelField) : null;
}

/** A refused save beside the field it names (field-errors.ts); a template or warehouse error also marks its line. */
export function modelErrors(error: TServerError | null | undefined): TModelErrors {
  const label = (path: string) =>
    path.startsWith("columnDescriptions.") ? `The description of ${path.slice("columnDescriptions.".length)}` : labelOfPath(path);
  const { fields, general } = formErrors(error, { fieldOf, label });
  return { fields, general, sqlLine: fields.sql ? errorLine(error?.message) : null };
}

/** Whether two drafts would save the same model. */
export function sameDraft(a: TModelDraft, b: TModelDraft): boolean {
  return JSON.stringify(createInputFromDraft(a)) === JSON.stringify(createInputFromDraft(b));
}
