/**
 * DuckDB SQL that produces Weir's wire text (src/connectors/wire-format.ts)
 * for a column, so DuckDB's own CSV writer emits record batches and no row
 * is turned into JavaScript values. Pure string building.
 *
 * Most encodings are DuckDB's VARCHAR casts (with the session in UTC); the
 * exceptions are floats, whose canonical text is JavaScript's
 * `String(number)` ("5", "1e-7", "NaN", "Infinity") where DuckDB writes
 * "5.0", "1e-07", "nan", "inf", and arrays, whose elements are JSON numbers,
 * booleans or strings of the element's wire text.
 */
import type { TWeirType } from "@/connectors/types";

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A literal path for DuckDB's readers, which glob every path they are given: `[`, `*`, `?` become classes. */
export function globLiteral(path: string): string {
  return path.replace(/[[*?]/g, (c) => `[${c}]`);
}

/**
 * Session macros turning DuckDB's shortest round-trip float text into
 * JavaScript's: same digits, JavaScript's rules for where the point goes
 * (plain notation for 1e-6 ≤ |x| < 1e21, else d.ddde±n). The common case,
 * "12.5", passes through after cheap tests.
 */
export const WIRE_MACROS: readonly string[] = [
  // Significant digits of a positive number's text: "0.00120" → "12", "1.5e-07" → "15".
  `CREATE OR REPLACE TEMP MACRO weir_float_digits(s) AS rtrim(ltrim(replace(split_part(s, 'e', 1), '.', ''), '0'), '0')`,
  // Position of the decimal point relative to those digits (value = 0.digits × 10^n).
  `CREATE OR REPLACE TEMP MACRO weir_float_point(s) AS CASE
     WHEN contains(s, 'e') THEN CAST(split_part(s, 'e', 2) AS INTEGER) + 1
     WHEN split_part(s, '.', 1) <> '0' THEN length(split_part(s, '.', 1))
     ELSE length(ltrim(split_part(s, '.', 2), '0')) - length(split_part(s, '.', 2)) END`,
  // ECMAScript Number::toString layout of digits d with point position n.
  `CREATE OR REPLACE TEMP MACRO weir_float_layout(d, n) AS CASE
     WHEN n >= length(d) AND n <= 21 THEN d || repeat('0', n - length(d))
     WHEN n > 0 AND n <= 21 THEN substr(d, 1, n) || '.' || substr(d, n + 1)
     WHEN n > -6 AND n <= 0 THEN '0.' || repeat('0', -n) || d
     ELSE (CASE WHEN length(d) = 1 THEN d ELSE substr(d, 1, 1) || '.' || substr(d, 2) END)
       || 'e' || (CASE WHEN n >= 1 THEN '+' ELSE '-' END) || CAST(abs(n - 1) AS VARCHAR) END`,
  `CREATE OR REPLACE TEMP MACRO weir_float_text(s) AS CASE
     WHEN s IS NULL THEN NULL
     WHEN NOT contains(s, 'e') AND NOT contains(s, 'n') AND NOT ends_with(s, '.0') AND NOT starts_with(ltrim(s, '-'), '0.00000') THEN s
     WHEN s = 'nan' OR s = '-nan' THEN 'NaN'
     WHEN s = 'inf' THEN 'Infinity'
     WHEN s = '-inf' THEN '-Infinity'
     WHEN s = '0.0' OR s = '-0.0' THEN '0'
     WHEN NOT contains(s, 'e') AND ends_with(s, '.0') THEN substr(s, 1, length(s) - 2)
     WHEN starts_with(s, '-') THEN '-' || weir_float_layout(weir_float_digits(substr(s, 2)), weir_float_point(substr(s, 2)))
     ELSE weir_float_layout(weir_float_digits(s), weir_float_point(s)) END`,
];

const asText = (expr: string) => `CAST(${expr} AS VARCHAR)`;

/**
 * SQL for the wire text of `expr`, a value whose DuckDB type maps to `type`
 * (see duckdb-types.ts); NULL stays NULL. `depth` keeps lambda names apart
 * in nested arrays.
 */
export function wireTextSql(expr: string, type: TWeirType, depth = 0): string {
  switch (type.kind) {
    case "boolean":
    case "integer":
    case "bigint":
    case "numeric":
    case "text":
    case "uuid":
    case "date":
      return asText(expr);
    case "float":
      return `weir_float_text(${asText(expr)})`;
    case "timestamp":
      // TIMESTAMP_NS would print nine fractional digits; the wire has at most six.
      return asText(`CAST(${expr} AS TIMESTAMP)`);
    case "timestamptz":
      // The session's TimeZone is UTC, so DuckDB prints "… +00".
      return asText(`CAST(${expr} AS TIMESTAMPTZ)`);
    case "json":
      // to_json keeps JSON as is, and turns structs, maps, lists and scalars into JSON.
      return asText(`to_json(${expr})`);
    case "bytes":
      return `base64(CAST(${expr} AS BLOB))`;
    case "array":
      return asText(arrayJsonSql(expr, type.items, depth));
  }
}

/** A JSON array whose elements follow encodeWireRows: numbers and booleans as such, the rest as strings of their wire text. */
function arrayJsonSql(expr: string, items: TWeirType, depth: number): string {
  const e = `__weir_e${depth}`;
  return `to_json(list_transform(${expr}, lambda ${e}: ${elementJsonSql(e, items, depth + 1)}))`;
}

function elementJsonSql(e: string, type: TWeirType, depth: number): string {
  switch (type.kind) {
    case "boolean":
    case "integer":
    case "bigint":
      return `to_json(${e})`;
    case "float":
      // JSON.stringify writes NaN and ±Infinity as null.
      return `CASE WHEN isnan(${e}) OR isinf(${e}) THEN NULL ELSE CAST(weir_float_text(${asText(e)}) AS JSON) END`;
    case "array":
      return arrayJsonSql(e, type.items, depth);
    default:
      return `to_json(${wireTextSql(e, type, depth)})`;
  }
}
