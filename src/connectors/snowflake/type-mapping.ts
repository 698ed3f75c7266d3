/**
 * Weir types ↔ Snowflake for the Snowflake destination. Pure: each function
 * returns SQL text.
 *
 * - `snowflakeType`: the column type a Weir type is stored as: NUMBER(p,s)
 *   for whole numbers and decimals, FLOAT, VARCHAR, BOOLEAN, DATE,
 *   TIMESTAMP_NTZ / TIMESTAMP_TZ (microseconds, as the wire format), VARIANT
 *   for JSON and arrays, BINARY.
 * - `castFromWire`: the SQL turning a staged wire-text value (VARCHAR, NULL
 *   for NULL) into that type, set-based inside the warehouse; text that is
 *   not a valid value fails the statement with Snowflake's message.
 * - `tryCastFromWire`: the same, NULL instead of an error (to find the
 *   column that holds a bad value after a failed commit).
 *
 * Snowflake's NUMBER holds at most 38 digits: a decimal without a declared
 * precision (or with one above 38) is stored as NUMBER(38,9); Snowflake
 * rounds digits past the ninth decimal (docs/connectors/snowflake.md).
 */
import type { TWeirType } from "@/connectors/types";

export const MAX_PRECISION = 38;
/** Scale of decimals without a usable declared precision. */
export const UNCONSTRAINED_SCALE = 9;

type TNumeric = Extract<TWeirType, { kind: "numeric" }>;

function numberType({ precision: p, scale: s }: TNumeric): string {
  if (p === undefined || !Number.isInteger(p) || p < 1 || p > MAX_PRECISION) return `NUMBER(${MAX_PRECISION},${UNCONSTRAINED_SCALE})`;
  const scale = s !== undefined && Number.isInteger(s) && s >= 0 && s <= p ? s : 0;
  return `NUMBER(${p},${scale})`;
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
    case "numeric":
      return numberType(type);
    case "text":
      return "VARCHAR";
    case "uuid":
      return "VARCHAR(36)";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP_NTZ(6)";
    case "timestamptz":
      return "TIMESTAMP_TZ(6)";
    case "json":
    case "array":
      return "VARIANT";
    case "bytes":
      return "BINARY";
  }
}

/**
 * Wire timestamptz text is `YYYY-MM-DD HH:MM:SS[.f]+00` (always UTC); as ISO
 * 8601 with a full offset (`…T…+00:00`) Snowflake's AUTO input format reads
 * it, whatever TIMESTAMP_TZ_INPUT_FORMAT the session has.
 */
function isoTimestampTz(expr: string): string {
  return `CASE WHEN ${expr} LIKE '%+00' THEN REPLACE(${expr}, ' ', 'T') || ':00' ELSE ${expr} END`;
}

/** Wire floats spell infinities as JavaScript does; Snowflake reads 'inf' and '-inf'. */
function floatText(expr: string): string {
  return `CASE ${expr} WHEN 'Infinity' THEN 'inf' WHEN '-Infinity' THEN '-inf' ELSE ${expr} END`;
}

function convert(expr: string, type: TWeirType, safe: boolean): string {
  const cast = (target: string, value = expr) => `${safe ? "TRY_CAST" : "CAST"}(${value} AS ${target})`;
  switch (type.kind) {
    case "text":
    case "uuid":
      return expr;
    case "float":
      return cast("FLOAT", floatText(expr));
    case "timestamptz":
      return cast(snowflakeType(type), isoTimestampTz(expr));
    case "json":
    case "array":
      return `${safe ? "TRY_PARSE_JSON" : "PARSE_JSON"}(${expr})`;
    case "bytes":
      return `${safe ? "TRY_TO_BINARY" : "TO_BINARY"}(${expr}, 'BASE64')`;
    default:
      return cast(snowflakeType(type));
  }
}

/** SQL converting the wire text `expr` to `snowflakeType(type)`. */
export function castFromWire(expr: string, type: TWeirType): string {
  return convert(expr, type, false);
}

/** castFromWire that yields NULL for text that is not a valid value of the type. */
export function tryCastFromWire(expr: string, type: TWeirType): string {
  return convert(expr, type, true);
}
