/**
 * DuckDB SQL that produces Weir's wire text (src/connectors/wire-format.ts)
 * for a column, so DuckDB's own CSV writer emits record batches and no row
 * is turned into JavaScript values. Pure string building.
 *
 * Most encodings are DuckDB's VARCHAR casts (with the session in UTC); the
 * exceptions are floats, whose canonical text is JavaScript's
 * `String(number)` ("5", "1e-7", "NaN", "Infinity") where DuckDB writes
 * "5.0", "1e-07", "nan", "inf"; dates and timestamps before year 1, which
 * DuckDB writes `0044-03-15 (BC) 10:00:00` and the wire `0044-03-15
 * 10:00:00 BC` (PostgreSQL's spelling); intervals, which the wire writes as
 * PostgreSQL's iso_8601 style (`P1Y2M3DT4H5M6.5S`) and DuckDB as `1 year 2
 * months …`; and arrays, whose elements are JSON numbers, booleans or
 * strings of the element's wire text (float NaN and infinities as strings).
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
  // DuckDB's "(BC)" after the date part → PostgreSQL's " BC" at the end (only asked of values before year 1).
  `CREATE OR REPLACE TEMP MACRO weir_bc(s) AS CASE WHEN contains(s, ' (BC)') THEN replace(s, ' (BC)', '') || ' BC' ELSE s END`,
  // One signed part of an ISO 8601 duration, or nothing for zero (PostgreSQL's AddISO8601IntPart).
  `CREATE OR REPLACE TEMP MACRO weir_iso_part(v, unit) AS CASE WHEN v = 0 THEN '' ELSE CAST(v AS VARCHAR) || unit END`,
  // Years, months, days, hours, minutes and microseconds of the minute (each truncated toward zero, so signed like the whole) → PostgreSQL's iso_8601 text.
  `CREATE OR REPLACE TEMP MACRO weir_iso_interval(y, mo, d, h, mi, us) AS CASE
     WHEN y = 0 AND mo = 0 AND d = 0 AND h = 0 AND mi = 0 AND us = 0 THEN 'PT0S'
     ELSE 'P' || weir_iso_part(y, 'Y') || weir_iso_part(mo, 'M') || weir_iso_part(d, 'D')
       || CASE WHEN h = 0 AND mi = 0 AND us = 0 THEN '' ELSE 'T' END
       || weir_iso_part(h, 'H') || weir_iso_part(mi, 'M')
       || CASE WHEN us = 0 THEN '' ELSE (CASE WHEN us < 0 THEN '-' ELSE '' END) || CAST(abs(us) // 1000000 AS VARCHAR)
            || CASE WHEN abs(us) % 1000000 = 0 THEN '' ELSE '.' || rtrim(lpad(CAST(abs(us) % 1000000 AS VARCHAR), 6, '0'), '0') END || 'S' END
     END`,
  `CREATE OR REPLACE TEMP MACRO weir_interval_text(i) AS CASE WHEN i IS NULL THEN NULL
     ELSE weir_iso_interval(datepart('year', i), datepart('month', i), datepart('day', i), datepart('hour', i), datepart('minute', i), datepart('microseconds', i)) END`,
];

const asText = (expr: string) => `CAST(${expr} AS VARCHAR)`;

/**
 * DuckDB's text of a date or timestamp `value`, rewritten by weir_bc only
 * when it lies before `firstDay` (year 1): one comparison of the value per
 * row (within noise of a plain cast; a text test on every value cost 18%
 * more CPU on 3M timestamps).
 */
const datedText = (value: string, firstDay: string) => `CASE WHEN ${value} >= ${firstDay} THEN ${asText(value)} ELSE weir_bc(${asText(value)}) END`;

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
      return asText(expr);
    case "date":
      return datedText(expr, "DATE '0001-01-01'");
    case "float":
      return `weir_float_text(${asText(expr)})`;
    case "timestamp":
      // TIMESTAMP_NS would print nine fractional digits; the wire has at most six.
      return datedText(`CAST(${expr} AS TIMESTAMP)`, "TIMESTAMP '0001-01-01 00:00:00'");
    case "timestamptz":
      // The session's TimeZone is UTC, so DuckDB prints "… +00".
      return datedText(`CAST(${expr} AS TIMESTAMPTZ)`, "TIMESTAMPTZ '0001-01-01 00:00:00+00'");
    case "time":
      // TIME_NS would print nine fractional digits; DuckDB's TIME prints "HH:MM:SS[.f]" as the wire does.
      return asText(`CAST(${expr} AS TIME)`);
    case "interval":
      return `weir_interval_text(${expr})`;
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
      // A JSON number, except NaN and ±Infinity, which JSON has no numbers for: strings "NaN", "Infinity", "-Infinity".
      return `CASE WHEN isnan(${e}) OR isinf(${e}) THEN to_json(weir_float_text(${asText(e)})) ELSE CAST(weir_float_text(${asText(e)}) AS JSON) END`;
    case "array":
      return arrayJsonSql(e, type.items, depth);
    default:
      return `to_json(${wireTextSql(e, type, depth)})`;
  }
}
