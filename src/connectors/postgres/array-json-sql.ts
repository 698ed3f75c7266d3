/**
 * Array columns as the wire's JSON arrays (src/connectors/wire-format.ts):
 * nested as the value's own dimensions, integers and booleans as JSON values,
 * floats as JSON numbers in JavaScript's layout with NaN and ±Infinity as
 * JSON strings, every other element as a JSON string of its wire text, NULL
 * elements as null. Lower bounds are not kept ('[0:1]={a,b}' → ["a","b"]).
 *
 * Three ways, cheapest first, each keeping the dimensions:
 * - array_to_json(c) where it already writes the wire array: integers,
 *   booleans, and built-in types whose elements it writes as JSON strings of
 *   their output (text, uuid, enums, time, interval, inet, ranges, …);
 * - array_to_json(c::text[]) where the element's output is its wire text but
 *   array_to_json would write something else (numeric as JSON numbers, dates
 *   and timestamps in JSON's own layout, json embedded rather than as a
 *   string); money goes through numeric[] first, oid through int8[];
 * - element by element, re-nested by the value's dimensions (`nestedJsonSql`),
 *   where no cast gives the wire text: floats, bytea, composites, and types
 *   created in the database (an extension may give them a cast to json that
 *   array_to_json would use).
 */
import { floatTextSql } from "@/connectors/postgres/float-text-sql";
import { type TPgType, builtInName, isCompositeType, isTextOutputOnly } from "@/connectors/postgres/type-mapping";

/** Element types whose output is their wire text, but not what array_to_json writes for them. */
const VIA_TEXT = new Set(["numeric", "date", "timestamp", "timestamptz", "json", "jsonb"]);

/** PostgreSQL's MAXDIM: no array has more dimensions. */
const MAX_DIMENSIONS = 6;

const U = "__weir_u";
const D = "__weir_d";
const Q = "__weir_q";

/** The JSON text of one non-NULL element `e` where array_to_json does not write it right; null where it does. */
function elementJsonSql(element: TPgType): ((e: string) => string) | null {
  // format's %s is the type's output function, whatever casts the type has.
  if (isTextOutputOnly(element)) return (e) => `CASE WHEN ${e} IS NULL THEN NULL ELSE to_json(format('%s', ${e}))::text END`;
  const name = builtInName(element);
  if (name === "float4" || name === "float8") {
    return (e) => `CASE WHEN (${e})::text IN ('NaN', 'Infinity', '-Infinity') THEN '"' || (${e})::text || '"' ELSE ${floatTextSql(e)} END`;
  }
  if (name === "bytea") return (e) => `'"' || translate(encode(${e}, 'base64'), chr(10), '') || '"'`;
  if (isCompositeType(element)) return (e) => `to_json(to_json(${e})::text)::text`;
  return null;
}

/**
 * `expr`'s elements as rows (e, o) in storage order, o counting from 1. In
 * FROM, unnest would expand a composite element into its fields, so those
 * are unnested in a select list instead.
 */
function elementsSql(expr: string, composite: boolean): string {
  return composite ? `(SELECT unnest(${expr}) AS e, generate_series(1, cardinality(${expr})) AS o) AS ${U}` : `unnest(${expr}) WITH ORDINALITY AS ${U}(e, o)`;
}

/**
 * The wire array of `expr` built element by element: its elements' JSON
 * (`elementJson`, null → `null`) in storage order. A one-dimensional value
 * (almost all of them) is a plain list. A value of more dimensions gets its
 * brackets where its dimensions say: after the o-th element, one bracket
 * closes (and one opens again) for each dimension k < n whose sub-arrays hold
 * a number of elements (the product of the lengths of dimensions k+1…n) that
 * divides o.
 *
 * Every array function call reads (and, for a big value stored compressed,
 * decompresses) the whole array, so the lengths are computed once per value
 * in a subquery kept apart by OFFSET 0, never per element.
 */
export function nestedJsonSql(expr: string, elementJson: (e: string) => string, composite = false): string {
  const element = `coalesce(${elementJson(`${U}.e`)}, 'null')`;
  const elements = elementsSql(expr, composite);
  // string_agg over no rows (an empty array) is NULL.
  const list = `coalesce((SELECT '[' || string_agg(${element}, ',' ORDER BY ${U}.o) || ']' FROM ${elements}), '[]')`;
  const length = (d: number) => `coalesce(array_length(${expr}, ${d}), 1)`;
  const blocks: string[] = [];
  for (let k = 1; k < MAX_DIMENSIONS; k++) {
    const lengths: string[] = [];
    for (let d = k + 1; d <= MAX_DIMENSIONS; d++) lengths.push(length(d));
    blocks.push(`${lengths.join(" * ")} AS b${k}`);
  }
  const closes = blocks.map((_, i) => `(${D}.n > ${i + 1} AND ${U}.o % ${D}.b${i + 1} = 0)::int`).join(" + ");
  const separator = `CASE WHEN ${Q}.o = ${Q}.total THEN '' ELSE repeat(']', ${Q}.c) || ',' || repeat('[', ${Q}.c) END`;
  const nested =
    `(SELECT repeat('[', ${Q}.n) || string_agg(${Q}.j || ${separator}, '' ORDER BY ${Q}.o) || repeat(']', ${Q}.n) FROM (` +
    `SELECT ${D}.n, ${D}.total, ${U}.o, ${element} AS j, ${closes} AS c ` +
    `FROM (SELECT array_ndims(${expr}) AS n, cardinality(${expr}) AS total, ${blocks.join(", ")} OFFSET 0) AS ${D}, ${elements}` +
    `) AS ${Q} GROUP BY ${Q}.n, ${Q}.total)`;
  // array_ndims is NULL for an empty array, which then takes the list's way.
  return `CASE WHEN ${expr} IS NULL THEN NULL WHEN array_ndims(${expr}) > 1 THEN ${nested} ELSE ${list} END`;
}

/** SQL whose text is the wire encoding of `expr`, an array of PostgreSQL type `type`; NULL stays NULL. */
export function arrayJsonSql(expr: string, type: TPgType): string {
  const element = type.element ?? { typeName: "text", category: "S" };
  const elementJson = elementJsonSql(element);
  if (elementJson) return nestedJsonSql(expr, elementJson, isCompositeType(element));
  const name = builtInName(element);
  if (name === "oid") return `array_to_json((${expr})::int8[])::text`;
  if (name === "money") return `array_to_json((${expr})::numeric[]::text[])::text`;
  if (VIA_TEXT.has(name)) return `array_to_json((${expr})::text[])::text`;
  return `array_to_json(${expr})::text`;
}
