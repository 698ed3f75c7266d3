/**
 * Checks a body sent to `POST /api/v1/lineage` against the official
 * OpenLineage JSON Schemas, vendored in ./spec (spec/README.md says where each
 * file came from). The RunEvent must match the core schema first. Then each
 * facet Weir knows is checked, by its key, against that facet's own schema:
 * run.facets, job.facets, inputs[].facets, inputs[].inputFacets,
 * outputs[].facets and outputs[].outputFacets. Without this second step a
 * `schema` facet with a nameless field would get past the core and be
 * half-read. Custom facets pass if they carry `_producer` and `_schemaURL`,
 * the core's BaseFacet rule. Only RunEvents are accepted. A DatasetEvent or
 * JobEvent (static metadata, without a run) is refused with one message that
 * says so.
 *
 * Nothing is fetched at run time: every `$ref` resolves to a vendored file.
 * Errors give the field's path (`outputs[0].facets.schema.fields[2].name`)
 * and say in plain words what is wrong. The list stops at 20.
 *
 * Before the schemas, Weir's input rules (src/lib/input-rules.ts): no text
 * PostgreSQL cannot store, no nesting deeper than the limit; after them, job
 * and dataset namespaces and names of 1 to 1,000 characters.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";

import { TEXT_LIMITS, findUnsafeInput } from "@/lib/input-rules";

import columnLineageSchema from "@/engine/lineage/openlineage/spec/ColumnLineageDatasetFacet.json";
import dataQualityAssertionsSchema from "@/engine/lineage/openlineage/spec/DataQualityAssertionsDatasetFacet.json";
import dataQualityMetricsSchema from "@/engine/lineage/openlineage/spec/DataQualityMetricsInputDatasetFacet.json";
import dataSourceSchema from "@/engine/lineage/openlineage/spec/DatasourceDatasetFacet.json";
import documentationSchema from "@/engine/lineage/openlineage/spec/DocumentationDatasetFacet.json";
import errorMessageSchema from "@/engine/lineage/openlineage/spec/ErrorMessageRunFacet.json";
import jobTypeSchema from "@/engine/lineage/openlineage/spec/JobTypeJobFacet.json";
import lifecycleStateChangeSchema from "@/engine/lineage/openlineage/spec/LifecycleStateChangeDatasetFacet.json";
import nominalTimeSchema from "@/engine/lineage/openlineage/spec/NominalTimeRunFacet.json";
import core102 from "@/engine/lineage/openlineage/spec/OpenLineage-1-0-2.json";
import core103 from "@/engine/lineage/openlineage/spec/OpenLineage-1-0-3.json";
import core from "@/engine/lineage/openlineage/spec/OpenLineage.json";
import outputStatisticsSchema from "@/engine/lineage/openlineage/spec/OutputStatisticsOutputDatasetFacet.json";
import ownershipSchema from "@/engine/lineage/openlineage/spec/OwnershipDatasetFacet.json";
import parentSchema from "@/engine/lineage/openlineage/spec/ParentRunFacet.json";
import processingEngineSchema from "@/engine/lineage/openlineage/spec/ProcessingEngineRunFacet.json";
import sqlSchema from "@/engine/lineage/openlineage/spec/SQLJobFacet.json";
import schemaSchema from "@/engine/lineage/openlineage/spec/SchemaDatasetFacet.json";

// ---------------------------------------------------------------- types

export type TRunEventType = "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";

/** Any facet: the two BaseFacet fields and whatever else it carries. `_deleted` removes a job or dataset facet. */
export type TFacet = { _producer: string; _schemaURL: string; _deleted?: boolean; [key: string]: unknown };
export type TFacets = Record<string, TFacet>;

export type TSchemaField = { name: string; type?: string; description?: string; fields?: TSchemaField[] };
/** `schema` (SchemaDatasetFacet). Nested `fields` arrive from producers on facet 1-1-0 or later. */
export type TSchemaFacet = TFacet & { fields?: TSchemaField[] };

export type TColumnTransformation = { type: "DIRECT" | "INDIRECT"; subtype?: string; description?: string; masking?: boolean };
export type TColumnInputField = { namespace: string; name: string; field: string; transformations?: TColumnTransformation[] };
/** `columnLineage`: for each output column, the input columns it comes from; `dataset` (facet 1-2-0) lists those that affect every row (INDIRECT). */
export type TColumnLineageFacet = TFacet & {
  fields: Record<string, { inputFields: TColumnInputField[]; transformationDescription?: string; transformationType?: string }>;
  dataset?: TColumnInputField[];
};

export type TDatasetFacets = {
  schema?: TSchemaFacet;
  columnLineage?: TColumnLineageFacet;
  documentation?: TFacet & { description: string };
  ownership?: TFacet & { owners?: { name: string; type?: string }[] };
  [key: string]: TFacet | undefined;
};
export type TInputDataset = { namespace: string; name: string; facets?: TDatasetFacets; inputFacets?: TFacets };
export type TOutputDataset = {
  namespace: string;
  name: string;
  facets?: TDatasetFacets;
  outputFacets?: { outputStatistics?: TFacet & { rowCount: number; size?: number }; [key: string]: TFacet | undefined };
};

/** What Weir reads of a valid OpenLineage RunEvent (spec 2-0-2). */
export type TRunEvent = {
  eventType?: TRunEventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets?: TFacets };
  job: { namespace: string; name: string; facets?: TFacets };
  inputs?: TInputDataset[];
  outputs?: TOutputDataset[];
};

export type TRunEventValidation = { ok: true; event: TRunEvent } | { ok: false; errors: string[] };

// ---------------------------------------------------------------- schemas

/** The core id that events (`schemaURL`) and the newer facets name. */
const CORE_2_0_2_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
const MAX_ERRORS = 20;

type TJson = Record<string, unknown>;
type TPlace = "run" | "job" | "dataset" | "input" | "output";

/** The facet schemas by where the facet sits. The same key means different facets in different places (a job's `documentation` is not a dataset's). */
const FACET_SCHEMAS: Record<TPlace, TJson[]> = {
  run: [parentSchema, errorMessageSchema, processingEngineSchema, nominalTimeSchema],
  job: [sqlSchema, jobTypeSchema],
  dataset: [schemaSchema, columnLineageSchema, dataSourceSchema, documentationSchema, ownershipSchema, lifecycleStateChangeSchema],
  input: [dataQualityMetricsSchema, dataQualityAssertionsSchema],
  output: [outputStatisticsSchema],
};
/** The 1-1-0 shape of one column-lineage input field, for the `dataset` list that 1-2-0 added. */
const INPUT_FIELD_REF = `${columnLineageSchema.$id}#/$defs/ColumnLineageDatasetFacet/allOf/1/properties/fields/additionalProperties/properties/inputFields/items`;
/** The 1-0-0 shape of one schema field, for the nested `fields` that later versions added. */
const SCHEMA_FIELD_REF = `${schemaSchema.$id}#/$defs/SchemaDatasetFacet/allOf/1/properties/fields/items`;

const FORMATS: Record<string, [string, (s: string) => boolean]> = {
  uuid: ["a UUID", (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)],
  "date-time": ["a date and time with a time zone, like 2024-06-03T08:00:00Z", isDateTime],
  uri: ["a URI with a scheme, like https://example.com/x", (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s) && URL.canParse(s)],
};

/** RFC 3339 date-time, as JSON Schema's `date-time` format requires, with a real calendar date. */
function isDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type TValidators = {
  runEvent: ValidateFunction;
  inputField: ValidateFunction;
  schemaField: ValidateFunction;
  facets: Record<TPlace, Map<string, ValidateFunction>>;
};
let validators: TValidators | undefined;

/** Compiles the schemas once, on first use. */
function getValidators(): TValidators {
  if (validators) return validators;
  // strict: false because the upstream schemas use annotation keywords ajv does not know (`example`, `documentation`).
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: false,
    formats: Object.fromEntries(Object.entries(FORMATS).map(([k, [, test]]) => [k, test])),
  });
  // The vendored core's $id reads 2-0-7 (spec/README.md says why); events and the newer facets name 2-0-2, so it answers to both.
  ajv.addSchema([core102, core103, core, { ...core, $id: CORE_2_0_2_ID }]);
  ajv.addSchema(Object.values(FACET_SCHEMAS).flat());
  const facets = {} as TValidators["facets"];
  for (const [place, schemas] of Object.entries(FACET_SCHEMAS) as [TPlace, TJson[]][]) {
    facets[place] = new Map(
      schemas.flatMap((s) =>
        Object.entries(s.properties as Record<string, { $ref: string }>).map(([key, p]) => [key, compile(ajv, `${String(s.$id)}${p.$ref}`)]),
      ),
    );
  }
  validators = {
    runEvent: compile(ajv, `${CORE_2_0_2_ID}#/$defs/RunEvent`),
    inputField: compile(ajv, INPUT_FIELD_REF),
    schemaField: compile(ajv, SCHEMA_FIELD_REF),
    facets,
  };
  return validators;
}

function compile(ajv: Ajv2020, ref: string): ValidateFunction {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`The vendored OpenLineage schemas do not define ${ref}`);
  return validate;
}

// ---------------------------------------------------------------- messages

type TPath = string[];

const isObject = (v: unknown): v is TJson => typeof v === "object" && v !== null && !Array.isArray(v);

/** `outputs[0].facets.schema.fields[2].name`: walks the body so array indexes and odd keys print right. */
function formatPath(body: unknown, path: TPath): string {
  let out = "";
  let node: unknown = body;
  for (const seg of path) {
    if (Array.isArray(node)) out += `[${seg}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(seg) ? `${out ? "." : ""}${seg}` : `[${JSON.stringify(seg)}]`;
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return out || "body";
}

const pointerPath = (pointer: string): TPath =>
  pointer
    ? pointer
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    : [];

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

/** One ajv error as `path: what is wrong`; null for errors that only repeat others (anyOf wrappers). */
function describeError(body: unknown, base: TPath, e: ErrorObject): string | null {
  const path = [...base, ...pointerPath(e.instancePath)];
  const got = ` (got ${describeValue(e.data)})`;
  switch (e.keyword) {
    case "required":
      return `${formatPath(body, [...path, String(e.params.missingProperty)])}: is required`;
    case "type": {
      const types = String(e.params.type).split(",");
      return `${formatPath(body, path)}: must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(" or ")}${got}`;
    }
    case "enum":
      return `${formatPath(body, path)}: must be one of ${(e.params.allowedValues as unknown[]).join(", ")}${got}`;
    case "format":
      return `${formatPath(body, path)}: must be ${FORMATS[String(e.params.format)]?.[0] ?? `in the ${String(e.params.format)} format`}${got}`;
    case "minimum":
      return `${formatPath(body, path)}: must be at least ${String(e.params.limit)}${got}`;
    case "anyOf":
    case "oneOf":
      return null;
    default:
      return `${formatPath(body, path)}: ${e.message ?? "is not valid"}`;
  }
}

function describeErrors(body: unknown, base: TPath, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => describeError(body, base, e)).filter((m): m is string => m !== null);
}

// ---------------------------------------------------------------- checks

/** A DatasetEvent or JobEvent carries no run: say what it is rather than "run: is required". */
function staticEventError(body: TJson): string | null {
  if ("run" in body) return null;
  const schemaURL = typeof body.schemaURL === "string" ? body.schemaURL : "";
  const only = "this endpoint accepts only OpenLineage RunEvents, which carry a run and a job";
  if (schemaURL.endsWith("/DatasetEvent") || "dataset" in body) return `body: is an OpenLineage DatasetEvent (static dataset metadata, no run); ${only}`;
  if (schemaURL.endsWith("/JobEvent") || ("job" in body && !("eventType" in body)))
    return `body: is an OpenLineage JobEvent (static job metadata, no run); ${only}`;
  return null;
}

type TFacetAt = { place: TPlace; path: TPath; key: string; facet: TJson };

/** Every facet in the event, with where it sits; containers of the wrong shape are left to the core schema's errors. */
function* facetsIn(body: TJson): Generator<TFacetAt> {
  function* each(place: TPlace, container: unknown, path: TPath): Generator<TFacetAt> {
    if (!isObject(container)) return;
    for (const [key, facet] of Object.entries(container)) if (isObject(facet)) yield { place, path: [...path, key], key, facet };
  }
  if (isObject(body.run)) yield* each("run", body.run.facets, ["run", "facets"]);
  if (isObject(body.job)) yield* each("job", body.job.facets, ["job", "facets"]);
  for (const side of ["inputs", "outputs"] as const) {
    const datasets = body[side];
    if (!Array.isArray(datasets)) continue;
    for (const [i, d] of datasets.entries()) {
      if (!isObject(d)) continue;
      yield* each("dataset", d.facets, [side, String(i), "facets"]);
      if (side === "inputs") yield* each("input", d.inputFacets, [side, String(i), "inputFacets"]);
      else yield* each("output", d.outputFacets, [side, String(i), "outputFacets"]);
    }
  }
}

/** A list the vendored facet version does not define, each item checked against the shape it gives its siblings. */
function checkList(body: TJson, path: TPath, list: unknown, validate: ValidateFunction): string[] {
  if (!Array.isArray(list)) return [`${formatPath(body, path)}: must be an array (got ${describeValue(list)})`];
  return list.flatMap((item, i) => (validate(item) ? [] : describeErrors(body, [...path, String(i)], validate.errors)));
}

/** Nested schema fields (struct columns), at any depth. */
function checkNestedFields(body: TJson, path: TPath, fields: unknown, v: TValidators): string[] {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f, i) => {
    if (!isObject(f) || !("fields" in f)) return [];
    const nested = [...path, String(i), "fields"];
    return [...checkList(body, nested, f.fields, v.schemaField), ...checkNestedFields(body, nested, f.fields, v)];
  });
}

/**
 * Column lineage beyond its vendored 1-1-0 schema. The schema says only in prose that a
 * transformation `type` is DIRECT or INDIRECT, so Weir checks it here. The `dataset` list that
 * 1-2-0 added gets the input-field check that `fields` gets.
 */
function checkColumnLineage(body: TJson, at: TFacetAt, v: TValidators): string[] {
  const errors = "dataset" in at.facet ? checkList(body, [...at.path, "dataset"], at.facet.dataset, v.inputField) : [];
  const inputLists: [TPath, unknown][] = [[[...at.path, "dataset"], at.facet.dataset]];
  if (isObject(at.facet.fields)) {
    for (const [column, f] of Object.entries(at.facet.fields)) if (isObject(f)) inputLists.push([[...at.path, "fields", column, "inputFields"], f.inputFields]);
  }
  for (const [path, list] of inputLists) {
    if (!Array.isArray(list)) continue;
    for (const [i, input] of list.entries()) {
      if (!isObject(input) || !Array.isArray(input.transformations)) continue;
      for (const [j, t] of input.transformations.entries()) {
        if (isObject(t) && typeof t.type === "string" && t.type !== "DIRECT" && t.type !== "INDIRECT") {
          errors.push(
            `${formatPath(body, [...path, String(i), "transformations", String(j), "type"])}: must be one of DIRECT, INDIRECT (got ${describeValue(t.type)})`,
          );
        }
      }
    }
  }
  return errors;
}

function checkFacets(body: TJson, v: TValidators): string[] {
  const errors: string[] = [];
  for (const at of facetsIn(body)) {
    const validate = v.facets[at.place].get(at.key);
    // A `_deleted: true` job or dataset facet stands in for a facet being removed: only the BaseFacet fields apply.
    if (!validate || at.facet._deleted === true) continue;
    if (!validate(at.facet)) errors.push(...describeErrors(body, at.path, validate.errors));
    if (at.place === "dataset" && at.key === "columnLineage") errors.push(...checkColumnLineage(body, at, v));
    if (at.place === "dataset" && at.key === "schema") errors.push(...checkNestedFields(body, [...at.path, "fields"], at.facet.fields, v));
  }
  return errors;
}

/** Job and dataset namespaces and names (the schema allows any string): 1 to 1,000 characters. */
function checkNames(body: TJson): string[] {
  const named: [TPath, unknown][] = [[["job"], body.job]];
  for (const side of ["inputs", "outputs"] as const)
    if (Array.isArray(body[side])) (body[side] as unknown[]).forEach((d, i) => named.push([[side, String(i)], d]));
  const errors: string[] = [];
  for (const [path, node] of named) {
    if (!isObject(node)) continue;
    for (const key of ["namespace", "name"]) {
      const value = node[key];
      if (typeof value !== "string") continue;
      if (value.length === 0) errors.push(`${formatPath(body, [...path, key])}: is required (an empty ${key})`);
      else if (value.length > TEXT_LIMITS.identifier)
        errors.push(
          `${formatPath(body, [...path, key])}: has at most ${TEXT_LIMITS.identifier.toLocaleString("en")} characters (got ${value.length.toLocaleString("en")})`,
        );
    }
  }
  return errors;
}

/** Whether `body` is an OpenLineage RunEvent Weir can record; if not, at most 20 messages naming each bad field. */
export function validateRunEvent(body: unknown): TRunEventValidation {
  if (!isObject(body)) return { ok: false, errors: [`body: must be a JSON object, an OpenLineage RunEvent (got ${describeValue(body)})`] };
  const unsafe = findUnsafeInput(body);
  if (unsafe) return { ok: false, errors: [`${formatPath(body, unsafe.path)}: ${unsafe.message}`] };
  const staticEvent = staticEventError(body);
  if (staticEvent) return { ok: false, errors: [staticEvent] };
  const v = getValidators();
  const errors = v.runEvent(body) ? [] : describeErrors(body, [], v.runEvent.errors);
  errors.push(...checkFacets(body, v), ...checkNames(body));
  if (errors.length === 0) return { ok: true, event: body as TRunEvent };
  return { ok: false, errors: [...new Set(errors)].slice(0, MAX_ERRORS) };
}
