/**
 * Columns kept at a type the source no longer sends (TColumn.castFrom): the
 * staged wire text is then the source type's encoding, and Snowflake's cast
 * to the kept type would change some values silently (a timestamp's time of
 * day dropped into a DATE, a bigint rounded into a FLOAT, an offset ignored
 * by TIMESTAMP_NTZ, any text stored in a VARCHAR that holds numerics). This
 * module says, per kept type, which staged texts do not fit it: SQL true for
 * such a value, so the commit refuses it (DATA_REJECTED naming the row)
 * instead. Fractional digits a NUMBER would round are refused for every
 * value, castFrom or not (type-mapping.ts). Pure.
 *
 * Only plan columns with castFrom pay for these checks; a stream whose
 * types match its source's is converted exactly as before.
 */
import { numberOf } from "@/connectors/snowflake/number-type";
import type { TWeirType } from "@/connectors/types";

/** The digits of a decimal text's mantissa, without sign, point, exponent, or leading and trailing zeros. */
const significantDigits = (x: string) => `TRIM(REPLACE(REPLACE(REPLACE(SPLIT_PART(LOWER(${x}), 'e', 1), '-', ''), '+', ''), '.', ''), '0')`;

/** A whole number outside [low, high] (NULL when the text is not a number: the cast refuses it then). */
const outside = (x: string, low: string, high: string) => `NOT (TRY_CAST(${x} AS NUMBER(38,0)) BETWEEN ${low} AND ${high})`;

/** Digits a double holds for every decimal (DBL_DIG): a text with more may not come back as written. */
export const FLOAT_EXACT_DIGITS = 15;

/**
 * SQL true when the staged text `x` (sent as `from`) does not fit the kept
 * `type`; null when every text that converts at all fits (the type's own
 * cast and refusals apply).
 */
export function castFromRefusedSql(x: string, type: TWeirType, from: TWeirType): string | null {
  switch (type.kind) {
    case "integer":
      return outside(x, "-2147483648", "2147483647");
    case "bigint":
      return outside(x, "-9223372036854775808", "9223372036854775807");
    case "float":
      if (from.kind === "float") return null;
      return `(${x} NOT IN ('NaN', 'Infinity', '-Infinity') AND LENGTH(${significantDigits(x)}) > ${FLOAT_EXACT_DIGITS})`;
    case "numeric":
      // NUMBER(p,s) refuses what it would round by itself; text kept as exact decimal text must be one.
      if (numberOf(type)) return null;
      return `NOT (REGEXP_LIKE(${x}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') OR ${x} IN ('NaN', 'Infinity', '-Infinity'))`;
    case "uuid":
      return `NOT REGEXP_LIKE(${x}, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')`;
    case "date":
      // A timestamp at midnight is that date; any other time of day would be dropped.
      return `(LENGTH(${x}) > 10 AND SUBSTR(${x}, 11) NOT IN (' 00:00:00', ' 00:00:00+00'))`;
    case "timestamp":
      // UTC (+00, the wire's only offset) is the wall time; another offset would be ignored by TIMESTAMP_NTZ.
      return `(REGEXP_LIKE(${x}, '.*[0-9][+-][0-9]{2}(:?[0-9]{2})?') AND NOT ENDSWITH(${x}, '+00'))`;
    case "time":
      return `(CONTAINS(${x}, '-') OR CONTAINS(${x}, ' '))`;
    case "interval":
      return `NOT (STARTSWITH(${x}, 'P') OR ${x} IN ('infinity', '-infinity'))`;
    case "bytes":
      // Base64 of another type's text would decode to bytes that never were the value.
      return from.kind === "bytes" ? null : `${x} IS NOT NULL`;
    case "array":
      return `NOT STARTSWITH(LTRIM(${x}), '[')`;
    default:
      return null; // boolean, text, timestamptz and json: Snowflake's own cast accepts only values of the type
  }
}

/** The text a DATE or TIMESTAMP_NTZ cast reads once castFromRefusedSql let it through (midnight and +00 cut). */
export function castFromAdmittedSql(x: string, type: TWeirType): string {
  if (type.kind === "date") return `LEFT(${x}, 10)`;
  if (type.kind === "timestamp") return `IFF(ENDSWITH(${x}, '+00'), LEFT(${x}, LENGTH(${x}) - 3), ${x})`;
  return x;
}
