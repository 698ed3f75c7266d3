/**
 * Working with connector specs (JSON Schema, draft-07, secrets marked
 * `"secret": true`): validating a configuration with messages that name the
 * field, and moving secrets between their three forms.
 *
 * - plain: what a connector's check/discover/read receive (`unsealConfig`);
 * - sealed: what PostgreSQL stores, each secret `{ $secret: "<ciphertext>" }`
 *   (src/lib/secret-box.ts) (`sealConfig`);
 * - masked: what a browser sees, each set secret `{ $secretSet: true }`, never
 *   a value or a ciphertext (`maskConfig`). The browser sends the placeholder
 *   back for "unchanged", and `sealConfig` keeps the stored value.
 *
 * Secrets are found by the spec's `properties` (nested objects and array items
 * included), never by guessing from names or values.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isIP } from "node:net";
import type { TConnectorSpec } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { decryptSecret, encryptSecret, reencryptSecret } from "@/lib/secret-box";
import { SECRET_MARK, scrubSecrets } from "@/lib/secret-scrub";

type TJson = Record<string, unknown>;
type TKeys = (string | number)[];

export type TFieldError = { field: string; message: string };
export type TConfigValidation = { ok: true; value: TJson } | { ok: false; errors: TFieldError[] };
/** A stored secret. */
export type TSealedSecret = { $secret: string };
/** A secret as a browser sees it, and sends back to mean "keep the stored value". */
export const SECRET_SET = { $secretSet: true } as const;
/** What replaces secret values in redacted text. */
export const REDACTED = SECRET_MARK;

const isObject = (v: unknown): v is TJson => typeof v === "object" && v !== null && !Array.isArray(v);
const isSealed = (v: unknown): v is TSealedSecret => isObject(v) && typeof v.$secret === "string";
const isSecretSet = (v: unknown): boolean => isObject(v) && v.$secretSet === true;
const dotted = (keys: TKeys): string => (keys.length ? keys.join(".") : "config");

// ---------------------------------------------------------------- validation

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: false, strictTypes: false, strictTuples: false, verbose: true });
ajv.addKeyword({ keyword: "secret", metaSchema: { type: "boolean" } });
ajv.addKeyword({ keyword: "order", metaSchema: { type: "number" } });
// A secret pasted as several lines (a PEM private key): the form shows a text area.
ajv.addKeyword({ keyword: "multiline", metaSchema: { type: "boolean" } });
const FORMATS: Record<string, [string, (s: string) => boolean]> = {
  uri: ["URL", (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s) && URL.canParse(s)],
  email: ["email address", (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)],
  hostname: ["host name", (s) => s.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i.test(s)],
  ipv4: ["IPv4 address", (s) => isIP(s) === 4],
  ipv6: ["IPv6 address", (s) => isIP(s) === 6],
  uuid: ["UUID", (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)],
  date: ["date (YYYY-MM-DD)", (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))],
  "date-time": [
    "date and time (ISO 8601)",
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  ],
};
for (const [name, [, test]] of Object.entries(FORMATS)) ajv.addFormat(name, test);

const compiled = new WeakMap<TConnectorSpec, ValidateFunction>();

function validatorFor(spec: TConnectorSpec): ValidateFunction {
  let validate = compiled.get(spec);
  if (!validate) {
    try {
      validate = ajv.compile(spec);
    } catch (e) {
      // A bug in a connector's spec, not in the user's configuration.
      throw new Error(`The connector spec "${spec.title ?? "untitled"}" is not a valid JSON Schema: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    compiled.set(spec, validate);
  }
  return validate;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "empty",
  integer: "an integer",
  number: "a number",
};

/** "must be an integer between 1 and 65535", from the schema's type and bounds. */
function numberRule(s: TJson): string {
  const kind = s.type === "integer" ? "an integer" : "a number";
  const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = s;
  if (typeof min === "number" && typeof max === "number") return `must be ${kind} between ${min} and ${max}`;
  const bounds = [
    typeof min === "number" ? `at least ${min}` : typeof xmin === "number" ? `greater than ${xmin}` : "",
    typeof max === "number" ? `at most ${max}` : typeof xmax === "number" ? `less than ${xmax}` : "",
  ].filter(Boolean);
  const phrase = bounds.join(" and ");
  return `must be ${kind}${phrase ? (phrase.startsWith("at") ? ` of ${phrase}` : ` ${phrase}`) : ""}`;
}

/** One ajv error as a field and a sentence for a person; never quotes the value (it may be a secret). */
function describe(e: ErrorObject): TFieldError {
  const keys = e.instancePath
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const p = e.params as TJson;
  const s = isObject(e.parentSchema) ? e.parentSchema : {};
  const n = (v: unknown, word: string) => `${String(v)} ${word}${v === 1 ? "" : "s"}`;
  const at = (message: string, ...more: string[]) => ({ field: dotted([...keys, ...more]), message });
  switch (e.keyword) {
    case "required":
      return at("is required", String(p.missingProperty));
    case "dependencies":
      return at(`is required when ${String(p.property)} is set`, String(p.missingProperty));
    case "additionalProperties":
      return at("is not a known setting", String(p.additionalProperty));
    case "propertyNames":
      return at(`has an invalid name "${String(p.propertyName)}"`);
    case "type":
      if (s.type === "integer" || s.type === "number") return at(numberRule(s));
      return at(
        `must be ${[s.type]
          .flat()
          .map((t) => TYPE_WORDS[String(t)] ?? String(t))
          .join(" or ")}`,
      );
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return at(numberRule(s));
    case "multipleOf":
      return at(`must be a multiple of ${String(p.multipleOf)}`);
    case "minLength":
      return at(p.limit === 1 ? "must not be empty" : `must be at least ${n(p.limit, "character")} long`);
    case "maxLength":
      return at(`must be at most ${n(p.limit, "character")} long`);
    case "pattern":
      return at(`must match the pattern ${String(p.pattern)}`);
    case "format":
      return at(`must be a valid ${FORMATS[String(p.format)]?.[0] ?? String(p.format)}`);
    case "enum":
      return at(`must be one of: ${(p.allowedValues as unknown[]).map(String).join(", ")}`);
    case "const":
      return at(`must be ${String(p.allowedValue)}`);
    case "minItems":
      return at(`must have at least ${n(p.limit, "item")}`);
    case "maxItems":
      return at(`must have at most ${n(p.limit, "item")}`);
    case "uniqueItems":
      return at("must not repeat items");
    default:
      return at(e.message ?? "is not valid");
  }
}

/**
 * Validates a configuration against a spec and applies its defaults (on a
 * copy; nothing else is coerced). Stored secrets (`{ $secret }`) count as
 * present and are left as they are; `{ $secretSet: true }` counts as absent.
 * One error per field, in the order the validator met them.
 */
export function validateConfig(spec: TConnectorSpec, config: unknown): TConfigValidation {
  const sealed: { keys: TKeys; value: TSealedSecret }[] = [];
  const data = isObject(config)
    ? mapSecrets(spec, structuredClone(config), undefined, [], (value, _prev, keys) => {
        if (isSealed(value)) sealed.push({ keys, value });
        return isSealed(value) || isSecretSet(value) ? undefined : value;
      })
    : structuredClone(config);
  const validate = validatorFor(spec);
  const sealedFields = new Set(sealed.map((s) => dotted(s.keys)));
  if (!validate(data)) {
    const errors = new Map<string, TFieldError>();
    for (const e of validate.errors ?? []) {
      if (e.keyword === "if" || (e as { propertyName?: string }).propertyName !== undefined) continue; // the real reason is the next error
      const described = describe(e);
      if (!sealedFields.has(described.field) && !errors.has(described.field)) errors.set(described.field, described);
    }
    if (errors.size > 0) return { ok: false, errors: [...errors.values()] };
  }
  const value = data as TJson;
  for (const s of sealed) setAt(value, s.keys, s.value);
  return { ok: true, value };
}

function setAt(root: TJson, keys: TKeys, value: unknown): void {
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  (node as Record<string | number, unknown>)[keys[keys.length - 1]!] = value;
}

// ---------------------------------------------------------------- secrets

type TVisit = (value: unknown, previous: unknown, keys: TKeys) => unknown;

/**
 * A copy of `value` in which every secret field the schema declares is
 * replaced by `visit`'s answer (undefined removes it). `previous` is walked
 * alongside, by key and by array index. A secret whose enclosing object is
 * absent is not visited: removing the object removes its secrets.
 */
function mapSecrets(schema: TJson, value: unknown, previous: unknown, keys: TKeys, visit: TVisit): unknown {
  if (isObject(value) && isObject(schema.properties)) {
    const out: TJson = { ...value };
    const prev = isObject(previous) ? previous : {};
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (!isObject(prop)) continue;
      if (prop.secret === true) {
        const next = visit(value[key], prev[key], [...keys, key]);
        if (next === undefined) delete out[key];
        else out[key] = next;
      } else if (key in value) {
        out[key] = mapSecrets(prop, value[key], prev[key], [...keys, key], visit);
      }
    }
    return out;
  }
  if (Array.isArray(value) && isObject(schema.items)) {
    const prev = Array.isArray(previous) ? previous : [];
    return value.map((item, i) => mapSecrets(schema.items as TJson, item, prev[i], [...keys, i], visit));
  }
  return value;
}

/** Dotted paths of the spec's secret fields; array items appear as `*`, e.g. `streams.*.token`. */
export function secretFields(spec: TConnectorSpec): string[] {
  const found: string[] = [];
  const walk = (schema: TJson, prefix: string) => {
    if (isObject(schema.items)) walk(schema.items, `${prefix}*.`);
    if (!isObject(schema.properties)) return;
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (!isObject(prop)) continue;
      if (prop.secret === true) found.push(`${prefix}${key}`);
      else walk(prop, `${prefix}${key}.`);
    }
  };
  walk(spec, "");
  return found;
}

/**
 * The configuration to store: each new secret value encrypted as
 * `{ $secret }`. A secret the incoming configuration omits or sends as
 * `{ $secretSet: true }` keeps its previously sealed value; `null` or `""`
 * clears it. Ciphertexts are never accepted from the caller (they would let
 * anyone holding one make the worker decrypt it for their own server).
 */
export function sealConfig(spec: TConnectorSpec, config: TJson, previousSealed?: unknown): TJson {
  const sealed = mapSecrets(spec, config, previousSealed, [], (value, previous, keys) => {
    if (value === undefined || isSecretSet(value)) {
      if (isSealed(previous)) return previous;
      return typeof previous === "string" && previous !== "" ? { $secret: encryptSecret(previous) } : undefined; // stored before sealing existed
    }
    if (value === null || value === "") return undefined;
    if (typeof value === "string") return { $secret: encryptSecret(value) };
    const field = dotted(keys);
    throw new AppError("BAD_INPUT", `Check the configuration: ${field}: must be text (send a new value, or { "$secretSet": true } to keep the saved one).`, {
      fieldErrors: [{ field, message: "must be text" }],
    });
  });
  return sealed as TJson;
}

/** The plain configuration for a connector's calls; throws the secret box's AppError when a secret cannot be decrypted. */
export function unsealConfig(spec: TConnectorSpec, sealed: unknown): TJson {
  if (!isObject(sealed)) return {};
  return mapSecrets(spec, sealed, undefined, [], (value) => (isSealed(value) ? decryptSecret(value.$secret) : isSecretSet(value) ? undefined : value)) as TJson;
}

/** What may go to a browser: set secrets as `{ $secretSet: true }`, unset ones absent; no value or ciphertext anywhere. */
export function maskConfig(spec: TConnectorSpec, sealed: unknown): TJson {
  if (!isObject(sealed)) return {};
  const masked = mapSecrets(spec, sealed, undefined, [], (value) => (value === undefined || value === null || value === "" ? undefined : { ...SECRET_SET }));
  return stripCiphertexts(masked) as TJson;
}

/** Belt and braces for maskConfig: a sealed value outside the spec's secret fields (a spec that changed) is masked too. */
function stripCiphertexts(value: unknown): unknown {
  if (isSealed(value)) return { ...SECRET_SET };
  if (Array.isArray(value)) return value.map(stripCiphertexts);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripCiphertexts(v)]));
  return value;
}

/** The sealed configuration with every secret under the current key; for a key rotation. */
export function resealConfig(spec: TConnectorSpec, sealed: TJson): TJson {
  return mapSecrets(spec, sealed, undefined, [], (value) => (isSealed(value) ? { $secret: reencryptSecret(value.$secret) } : value)) as TJson;
}

/** The secret values of a plain configuration (what its spec marks secret), for the scrubber. */
export function secretValues(spec: TConnectorSpec, config: unknown): string[] {
  const values: string[] = [];
  mapSecrets(spec, config, undefined, [], (value) => {
    if (typeof value === "string" && value !== "") values.push(value);
    return value;
  });
  return values;
}

/**
 * `text` with every secret value of the plain `config` replaced by
 * "[secret]", in the forms drivers tend to echo them (URL- and JSON-escaped,
 * each line of a PEM key…), and whatever else the one scrubber removes
 * (src/lib/secret-scrub.ts: secrets this process knows, URL userinfo, secret
 * headers).
 */
export function redactSecrets(spec: TConnectorSpec, config: unknown, text: string): string {
  return scrubSecrets(text, secretValues(spec, config));
}
