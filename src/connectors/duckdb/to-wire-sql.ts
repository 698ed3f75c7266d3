/**
 * SQL reading a stored DuckDB value back as Weir's wire text
 * (src/connectors/wire-format.ts), the inverse of from-wire-sql.ts. Used to
 * compare what landed with what the source sent (the fidelity tests, the
 * test fixture's readTable), to convert old values through their wire text
 * when a column's type widens, and for the row identities of the cursor
 * boundary. DuckDB's own text differs from the wire in a few places: BC
 * dates (`0044-03-15 (BC)` → `0044-03-15 BC`, and after the time for
 * timestamps), floats (`nan`, `inf`, `1e-07`, `100.0` → `NaN`, `Infinity`,
 * `1e-7`, `100`: JavaScript's layout), intervals (ISO 8601 as PostgreSQL writes it), BLOBs
 * (base64) and lists (JSON with the wire's element encoding). Timestamps
 * with time zone are written in UTC (`+00`) whatever the session's time
 * zone. Pure string building.
 */
import type { TWeirType } from "@/connectors/types";
import { exponentAsPlain } from "@/connectors/duckdb/from-wire-sql";

const text = (expr: string) => `CAST(${expr} AS VARCHAR)`;

/** DuckDB's " (BC)" after the date (in the text `textExpr`) becomes the wire's " BC" at the end. */
function withEra(textExpr: string): string {
  return `CASE WHEN contains(${textExpr}, ' (BC)') THEN replace(${textExpr}, ' (BC)', '') || ' BC' ELSE ${textExpr} END`;
}

/**
 * A TIMESTAMPTZ in UTC with `+00`, written from its microseconds as a plain
 * TIMESTAMP: DuckDB prints TIMESTAMPTZ through ICU's calendar, whose double
 * milliseconds round values near the end of the range (294246-12-31
 * 23:59:59.999999 printed as 294247-01-01 00:00:00.000999).
 */
function timestamptzText(expr: string): string {
  const utc = `${text(`make_timestamp(epoch_us(${expr}))`)} || '+00'`;
  return `CASE WHEN isinf(${expr}) THEN ${text(expr)} ELSE ${withEra(utc)} END`;
}

/**
 * A float in JavaScript's layout, as the wire (and the PostgreSQL source)
 * writes it: DuckDB's shortest round-trip digits, plain for exponents -6…20
 * (`100`, not `100.0`; `0.00001`, not `1e-05`), else `1e-7`, `1e+21`.
 */
function floatText(expr: string): string {
  const t = text(expr);
  const exponent = `CAST(split_part(${t}, 'e', 2) AS INTEGER)`;
  return `CASE WHEN isnan(${expr}) THEN 'NaN' WHEN isinf(${expr}) THEN (CASE WHEN ${expr} > 0 THEN 'Infinity' ELSE '-Infinity' END)
  WHEN ${expr} = 0 THEN '0'
  WHEN contains(${t}, 'e') THEN (CASE WHEN ${exponent} BETWEEN -6 AND 20 THEN ${exponentAsPlain(t)} ELSE regexp_replace(${t}, 'e([+-])0*([0-9])', 'e\\1\\2') END)
  ELSE regexp_replace(${t}, '\\.0$', '') END`;
}

/** ISO 8601 as PostgreSQL's iso_8601 IntervalStyle writes it: each part signed on its own, `PT0S` for zero. */
function intervalText(expr: string): string {
  const part = (name: string) => `datepart('${name}', ${expr})`;
  const unit = (value: string, letter: string) => `CASE WHEN ${value} <> 0 THEN ${text(value)} || '${letter}' ELSE '' END`;
  const micros = part("microseconds"); // seconds and their fraction, within the minute
  const fraction = `abs(${micros}) % 1000000`;
  const seconds = `CASE WHEN ${micros} < 0 THEN '-' ELSE '' END || ${text(`abs(${micros}) // 1000000`)}
    || CASE WHEN ${fraction} <> 0 THEN '.' || rtrim(lpad(${text(fraction)}, 6, '0'), '0') ELSE '' END || 'S'`;
  const time = `${part("hour")} <> 0 OR ${part("minute")} <> 0 OR ${micros} <> 0`;
  const zero = `${part("year")} = 0 AND ${part("month")} = 0 AND ${part("day")} = 0 AND NOT (${time})`;
  return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${zero} THEN 'PT0S' ELSE 'P' || ${unit(part("year"), "Y")} || ${unit(part("month"), "M")} || ${unit(part("day"), "D")}
  || CASE WHEN ${time} THEN 'T' ELSE '' END || ${unit(part("hour"), "H")} || ${unit(part("minute"), "M")}
  || CASE WHEN ${micros} <> 0 THEN ${seconds} ELSE '' END END`;
}

/** One list element inside the wire's JSON array: numbers and booleans bare, float NaN/Infinity and every other type as a JSON string of its wire text. */
function elementJson(expr: string, type: TWeirType, depth: number): string {
  switch (type.kind) {
    case "array":
      return listText(expr, type, depth);
    case "integer":
    case "bigint":
    case "boolean":
      return text(expr);
    case "float":
      return `CASE WHEN isnan(${expr}) OR isinf(${expr}) THEN '"' || ${floatText(expr)} || '"' ELSE ${floatText(expr)} END`;
    default:
      return text(`to_json(${toWireSql(expr, type, depth)})`);
  }
}

function listText(expr: string, type: Extract<TWeirType, { kind: "array" }>, depth: number): string {
  const element = `weir_w${depth}`;
  const items = `list_transform(${expr}, lambda ${element}: coalesce(${elementJson(element, type.items, depth + 1)}, 'null'))`;
  return `CASE WHEN ${expr} IS NULL THEN NULL ELSE '[' || array_to_string(${items}, ',') || ']' END`;
}

/**
 * SQL giving the wire text of `expr`, a stored value of the DuckDB type of
 * `type` (type-mapping.ts); NULL stays NULL. `depth` keeps lambda parameters
 * of nested lists apart.
 */
export function toWireSql(expr: string, type: TWeirType, depth = 0): string {
  switch (type.kind) {
    case "float":
      return floatText(expr);
    case "date":
    case "timestamp":
      return withEra(text(expr));
    case "timestamptz":
      return timestamptzText(expr);
    case "interval":
      return intervalText(expr);
    case "bytes":
      return `to_base64(${expr})`;
    case "array":
      return listText(expr, type, depth);
    default:
      return text(expr);
  }
}
