/**
 * Hostile inputs generated from an input schema (a procedure's or route's
 * zod schema, converted to JSON Schema by zod itself): a structurally valid
 * baseline, then one variant per field and kind of trouble: NUL and lone
 * surrogates, empty and huge strings, out-of-range and non-finite numbers,
 * 40-digit numbers, deep JSON, wrong types, missing fields, plus hostile
 * strings drawn by fast-check from a seed (printed on failure, so a run can
 * be replayed with WEIR_FUZZ_SEED).
 */
import fc from "fast-check";

export type TSchema = Record<string, any>;

export type TVariant = {
  /** e.g. `name: NUL`. */
  label: string;
  /** The field, as a dotted path (`streams.0.stream`); "" for the whole input. */
  field: string;
  /** The input; `undefined` sends none. */
  value: unknown;
  /** superjson meta for values JSON cannot carry (NaN, Infinity): path → type. */
  meta?: Record<string, string[]>;
  /** A caller the tier admits must get a 4xx (when false, anything but a 5xx is fine). */
  mustRefuse: boolean;
  /** Refused with 400 and a message naming the field (the input rules' own violations). */
  namesField: boolean;
  /** Refused at the HTTP edge before the tier is checked (JSON nested too deep). */
  edge: boolean;
  /** Built on the baseline with real ids (false: random ids, for variants that may well be valid, so nothing real is changed). */
  realIds: boolean;
};

export type TGenerateOptions = {
  /** The id a uuid field gets in the baseline (a real one where the spec knows it). */
  idFor: (field: string) => string;
  randomId: () => string;
  /** Longest string to send: a query travels in the URL, a mutation in the body. */
  hugeLength: number;
  /** How deep JSON goes, and as what: a query's input travels in the URL, where `[` is shorter than `{"a":`. */
  deepLevels: number;
  deepKind: "object" | "array";
  seed: number;
};

const HUGE_ARRAY = 10_001;

/**
 * JSON nested `levels` deep (`{"a":{"a":…}}` or `[[…]]`). A stand-in, written
 * out as text by `toJsonText`: JSON.stringify itself overflows its stack on
 * such depth.
 */
export class DeepJson {
  constructor(
    readonly levels: number,
    readonly kind: "object" | "array",
  ) {}
  toText(): string {
    return this.kind === "object"
      ? `${'{"a":'.repeat(this.levels)}"bottom"${"}".repeat(this.levels)}`
      : `${"[".repeat(this.levels)}"bottom"${"]".repeat(this.levels)}`;
  }
}

export function deepValue(levels: number, kind: "object" | "array" = "object"): DeepJson {
  return new DeepJson(levels, kind);
}

/** JSON.stringify, with each DeepJson written out in full. */
export function toJsonText(value: unknown): string | undefined {
  const deep: DeepJson[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof DeepJson ? `\u0001deep${deep.push(v) - 1}\u0001` : v));
  return text?.replace(/"\\u0001deep(\d+)\\u0001"/g, (_m, i: string) => deep[Number(i)]!.toText());
}

type TNode = { schema: TSchema; nullable: boolean };

/** Unwraps anyOf/oneOf (taking the first non-null branch) and records whether null is allowed. */
function resolve(schema: TSchema): TNode {
  const branches = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  if (branches) {
    const nonNull = branches.filter((b) => b.type !== "null");
    const inner = resolve(nonNull[0] ?? {});
    return {
      schema: { ...inner.schema, ...(schema.default !== undefined ? { default: schema.default } : {}) },
      nullable: inner.nullable || nonNull.length < branches.length,
    };
  }
  if (Array.isArray(schema.type)) return { schema: { ...schema, type: schema.type.find((t: string) => t !== "null") }, nullable: schema.type.includes("null") };
  return { schema, nullable: false };
}

const PATTERN_SAMPLES = ["x", "fuzz_x", "1", "06:00", "a1", "x:y"];

function baselineString(s: TSchema, field: string, idFor: (f: string) => string): string {
  if (s.const !== undefined) return String(s.const);
  if (s.enum) return String(s.enum[0]);
  if (s.format === "uuid") return idFor(field);
  if (s.format === "email") return "fuzz@example.com";
  if (s.pattern) {
    const re = new RegExp(s.pattern as string);
    const hit = PATTERN_SAMPLES.find((x) => re.test(x));
    if (hit) return hit;
  }
  return "x".padEnd(Math.max(1, (s.minLength as number | undefined) ?? 1), "x");
}

/** A structurally valid value for the schema: required fields only, ids from `idFor`. */
export function baseline(schema: TSchema, idFor: (field: string) => string, path: string[] = []): unknown {
  const { schema: s } = resolve(schema);
  const field = path.join(".");
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = baseline((s.properties ?? {})[key] ?? {}, idFor, [...path, key]);
      return out;
    }
    case "array":
      return Array.from({ length: (s.minItems as number | undefined) ?? 0 }, (_, i) => baseline(s.items ?? {}, idFor, [...path, String(i)]));
    case "string":
      return baselineString(s, field, idFor);
    case "integer":
    case "number": {
      const min =
        (s.minimum as number | undefined) ??
        ((s.exclusiveMinimum as number | undefined) !== undefined ? (s.exclusiveMinimum as number) + (s.type === "integer" ? 1 : 0.5) : undefined);
      const max = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined);
      return min !== undefined ? (max !== undefined ? Math.min(min, max) : min) : max !== undefined ? Math.min(0, max) : 1;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}

/** Sets `value` at `path` in a copy of `root` (creating objects and one-element arrays on the way). */
function withValue(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const isIndex = /^\d+$/.test(head);
  const copy: any = Array.isArray(root) ? [...root] : root && typeof root === "object" ? { ...root } : isIndex ? [] : {};
  if (remove && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
    return copy;
  }
  copy[head] = withValue(copy[head], rest, value, remove);
  return copy;
}

/**
 * `root` with every container on the way to `path` present, built from the
 * schema's baseline where the baseline left it out (an optional object or an
 * empty list), so a hostile leaf sits among valid siblings.
 */
function materialize(root: unknown, schema: TSchema, path: string[], idFor: (field: string) => string): unknown {
  let out = root;
  let node: TSchema = schema;
  for (let i = 0; i < path.length - 1; i++) {
    const s = resolve(node).schema;
    node = (s.type === "array" ? s.items : (s.properties ?? {})[path[i]!]) ?? {};
    const prefix = path.slice(0, i + 1);
    let here: unknown = out;
    for (const key of prefix) here = here && typeof here === "object" ? (here as Record<string, unknown>)[key] : undefined;
    if (here === undefined) out = withValue(out, prefix, baseline(node, idFor, prefix));
  }
  return out;
}

/** Hostile strings from fast-check: readable noise with one NUL or lone surrogate somewhere in it. */
function drawnHostileStrings(seed: number, count: number): string[] {
  const noise = fc.string({ unit: fc.constantFrom("a", "é", "😀", "'", '"', "\\", "%", "_", " ", "\n", "\u202e"), maxLength: 30 });
  const bad = fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF");
  return fc.sample(
    fc.tuple(noise, bad, noise).map(([a, b, c]) => `${a}${b}${c}`),
    { seed, numRuns: count },
  );
}

/** Odd but valid text from fast-check: quotes, wildcards, search operators, emoji, right-to-left marks (what breaks SQL or full-text syntax built by hand). */
function drawnOddStrings(seed: number, count: number): string[] {
  const unit = fc.constantFrom("a", "'", '"', "\\", "%", "_", "*", "&", "|", "!", ":*", "(", ")", "<->", ";", "--", "é", "😀", "\u202e", " ", "\n", "$1");
  return fc.sample(fc.string({ unit, minLength: 1, maxLength: 20 }), { seed: seed + 1, numRuns: count });
}

type TLeaf = { path: string[]; node: TNode; required: boolean };

/** Every field of the schema (optional ones too), arrays entered at index 0. */
function leaves(schema: TSchema, path: string[] = [], required = true, out: TLeaf[] = []): TLeaf[] {
  const node = resolve(schema);
  out.push({ path, node, required });
  const s = node.schema;
  if (s.type === "object" && s.properties) {
    const req = new Set((s.required as string[] | undefined) ?? []);
    for (const [key, child] of Object.entries(s.properties as Record<string, TSchema>)) leaves(child, [...path, key], req.has(key), out);
  } else if (s.type === "array" && s.items) {
    leaves(s.items as TSchema, [...path, "0"], true, out);
  }
  return out;
}

/** The hostile variants of one schema (null: the procedure takes no input). */
export function hostileVariants(schema: TSchema | null, opts: TGenerateOptions): TVariant[] {
  const out: TVariant[] = [];
  const add = (v: Omit<TVariant, "edge" | "realIds" | "namesField"> & Partial<TVariant>) => out.push({ namesField: false, edge: false, realIds: true, ...v });
  const deep = deepValue(opts.deepLevels, opts.deepKind);
  const deepLabel = `JSON ${opts.deepLevels.toLocaleString("en")} deep`;
  if (!schema) {
    add({ label: "no input expected, an object with NUL", field: "", value: { x: "a\u0000b" }, mustRefuse: true, namesField: true });
    add({ label: `no input expected, ${deepLabel}`, field: "", value: deep, mustRefuse: true, edge: true });
    add({ label: "no input expected, a string", field: "", value: "x", mustRefuse: false });
    return out;
  }
  const real = baseline(schema, opts.idFor);
  const random = baseline(schema, () => opts.randomId());
  const rootRequired = resolve(schema).schema.type !== "object" || ((resolve(schema).schema.required as string[] | undefined)?.length ?? 0) > 0;
  add({ label: "no input", field: "", value: undefined, mustRefuse: rootRequired, realIds: false });
  add({ label: "null", field: "", value: null, mustRefuse: true });
  add({ label: "a string", field: "", value: "x", mustRefuse: true });
  add({ label: "an array", field: "", value: [], mustRefuse: true });
  add({ label: deepLabel, field: "", value: deep, mustRefuse: true, edge: true });
  add({ label: "superjson naming an unknown class", field: "", value: { ...(real as object), x: {} }, meta: { x: ["class", "Nope"] }, mustRefuse: true });
  const drawn = drawnHostileStrings(opts.seed, 2);
  const odd = drawnOddStrings(opts.seed, 2);

  for (const { path, node, required } of leaves(schema)) {
    if (path.length === 0) continue;
    const field = path.join(".");
    const s = node.schema;
    const realHere = materialize(real, schema, path, opts.idFor);
    const randomHere = materialize(random, schema, path, () => opts.randomId());
    const at = (value: unknown, base = realHere) => withValue(base, path, value);
    const v = (label: string, value: unknown, extra: Partial<TVariant> & { mustRefuse: boolean }) =>
      add({ label: `${field}: ${label}`, field, value: at(value, extra.realIds === false ? randomHere : realHere), ...extra });
    // A list item cannot be "missing": without it the list is merely shorter.
    if (required && !/^\d+$/.test(path.at(-1)!))
      add({ label: `${field}: missing`, field, value: withValue(realHere, path, undefined, true), mustRefuse: true });
    if (!node.nullable) v("null", null, { mustRefuse: true });
    const type = s.const !== undefined || s.enum ? "enum" : (s.type as string | undefined);
    switch (type) {
      case "enum":
        v("not one of the values", "not-a-member", { mustRefuse: true });
        v("NUL", "a\u0000b", { mustRefuse: true, namesField: true });
        v("a number", 42, { mustRefuse: true });
        break;
      case "string": {
        v("NUL", "fuzz\u0000nul", { mustRefuse: true, namesField: true });
        v("a lone high surrogate", "fuzz\uD800", { mustRefuse: true, namesField: true });
        v("a lone low surrogate", "\uDC00fuzz", { mustRefuse: true, namesField: true });
        for (const d of drawn) v(`drawn ${JSON.stringify(d)}`, d, { mustRefuse: true, namesField: true });
        if (!s.format && !s.pattern) for (const d of odd) v(`odd text ${JSON.stringify(d)}`, d, { mustRefuse: false, realIds: false });
        const max = s.maxLength as number | undefined;
        v(`${opts.hugeLength.toLocaleString("en")} characters`, "x".repeat(opts.hugeLength), {
          mustRefuse: !(max !== undefined && max >= opts.hugeLength),
          realIds: max !== undefined && max < opts.hugeLength,
        });
        if (s.format === "uuid") v("40 digits", "1".repeat(40), { mustRefuse: true });
        else if (s.pattern && new RegExp(s.pattern as string).test("1"))
          v("40 digits", "1".repeat(40), { mustRefuse: !new RegExp(s.pattern as string).test("1".repeat(40)) });
        v("empty", "", { mustRefuse: false, realIds: false });
        v("a number", 42, { mustRefuse: true });
        v("an object", {}, { mustRefuse: true });
        break;
      }
      case "integer":
      case "number": {
        const min = (s.minimum ?? s.exclusiveMinimum) as number | undefined;
        const max = (s.maximum ?? s.exclusiveMaximum) as number | undefined;
        if (min !== undefined) v("below the minimum", min - 1, { mustRefuse: true });
        if (max !== undefined) v("above the maximum", max + 1, { mustRefuse: true });
        v("1e308", 1e308, { mustRefuse: true });
        v("-1e308", -1e308, { mustRefuse: true });
        v("2^63", 2 ** 63, { mustRefuse: true });
        if (type === "integer") v("a fraction", 1.5, { mustRefuse: true });
        for (const special of ["NaN", "Infinity", "-Infinity"])
          add({ label: `${field}: ${special}`, field, value: at(special), meta: { [field]: ["number"] }, mustRefuse: true });
        add({ label: `${field}: a 40-digit BigInt`, field, value: at("1".repeat(40)), meta: { [field]: ["bigint"] }, mustRefuse: true });
        v("40 digits as text", "1234567890123456789012345678901234567890", { mustRefuse: true });
        v("a boolean", true, { mustRefuse: true });
        break;
      }
      case "boolean":
        v("a string", "true", { mustRefuse: true });
        v("a number", 1, { mustRefuse: true });
        break;
      case "array": {
        const maxItems = s.maxItems as number | undefined;
        const item = baseline(s.items ?? {}, opts.idFor, [...path, "0"]);
        v(
          `${Math.max(HUGE_ARRAY, (maxItems ?? 0) + 1).toLocaleString("en")} items`,
          Array.from({ length: Math.max(HUGE_ARRAY, (maxItems ?? 0) + 1) }, () => item),
          { mustRefuse: true },
        );
        v(deepLabel, deepValue(opts.deepLevels, "array"), { mustRefuse: true, edge: true });
        v("a string", "x", { mustRefuse: true });
        break;
      }
      case "object":
        v(deepLabel, deep, { mustRefuse: true, edge: true });
        v("a key with NUL", { "k\u0000": "v" }, { mustRefuse: true, namesField: true });
        v("a string", "x", { mustRefuse: true });
        break;
      default:
        // Any JSON (configs, facets, artifacts): hostile content inside it.
        v(deepLabel, deep, { mustRefuse: true, edge: true });
        v("an object with NUL", { k: "a\u0000b" }, { mustRefuse: true, namesField: true });
        v("a lone surrogate", "\uD800", { mustRefuse: true, namesField: true });
        v(`${opts.hugeLength.toLocaleString("en")} characters`, "x".repeat(opts.hugeLength), { mustRefuse: false, realIds: false });
    }
  }
  return out;
}
