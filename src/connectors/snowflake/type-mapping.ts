/**
 * Weir types → Snowflake for the Snowflake destination: the column type each
 * Weir type is stored as, and the SQL turning a staged wire-text value
 * (VARCHAR, NULL for NULL) into it, set-based inside the warehouse. Pure.
 *
 * Every value arrives exactly, converted by the rule describe-type.ts states,
 * or the statement fails: text that is not a value of the type fails the
 * cast, and values Snowflake would otherwise change silently are refused by
 * Weir's own rule, in SQL that runs the same on Snowflake and on the
 * emulator (DuckDB), whose casts accept more than Snowflake's:
 * - NUMBER(p,s) would round digits past the scale: text with more
 *   significant fractional digits than s is refused;
 * - dates and timestamps outside years 1–9999 (BC, five-digit years) and
 *   ±infinity are refused: Snowflake's calendar range, not the emulator's;
 * - TIME ends at 23:59:59.999999999: 24:00:00 is refused.
 * - a column kept at a type the source no longer sends (castFrom) refuses
 *   the texts that do not fit it (cast-from.ts).
 * A refused value is replaced by a text no cast accepts (REFUSED), so the
 * statement fails; `tryCastFromWire` (NULL instead of an error, REFUSED
 * included) then finds the row (refusal.ts).
 *
 * Numeric without a declared precision (or above 38 digits) is VARCHAR
 * holding the exact decimal text: Snowflake's NUMBER holds 38 digits and
 * rounds the rest.
 */
import { castFromAdmittedSql, castFromRefusedSql } from "@/connectors/snowflake/cast-from";
import { numberOf } from "@/connectors/snowflake/number-type";
import type { TWeirType } from "@/connectors/types";

/** Snowflake's VARCHAR without a length (16 MB). */
export const VARCHAR_MAX = 16_777_216;

/** What a refused value becomes before its cast: text no cast accepts, which says why in Snowflake's error. */
export const REFUSED = "'Weir refuses this value in Snowflake'";

/** The Snowflake column type of a Weir type. */
export function snowflakeType(type: TWeirType): string {
  switch (type.kind) {
    case "boolean":
      return "BOOLEAN";
    case "integer":
      return "NUMBER(10,0)";
    case "bigint":
      return "NUMBER(19,0)";
    case "float":
      return "FLOAT";
    case "numeric": {
      const n = numberOf(type);
      return n ? `NUMBER(${n.precision},${n.scale})` : "VARCHAR";
    }
    case "text":
    case "interval":
      return "VARCHAR";
    case "uuid":
      return "VARCHAR(36)";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP_NTZ(6)";
    case "timestamptz":
      return "TIMESTAMP_TZ(6)";
    case "time":
      return "TIME(6)";
    case "json":
    case "array":
      return "VARIANT";
    case "bytes":
      return "BINARY";
  }
}

/** The scale of the NUMBER a Weir type is stored as, or null when it is not a NUMBER. */
function numberScale(type: TWeirType): number | null {
  if (type.kind === "integer" || type.kind === "bigint") return 0;
  if (type.kind === "numeric") return numberOf(type)?.scale ?? null;
  return null;
}

/** Wire dates and timestamps start `YYYY-`; five-digit years, ` BC` and ±infinity are outside Snowflake's years 1–9999. */
const outsideYears = (x: string) => `(SUBSTR(${x}, 5, 1) <> '-' OR ${x} LIKE '% BC')`;

/**
 * Fractional digits past the scale that are not zeros: the cast would round
 * them. Plain decimals (the wire's numbers) count the digits after the point
 * less trailing zeros. With `exponents` (a column kept as NUMBER while the
 * source sends floats, whose texts may have one), an exponent form counts
 * the place of the mantissa's last non-zero digit after the point, less the
 * exponent; other columns do not pay for the test.
 */
function pastScale(x: string, scale: number, exponents: boolean): string {
  const plain = `LENGTH(RTRIM(SPLIT_PART(${x}, '.', 2), '0')) > ${scale}`;
  if (!exponents) return plain;
  const mantissa = `REPLACE(REPLACE(SPLIT_PART(LOWER(${x}), 'e', 1), '-', ''), '+', '')`;
  const lastDigit = `LENGTH(RTRIM(REPLACE(${mantissa}, '.', ''), '0'))`;
  const exponent = `TRY_CAST(SPLIT_PART(LOWER(${x}), 'e', 2) AS INTEGER)`;
  const exponentForm = `(${lastDigit} > 0 AND ${lastDigit} - LENGTH(SPLIT_PART(${mantissa}, '.', 1)) - ${exponent} > ${scale})`;
  return `IFF(CONTAINS(${x}, 'e') OR CONTAINS(${x}, 'E'), ${exponentForm}, ${plain})`;
}

/**
 * The staged text `x` with Weir's refusals applied: a value of a refused
 * class, or (castFrom: the type the source sends when the column keeps
 * another) one that does not fit the kept type, becomes REFUSED; also the
 * wire spellings Snowflake reads differently (timestamptz `…+00` as ISO 8601
 * `…T…+00:00`, which the AUTO input format reads whatever the session's
 * format; float infinities as `inf`).
 */
function admitted(x: string, type: TWeirType, from?: TWeirType): string {
  const refusedIf = from ? castFromRefusedSql(x, type, from) : null;
  const kept = refusedIf === null ? "" : `WHEN ${refusedIf} THEN ${REFUSED} `;
  const v = from ? castFromAdmittedSql(x, type) : x;
  const scale = numberScale(type);
  if (scale !== null) return `CASE ${kept}WHEN ${pastScale(v, scale, from !== undefined)} THEN ${REFUSED} ELSE ${v} END`;
  switch (type.kind) {
    case "date":
    case "timestamp":
      return `CASE ${kept}WHEN ${outsideYears(v)} THEN ${REFUSED} ELSE ${v} END`;
    case "timestamptz":
      return `CASE ${kept}WHEN ${outsideYears(v)} THEN ${REFUSED} WHEN ${v} LIKE '%+00' THEN REPLACE(${v}, ' ', 'T') || ':00' ELSE ${v} END`;
    case "time":
      return `CASE ${kept}WHEN LEFT(${v}, 2) = '24' THEN ${REFUSED} ELSE ${v} END`;
    case "float":
      return kept
        ? `CASE ${kept}WHEN ${v} = 'Infinity' THEN 'inf' WHEN ${v} = '-Infinity' THEN '-inf' ELSE ${v} END`
        : `CASE ${v} WHEN 'Infinity' THEN 'inf' WHEN '-Infinity' THEN '-inf' ELSE ${v} END`;
    default:
      return refusedIf === null ? v : `CASE ${kept}ELSE ${v} END`;
  }
}

/** Whether a wire text can fail to become the type (false: kept as the text it is); `from`: the source's type when the column keeps another (castFrom). */
export function canRefuse(type: TWeirType, from?: TWeirType): boolean {
  if (from && castFromRefusedSql("x", type, from) !== null) return true;
  return !(type.kind === "text" || type.kind === "uuid" || type.kind === "interval" || (type.kind === "numeric" && !numberOf(type)));
}

function convert(expr: string, type: TWeirType, safe: boolean, from?: TWeirType): string {
  if (!canRefuse(type, from)) return expr;
  const storedAsText = type.kind === "text" || type.kind === "uuid" || type.kind === "interval" || (type.kind === "numeric" && !numberOf(type));
  if (storedAsText) {
    // Kept as the text it is (only castFrom refuses here): a refused text fails a numeric conversion of itself (NULL with TRY_).
    const refusedIf = castFromRefusedSql(expr, type, from!);
    return safe ? `IFF(${refusedIf}, NULL, ${expr})` : `IFF(${refusedIf}, TO_VARCHAR(TO_NUMBER(${REFUSED} || ${expr})), ${expr})`;
  }
  switch (type.kind) {
    case "json":
    case "array":
      return `${safe ? "TRY_PARSE_JSON" : "PARSE_JSON"}(${admitted(expr, type, from)})`;
    case "bytes":
      return `${safe ? "TRY_TO_BINARY" : "TO_BINARY"}(${admitted(expr, type, from)}, 'BASE64')`;
    case "timestamp":
      // Checked as TIMESTAMP_TZ, which takes the same texts: the emulator (fakesnow 0.12.1) turns TRY_CAST … AS TIMESTAMP_NTZ into a cast that fails.
      return safe ? `TRY_CAST(${admitted(expr, type, from)} AS TIMESTAMP_TZ(6))` : `CAST(${admitted(expr, type, from)} AS ${snowflakeType(type)})`;
    default:
      return `${safe ? "TRY_CAST" : "CAST"}(${admitted(expr, type, from)} AS ${snowflakeType(type)})`;
  }
}

/**
 * SQL converting the wire text `expr` to `snowflakeType(type)`; a value that
 * does not convert, or that Weir refuses, fails the statement. `from`: the
 * type the source sends when the column keeps another (TColumn.castFrom):
 * its texts are checked against the kept type first (cast-from.ts).
 */
export function castFromWire(expr: string, type: TWeirType, from?: TWeirType): string {
  return convert(expr, type, false, from);
}

/** castFromWire that yields NULL for a value that does not convert or is refused. */
export function tryCastFromWire(expr: string, type: TWeirType, from?: TWeirType): string {
  return convert(expr, type, true, from);
}
