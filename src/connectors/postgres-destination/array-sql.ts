/**
 * Arrays of any depth between the wire (nested JSON) and PostgreSQL arrays,
 * as SQL text. Pure. A PostgreSQL array column holds any number of
 * dimensions (up to 6), so `integer[]` takes `[[1,2],[3,4]]` as
 * `{{1,2},{3,4}}`. What PostgreSQL arrays cannot hold is refused, never
 * reshaped: ragged sub-arrays (`[[1],[2,3]]`), NULL or empty sub-arrays
 * (`[[1],null]`, `[[],[]]`, which PostgreSQL would flatten to `{}`).
 * Arrays nested deeper than 6 levels are stored as jsonb holding the wire
 * JSON (see type-mapping.ts).
 *
 * Two conversions from the wire: elements whose wire text needs no JSON
 * escaping and cannot contain brackets (numbers, booleans, dates and times)
 * go through one jsonb parse and a bracket → brace translation into
 * PostgreSQL's array input, which keeps every digit of a bigint and reads
 * "NaN" strings as floats; text, json, bytes and uuid elements go through
 * one jsonb_array_elements per level, chosen by the value's own depth.
 */
import type { TWeirType } from "@/connectors/types";

/** PostgreSQL's limit on array dimensions (MAXDIM). */
export const MAX_ARRAY_DIMENSIONS = 6;

type TArray = Extract<TWeirType, { kind: "array" }>;

/** The innermost element type and the number of array levels. */
export function arrayShape(type: TArray): { leaf: TWeirType; depth: number } {
  let leaf: TWeirType = type;
  let depth = 0;
  while (leaf.kind === "array") {
    leaf = leaf.items;
    depth++;
  }
  return { leaf, depth };
}

/** Whether the array is stored as jsonb because PostgreSQL arrays cannot nest that deep. */
export function isJsonbArray(type: TArray): boolean {
  return arrayShape(type).depth > MAX_ARRAY_DIMENSIONS;
}

/** Leaf types whose JSON array text, brackets turned into braces, is PostgreSQL array input of the same values. */
const TRANSLATABLE = new Set<TWeirType["kind"]>(["boolean", "integer", "bigint", "float", "numeric", "date", "timestamp", "timestamptz", "time", "interval"]);

/** A marker no element type reads: an empty sub-array fails the cast with this text instead of being flattened away. */
const EMPTY_SUB_ARRAY = "!empty sub-array";

/**
 * SQL converting wire JSON text `expr` to the PostgreSQL array `sqlType`.
 * `leafCast(e)` casts one element's wire text.
 */
export function arrayFromWireSql(expr: string, type: TArray, sqlType: string, leafCast: (e: string, leaf: TWeirType) => string): string {
  const { leaf } = arrayShape(type);
  if (TRANSLATABLE.has(leaf.kind)) {
    // jsonb writes arrays as "[a, b]": an empty sub-array is "[[]" at the start of its parent or ", []" after a sibling.
    const text = `((${expr})::jsonb)::text`;
    const marked = `replace(replace(${text}, '[[]', '[["${EMPTY_SUB_ARRAY}"]'), ', []', ', ["${EMPTY_SUB_ARRAY}"]')`;
    return `(translate(${marked}, '[]', '{}'))::${sqlType}`;
  }
  // The column's declared depth does not bind a value (PostgreSQL's int[] holds {{1,2},{3,4}}): convert by the value's
  // own depth, the number of brackets it opens with (arrays are rectangular; ragged ones fail the cast).
  const json = `(${expr})::jsonb`;
  const depth = `length(substring((${json})::text from '^\\[+'))`;
  const byDepth = Array.from(
    { length: MAX_ARRAY_DIMENSIONS },
    (_, i) => `WHEN ${i + 1} THEN (${levelSql(json, nestedType(leaf, i + 1), 1, leafCast)})::${sqlType}`,
  );
  return `CASE WHEN ${expr} IS NULL THEN NULL ELSE CASE ${depth} ${byDepth.join(" ")} END END`;
}

/** `leaf` wrapped in `depth` array levels. */
function nestedType(leaf: TWeirType, depth: number): TArray {
  let type: TWeirType = leaf;
  for (let i = 0; i < depth; i++) type = { kind: "array", items: type };
  return type as TArray;
}

/** One level of the generic conversion: ARRAY(...) over the elements of jsonb `json`, in order. */
function levelSql(json: string, type: TArray, level: number, leafCast: (e: string, leaf: TWeirType) => string): string {
  const e = `e${level}`;
  if (type.items.kind === "array") {
    return `ARRAY(SELECT ${levelSql(`${e}.v`, type.items, level + 1, leafCast)} FROM jsonb_array_elements(${json}) WITH ORDINALITY AS ${e}(v, n) ORDER BY ${e}.n)`;
  }
  // Leaves are JSON strings (their wire text) or null; anything else is a sub-array of a ragged value, refused with a
  // cast that fails when the row is read (not a constant, which PostgreSQL would fold and fail at once), whose message
  // says so; a cast error is a data error, for which the commit names the row.
  const leaf = `CASE jsonb_typeof(${e}.v) WHEN 'string' THEN ${leafCast(`(${e}.v #>> '{}')`, type.items)} WHEN 'null' THEN NULL ELSE ${leafCast(`((concat('${RAGGED}: ', ${e}.v))::int)::text`, type.items)} END`;
  return `ARRAY(SELECT ${leaf} FROM jsonb_array_elements(${json}) WITH ORDINALITY AS ${e}(v, n) ORDER BY ${e}.n)`;
}

/** The text of the failing cast that refuses an array whose sub-arrays are not all of one depth. */
const RAGGED = "an array whose sub-arrays differ in depth";

/** Leaf types whose to_json is the wire's JSON element already: array_to_json does any depth at once. */
const JSON_NATIVE = new Set<TWeirType["kind"]>(["boolean", "integer", "bigint", "text"]);

/**
 * SQL turning a PostgreSQL array `expr` (of any number of dimensions) into
 * its wire JSON text; `elementJson(e)` gives one element's JSON value.
 */
export function wireFromArraySql(expr: string, type: TArray, elementJson: (e: string, leaf: TWeirType) => string): string {
  const { leaf } = arrayShape(type);
  if (JSON_NATIVE.has(leaf.kind)) return `(array_to_json(${expr}))::text`;
  const byDimensions = Array.from({ length: MAX_ARRAY_DIMENSIONS }, (_, i) => `WHEN ${i + 1} THEN ${nestedJsonSql(expr, i + 1, 1, [], leaf, elementJson)}`);
  return `CASE WHEN ${expr} IS NULL THEN NULL WHEN array_ndims(${expr}) IS NULL THEN '[]' ELSE CASE array_ndims(${expr}) ${byDimensions.join(" ")} END END`;
}

/** Compact JSON text of dimension `level` of a `dimensions`-dimensional array, given the subscripts of the outer levels. */
function nestedJsonSql(
  expr: string,
  dimensions: number,
  level: number,
  outer: string[],
  leaf: TWeirType,
  elementJson: (e: string, leaf: TWeirType) => string,
): string {
  const i = `i${level}`;
  const subscripts = [...outer, i];
  const inner =
    level === dimensions
      ? `coalesce((${elementJson(`(${expr})[${subscripts.join("][")}]`, leaf)})::text, 'null')`
      : nestedJsonSql(expr, dimensions, level + 1, subscripts, leaf, elementJson);
  return `(SELECT '[' || coalesce(string_agg(${inner}, ',' ORDER BY ${i}), '') || ']' FROM generate_subscripts(${expr}, ${level}) AS ${i})`;
}
