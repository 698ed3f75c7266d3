/**
 * Turns a connector spec and a saved (masked) configuration into what the
 * rjsf form needs, and the form's data back into a configuration to send.
 * Pure.
 *
 * Secrets come back from the server as { "$secretSet": true }. In the form a
 * saved secret is an empty password input ("set — leave empty to keep"), so
 * it is not required there; on save an untouched one is sent back as
 * { "$secretSet": true } and the server keeps the saved value. Secrets may
 * sit in nested objects and in array items (the server walks both).
 */
import type { RJSFSchema, UiSchema } from "@rjsf/utils";

type TJson = Record<string, unknown>;
/** A path from the configuration's root; array items by index, e.g. ["streams", "0", "token"]. */
export type TFieldPath = string[];

export type TConnectorForm = {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  formData: TJson;
  /** Secrets the saved configuration already has. */
  savedSecrets: TFieldPath[];
};

export const SECRET_SET = { $secretSet: true } as const;

export function isObject(v: unknown): v is TJson {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecretSet(v: unknown): boolean {
  return isObject(v) && v.$secretSet === true;
}

/** The rjsf id of the field at a path (rjsf joins "root" and the keys with "_"). */
export function fieldId(path: TFieldPath): string {
  return ["root", ...path].join("_");
}

type TWalked = { schema: TJson; ui: TJson; data: unknown };

/** Walks schema and saved data together: secret fields get SecretWidget; saved secrets leave the data and `required`. */
function walk(schema: TJson, saved: unknown, path: TFieldPath, savedSecrets: TFieldPath[]): TWalked {
  if (isObject(schema.items)) {
    const items = Array.isArray(saved) ? saved.map((item, i) => walk(schema.items as TJson, item, [...path, String(i)], savedSecrets)) : [];
    const template = walk(schema.items, undefined, path, []);
    const keep = (s: TJson, w: TWalked) =>
      Array.isArray(s.required) && Array.isArray(w.schema.required)
        ? { ...s, required: s.required.filter((r) => (w.schema.required as unknown[]).includes(r)) }
        : s;
    const relaxed = items.reduce<TJson>(keep, template.schema);
    // A list of plain values (brokers, topics) is labelled by its legend; rjsf would title each item "Brokers-1".
    const itemUi = isObject((schema.items as TJson).properties) ? template.ui : { ...template.ui, "ui:options": { label: false } };
    return { schema: { ...schema, items: relaxed }, ui: { items: itemUi }, data: Array.isArray(saved) ? items.map((w) => w.data) : saved };
  }
  if (!isObject(schema.properties)) return { schema, ui: {}, data: saved };
  const savedObj = isObject(saved) ? saved : {};
  const data: TJson = { ...savedObj };
  const ui: TJson = {};
  const properties: TJson = {};
  let required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [key, prop] of Object.entries(schema.properties)) {
    properties[key] = prop;
    if (!isObject(prop)) continue;
    if (prop.secret === true) {
      ui[key] = { "ui:widget": "SecretWidget", ...(prop.multiline === true ? { "ui:options": { multiline: true } } : {}) };
      if (isSecretSet(savedObj[key])) {
        savedSecrets.push([...path, key]);
        required = required.filter((r) => r !== key);
        delete data[key];
      }
    } else if (isObject(prop.properties) || isObject(prop.items)) {
      const inner = walk(prop, savedObj[key], [...path, key], savedSecrets);
      properties[key] = inner.schema;
      ui[key] = inner.ui;
      if (savedObj[key] !== undefined) data[key] = inner.data;
    } else if (prop.type === "object") {
      ui[key] = { "ui:enableOptionalDataFieldForType": [] }; // a free-form map already has its own "+ Add"
    }
  }
  return { schema: { ...schema, properties, required }, ui, data };
}

/** The form for a connector; pass the saved configuration when editing. */
export function buildConnectorForm(spec: TJson, savedConfig?: TJson): TConnectorForm {
  const savedSecrets: TFieldPath[] = [];
  const { title: _title, ...rest } = spec;
  const walked = walk(rest, savedConfig ?? {}, [], savedSecrets);
  // Optional objects (an HTTP stream's pagination or incremental settings) stay closed until set up.
  const uiSchema = { ...walked.ui, "ui:globalOptions": { enableOptionalDataFieldForType: ["object"] } };
  return { schema: walked.schema as RJSFSchema, uiSchema: uiSchema as UiSchema, formData: (walked.data ?? {}) as TJson, savedSecrets };
}

/**
 * The configuration to send: untouched saved secrets become
 * { "$secretSet": true }. A secret whose object or array item the form no
 * longer has is left out (the server then drops it with its container).
 */
export function configToSend(formData: TJson, savedSecrets: TFieldPath[]): TJson {
  const out = structuredClone(formData);
  for (const path of savedSecrets) {
    let node: unknown = out;
    for (const key of path.slice(0, -1)) node = typeof node === "object" && node !== null ? (node as TJson)[key] : undefined;
    if (!isObject(node)) continue;
    const last = path[path.length - 1]!;
    if (node[last] === undefined || node[last] === "") node[last] = { ...SECRET_SET };
  }
  return out;
}
