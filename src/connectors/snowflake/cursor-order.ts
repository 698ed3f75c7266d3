/**
 * How the Snowflake destination compares cursor values: for the stream's new
 * state (the largest cursor), for dedup's newest row per key, and for the
 * rows at the saved cursor (the boundary). Every comparison is by value.
 *
 * Most cursors compare as their typed values. A numeric without a declared
 * precision (or above 38 digits) is stored as its exact decimal text, which
 * compares as text ('9' > '10'); and no number type holds every such value
 * (TRY_TO_DECIMAL stops at 38 digits, TO_DOUBLE rounds past 15). It compares
 * by an order key instead: a VARCHAR whose byte order is the numbers' order,
 * exact whatever the length: a class (0 -Infinity, 1 negative, 2 zero,
 * 3 positive, 4 Infinity, 5 NaN, above Infinity as in PostgreSQL), the
 * length of the whole part (ten digits), then the digits without leading or
 * trailing zeros; a negative's length and digits are mirrored (9 − d) and
 * end with '~', which sorts after every digit, so -0.1 > -0.15. Values are
 * in the wire's plain notation (an exponent form is refused when it arrives
 * through a cast: cast-from.ts). Pure.
 */
import { numberOf } from "@/connectors/snowflake/number-type";
import { tryCastFromWire } from "@/connectors/snowflake/type-mapping";
import type { TWeirType } from "@/connectors/types";

/** Whether a cursor of this type is stored as exact decimal text (VARCHAR) and compares by numericKeySql. */
export function storedAsDecimalText(type: TWeirType): boolean {
  return type.kind === "numeric" && !numberOf(type);
}

/** Whether two wire texts of this type can spell the same value differently ('10' and '10.0'): the boundary then matches by value, not text. */
function spelledManyWays(type: TWeirType): boolean {
  return type.kind === "numeric" || type.kind === "float";
}

/** The order key of decimal text `x` (NULL for NULL). */
export function numericKeySql(x: string): string {
  const unsigned = `LTRIM(${x}, '+-')`;
  const whole = `LTRIM(SPLIT_PART(${unsigned}, '.', 1), '0')`;
  const fraction = `RTRIM(SPLIT_PART(${unsigned}, '.', 2), '0')`;
  const positive = `'3' || LPAD(TO_VARCHAR(LENGTH(${whole})), 10, '0') || ${whole} || ${fraction}`;
  const negative = `'1' || LPAD(TO_VARCHAR(9999999999 - LENGTH(${whole})), 10, '0') || TRANSLATE(${whole} || ${fraction}, '0123456789', '9876543210') || '~'`;
  return (
    `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} = 'NaN' THEN '5' WHEN ${x} IN ('Infinity', '+Infinity') THEN '4' WHEN ${x} = '-Infinity' THEN '0'` +
    ` WHEN ${whole} = '' AND ${fraction} = '' THEN '2' WHEN STARTSWITH(${x}, '-') THEN ${negative} ELSE ${positive} END)`
  );
}

/** The comparable value of a cursor given as wire text (a staged value, a saved state); NULL for NULL or a text that is no value. */
export function cursorValueSql(x: string, type: TWeirType): string {
  return storedAsDecimalText(type) ? numericKeySql(x) : tryCastFromWire(x, type);
}

/** The comparable value of a cursor as the target (or the typed staged rows) holds it. */
export function storedCursorSql(expr: string, type: TWeirType): string {
  return storedAsDecimalText(type) ? numericKeySql(expr) : expr;
}

/**
 * SQL true when the staged cursor text `x` is at `cursor` (a wire text, or
 * null for the NULL cursor). Text equality where every value has one
 * spelling (timestamps, integers, text…): a comparison per row, no cast.
 */
export function atCursorSql(x: string, cursor: string | null, type: TWeirType, literal: (text: string) => string): string {
  if (cursor === null) return `${x} IS NULL`;
  if (!spelledManyWays(type)) return `${x} = ${literal(cursor)}`;
  return `${cursorValueSql(x, type)} = ${cursorValueSql(literal(cursor), type)}`;
}
