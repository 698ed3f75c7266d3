/**
 * Reading stored Snowflake values back as Weir's wire text
 * (src/connectors/wire-format.ts): the SQL that turns a stored column into
 * the text the source sent, used to convert old values when a column's type
 * widens (through their wire text, type-changes.ts), by the tests' fixture to
 * read tables back, and by the fidelity matrix. Pure.
 *
 * The SQL is exact for every type but two, whose numbers Snowflake (and the
 * emulator) spell differently from JavaScript though the value is the same:
 * FLOAT (`1e-07` for the wire's `1e-7`) and numbers with an exponent
 * inside VARIANT (`1.7976931348623157e308`), which Snowflake keeps as
 * doubles. `respellWireText` gives those the wire's
 * spelling after the read; everything else passes through.
 */
import { sqlString } from "@/connectors/snowflake/identifiers";
import type { TWeirType } from "@/connectors/types";

/** Microsecond text without trailing zeros (`10:00:00.120000` → `10:00:00.12`, `.000000` dropped); character classes, not escapes, so literals read the same everywhere. */
const trimFraction = (text: string) => `REGEXP_REPLACE(${text}, '[.]0+$|([.][0-9]*[1-9])0+$', ${sqlString("\\1")})`;
const FORMAT = sqlString("YYYY-MM-DD HH24:MI:SS.FF6");

/** SQL giving the wire text of `expr`, a stored column holding values of `type` (NULL stays NULL). */
export function wireTextSql(expr: string, type: TWeirType): string {
  switch (type.kind) {
    case "boolean":
      return `CASE WHEN ${expr} THEN 'true' WHEN NOT ${expr} THEN 'false' END`;
    case "integer":
    case "bigint":
    case "numeric":
      return `CAST(${expr} AS VARCHAR)`;
    case "float":
      return `CASE WHEN ${expr} = CAST('inf' AS FLOAT) THEN 'Infinity' WHEN ${expr} = CAST('-inf' AS FLOAT) THEN '-Infinity' WHEN ${expr} = CAST('NaN' AS FLOAT) THEN 'NaN' ELSE CAST(${expr} AS VARCHAR) END`;
    case "date":
      return `TO_VARCHAR(${expr}, 'YYYY-MM-DD')`;
    case "timestamp":
      return trimFraction(`TO_VARCHAR(${expr}, ${FORMAT})`);
    case "timestamptz":
      return `${trimFraction(`TO_VARCHAR(CONVERT_TIMEZONE('UTC', ${expr}), ${FORMAT})`)} || '+00'`;
    case "time":
      // As a timestamp on day one: TO_VARCHAR of a TIME follows TIME_OUTPUT_FORMAT, which drops the fraction by default.
      return `SUBSTR(${trimFraction(`TO_VARCHAR(DATEADD(microsecond, DATEDIFF(microsecond, CAST('00:00:00' AS TIME), ${expr}), CAST('1970-01-01' AS TIMESTAMP_NTZ(6))), ${FORMAT})`)}, 12)`;
    case "json":
    case "array":
      return `TO_JSON(${expr})`;
    case "bytes":
      return `BASE64_ENCODE(${expr})`;
    default:
      return expr;
  }
}

/** A float's text as JavaScript writes the same double (the wire's spelling). */
function floatSpelling(text: string): string {
  if (text === "NaN" || text === "Infinity" || text === "-Infinity") return text;
  return String(Number(text));
}

const JSON_TOKEN = /\s+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[^\s"\d-]+|./gsu;

/** A JSON number written with an exponent, in JavaScript's spelling of the same double (Snowflake keeps such numbers as doubles). */
function exponentSpelling(token: string): string {
  const value = Number(token);
  return /[eE]/.test(token) && Number.isFinite(value) ? String(value) : token;
}

/**
 * JSON text as the wire writes it: no whitespace, strings as JSON.stringify
 * writes them, numbers with an exponent in JavaScript's spelling; every
 * other number keeps its digits.
 */
export function respellJson(text: string): string {
  let out = "";
  for (const [token] of text.matchAll(JSON_TOKEN)) {
    if (/^\s+$/u.test(token)) continue;
    if (token.startsWith('"')) out += JSON.stringify(JSON.parse(token) as string);
    else if (/^-?\d/.test(token)) out += exponentSpelling(token);
    else out += token;
  }
  return out;
}

/** The wire text of a value read with wireTextSql: floats and numbers with an exponent inside VARIANT respelled, the rest as read. */
export function respellWireText(text: string | null, type: TWeirType): string | null {
  if (text === null) return null;
  if (type.kind === "float") return floatSpelling(text);
  if (type.kind === "json" || type.kind === "array") return respellJson(text);
  return text;
}
