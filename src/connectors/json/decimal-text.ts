/**
 * JSON number text → the wire text of a numeric: plain decimal notation
 * (`1.5e3` → `1500`, `2e-7` → `0.0000002`), digit for digit, within what
 * PostgreSQL's numeric holds (131,072 digits before the point, 16,383
 * after), so a hostile `1e1000000000` cannot make a gigabyte of zeros. Pure.
 */

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const MAX_INTEGER_DIGITS = 131_072;
const MAX_FRACTION_DIGITS = 16_383;

/** Plain notation of a JSON number's text; null when it is not one or lies beyond numeric's range. */
export function plainDecimal(text: string): string | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const [, sign, whole = "", fraction = "", exponentText] = m;
  if (exponentText === undefined) return text;
  const exponent = Number(exponentText);
  const digits = whole + fraction;
  // The point sits after `point` digits of `digits` (negative: zeros come first).
  const point = whole.length + exponent;
  if (!Number.isSafeInteger(point) || point > MAX_INTEGER_DIGITS || digits.length - point > MAX_FRACTION_DIGITS) return null;
  let plain: string;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  plain = plain.replace(/^0+(?=\d)/, "");
  return /^[0.]*$/.test(plain) ? plain : `${sign}${plain}`;
}
