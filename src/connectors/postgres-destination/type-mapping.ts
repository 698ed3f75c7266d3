/**
 * Weir types ↔ PostgreSQL for the PostgreSQL destination. Pure: each function
 * returns SQL text.
 *
 * - `pgType`: the column type a Weir type is stored as.
 * - `castFromWire`: the SQL turning a staged wire-text value into that type
 *   (run set-based inside the commit; no row passes through JavaScript).
 * - `wireFromValue`: the SQL turning a stored value back into its wire text,
 *   exactly as a PostgreSQL source produces it with `TimeZone = UTC`,
 *   `DateStyle = ISO` and `IntervalStyle = iso_8601` (which every session of
 *   this destination sets). The ledger's cursor, the cursor boundary's row
 *   identities of a direct load, type widening and the tests use it.
 *
 * Arrays of any depth are PostgreSQL arrays (array-sql.ts); only arrays
 * nested deeper than PostgreSQL's 6 dimensions are jsonb holding the wire
 * JSON. What each type keeps, converts or refuses is `describeType`
 * (describe-type.ts).
 */
import { arrayFromWireSql, isJsonbArray, wireFromArraySql } from "@/connectors/postgres-destination/array-sql";
import type { TWeirType } from "@/connectors/types";

/** The largest precision PostgreSQL accepts for numeric(p,s). */
const MAX_NUMERIC_PRECISION = 1000;

type TNumeric = Extract<TWeirType, { kind: "numeric" }>;

/**
 * numeric(p,s) when p is 1…1000 and s is 0…p, numeric(p) when only p is valid,
 * otherwise unconstrained numeric (which holds every value exactly).
 */
function numericType(type: TNumeric): string {
  const { precision: p, scale: s } = type;
  if (p === undefined || !Number.isInteger(p) || p < 1 || p > MAX_NUMERIC_PRECISION) return "numeric";
  if (s === undefined) return `numeric(${p})`;
  return Number.isInteger(s) && s >= 0 && s <= p ? `numeric(${p},${s})` : "numeric";
}

/** The PostgreSQL column type of a Weir type. */
export function pgType(type: TWeirType): string {
  switch (type.kind) {
    case "boolean":
      return "boolean";
    case "integer":
      return "integer";
    case "bigint":
      return "bigint";
    case "float":
      return "double precision";
    case "numeric":
      return numericType(type);
    case "text":
      return "text";
    case "uuid":
      return "uuid";
    case "date":
      return "date";
    case "timestamp":
      return "timestamp";
    case "timestamptz":
      return "timestamptz";
    case "time":
      return "time";
    case "interval":
      return "interval";
    case "json":
      return "jsonb";
    case "bytes":
      return "bytea";
    case "array":
      return isJsonbArray(type) ? "jsonb" : `${pgType(leafOf(type))}[]`;
  }
}

/**
 * SQL converting the wire text `expr` (text, NULL for NULL) to `pgType(type)`.
 * Wire text that is not valid for the type fails the statement (and so the
 * commit) with PostgreSQL's own message.
 */
export function castFromWire(expr: string, type: TWeirType): string {
  switch (type.kind) {
    case "text":
      return expr;
    case "bytes":
      return `decode(${expr}, 'base64')`;
    case "array":
      if (isJsonbArray(type)) return `(${expr})::jsonb`;
      return arrayFromWireSql(expr, type, pgType(type), castFromWire);
    default:
      return `(${expr})::${pgType(type)}`;
  }
}

/**
 * Whether the wire text of `type` is also PostgreSQL's input text for
 * `pgType(type)`, so that COPY can load it into a typed column directly
 * (castFromWire is then a plain cast, which runs the same input function;
 * PostgreSQL reads ISO 8601 intervals whatever its IntervalStyle). Not so
 * for bytes (base64 on the wire) and arrays (JSON on the wire).
 */
export function copiesAsIs(type: TWeirType): boolean {
  return type.kind !== "bytes" && type.kind !== "array";
}

/**
 * A float's wire text: PostgreSQL's shortest round-trip digits (any
 * extra_float_digits > 0) in JavaScript's Number#toString layout, as
 * `encodeValue` and the PostgreSQL source write it: plain notation for
 * exponents -6…20 (through numeric, whose text is always plain), else
 * `d.ddde±n` without zero-padding; "-0" is "0"; NaN and ±Infinity as named.
 */
function floatWireSql(expr: string): string {
  const t = `(${expr})::text`;
  return (
    `CASE WHEN strpos(${t}, 'e') > 0 THEN ` +
    `CASE WHEN split_part(${t}, 'e', 2)::int BETWEEN -6 AND 20 THEN ((${t})::numeric)::text ` +
    `ELSE regexp_replace(${t}, 'e([+-])0+(\\d)', 'e\\1\\2') END ` +
    `WHEN ${t} = '-0' THEN '0' ELSE ${t} END`
  );
}

/**
 * One array element as the JSON value an encoded array holds: integers,
 * bigints and booleans as JSON numbers and booleans, floats as JSON numbers
 * (NaN and ±Infinity as JSON strings), every other type as a JSON string of
 * its wire text.
 */
function elementJsonSql(expr: string, type: TWeirType): string {
  switch (type.kind) {
    case "integer":
    case "bigint":
    case "boolean":
      return `to_json(${expr})`;
    case "float":
      return `CASE WHEN (${expr})::text IN ('NaN', 'Infinity', '-Infinity') THEN to_json((${expr})::text) ELSE (${floatWireSql(expr)})::json END`;
    default:
      return `to_json(${wireFromValue(expr, type)})`;
  }
}

/** SQL turning a value of `pgType(type)` into its wire text (NULL stays NULL). */
export function wireFromValue(expr: string, type: TWeirType): string {
  switch (type.kind) {
    case "float":
      return floatWireSql(expr);
    case "bytes":
      // encode() breaks base64 into 76-character lines; the wire has none.
      return `translate(encode(${expr}, 'base64'), E'\\n', '')`;
    case "array":
      if (isJsonbArray(type)) return `(${expr})::text`;
      return wireFromArraySql(expr, type, elementJsonSql);
    default:
      // Under TimeZone UTC, DateStyle ISO and IntervalStyle iso_8601 a value's own text is its wire text (booleans cast to true/false).
      return `(${expr})::text`;
  }
}

function leafOf(type: TWeirType): TWeirType {
  return type.kind === "array" ? leafOf(type.items) : type;
}
