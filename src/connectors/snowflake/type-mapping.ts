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
 * A refused value is replaced by a text no cast accepts (REFUSED), so the
 * statement fails; `tryCastFromWire` (NULL instead of an error, REFUSED
 * included) then finds the row (refusal.ts).
 *
 * Numeric without a declared precision (or above 38 digits) is VARCHAR
 * holding the exact decimal text: Snowflake's NUMBER holds 38 digits and
 * rounds the rest.
 */
import type { TWeirType } from "@/connectors/types";

export const MAX_PRECISION = 38;
/** Snowflake's VARCHAR without a length (16 MB). */
export const VARCHAR_MAX = 16_777_216;

/** What a refused value becomes before its cast: text no cast accepts, which says why in Snowflake's error. */
export const REFUSED = "'Weir refuses this value in Snowflake'";

type TNumeric = Extract<TWeirType, { kind: "numeric" }>;

/** NUMBER(p,s) when Snowflake holds the declared numeric exactly, else null (stored as VARCHAR text). */
export function numberOf(type: TNumeric): { precision: number; scale: number } | null {
  const { precision: p, scale: s = 0 } = type;
  if (p === undefined || !Number.isInteger(p) || p < 1 || p > MAX_PRECISION) return null;
  return Number.isInteger(s) && s >= 0 && s <= p ? { precision: p, scale: s } : null;
}

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

/** Fractional digits past the scale that are not zeros: the cast would round them. */
const pastScale = (x: string, scale: number) => `LENGTH(RTRIM(SPLIT_PART(${x}, '.', 2), '0')) > ${scale}`;

/**
 * The staged text with Weir's refusals applied: a value of a refused class
 * becomes REFUSED; also the wire spellings Snowflake reads differently
 * (timestamptz `…+00` as ISO 8601 `…T…+00:00`, which the AUTO input format
 * reads whatever the session's format; float infinities as `inf`).
 */
function admitted(x: string, type: TWeirType): string {
  const scale = numberScale(type);
  if (scale !== null) return `CASE WHEN ${pastScale(x, scale)} THEN ${REFUSED} ELSE ${x} END`;
  switch (type.kind) {
    case "date":
    case "timestamp":
      return `CASE WHEN ${outsideYears(x)} THEN ${REFUSED} ELSE ${x} END`;
    case "timestamptz":
      return `CASE WHEN ${outsideYears(x)} THEN ${REFUSED} WHEN ${x} LIKE '%+00' THEN REPLACE(${x}, ' ', 'T') || ':00' ELSE ${x} END`;
    case "time":
      return `CASE WHEN LEFT(${x}, 2) = '24' THEN ${REFUSED} ELSE ${x} END`;
    case "float":
      return `CASE ${x} WHEN 'Infinity' THEN 'inf' WHEN '-Infinity' THEN '-inf' ELSE ${x} END`;
    default:
      return x;
  }
}

/** Whether a wire text can fail to become the type (false: kept as the text it is). */
export function canRefuse(type: TWeirType): boolean {
  return !(type.kind === "text" || type.kind === "uuid" || type.kind === "interval" || (type.kind === "numeric" && !numberOf(type)));
}

function convert(expr: string, type: TWeirType, safe: boolean): string {
  if (!canRefuse(type)) return expr;
  switch (type.kind) {
    case "json":
    case "array":
      return `${safe ? "TRY_PARSE_JSON" : "PARSE_JSON"}(${expr})`;
    case "bytes":
      return `${safe ? "TRY_TO_BINARY" : "TO_BINARY"}(${expr}, 'BASE64')`;
    case "timestamp":
      // Checked as TIMESTAMP_TZ, which takes the same texts: the emulator (fakesnow 0.12.1) turns TRY_CAST … AS TIMESTAMP_NTZ into a cast that fails.
      return safe ? `TRY_CAST(${admitted(expr, type)} AS TIMESTAMP_TZ(6))` : `CAST(${admitted(expr, type)} AS ${snowflakeType(type)})`;
    default:
      return `${safe ? "TRY_CAST" : "CAST"}(${admitted(expr, type)} AS ${snowflakeType(type)})`;
  }
}

/** SQL converting the wire text `expr` to `snowflakeType(type)`; a value that does not convert, or that Weir refuses, fails the statement. */
export function castFromWire(expr: string, type: TWeirType): string {
  return convert(expr, type, false);
}

/** castFromWire that yields NULL for a value that does not convert or is refused. */
export function tryCastFromWire(expr: string, type: TWeirType): string {
  return convert(expr, type, true);
}
