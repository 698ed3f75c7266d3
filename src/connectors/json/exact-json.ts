/**
 * JSON text → values without losing a digit. JSON.parse turns every number
 * into a double, so integers beyond 2^53, decimals beyond 15–17 significant
 * digits and exponents beyond a double's range change silently. A cheap scan
 * of the raw text finds the rare text that holds such a number (a
 * regular-expression test for long number tokens, then, only when one
 * matches, a check of each long token: a shortest float such as
 * 0.30000000000000004 is kept by a double and stays on the fast path); only
 * that text goes through lossless-json, whose numbers a double cannot keep
 * become `LosslessNumber`s (their exact text), every other number staying a
 * plain number. So the common path costs one regular-expression test on top
 * of JSON.parse (measured in docs/connectors/kafka.md).
 *
 * Values parsed exactly are marked `exact`: writing them back as JSON text
 * (json and text columns) must then go through `stringifyJson(value, true)`,
 * which writes a LosslessNumber as its original text.
 */
import { LosslessNumber, isLosslessNumber, isSafeNumber, parse as parseLossless, stringify as stringifyLossless } from "lossless-json";

export { LosslessNumber, isLosslessNumber };

/**
 * A number token that a double may not keep: 16 or more digits (a point
 * among them) or a three-digit exponent, right after `:` `,` `[` or at the
 * start. Conservative: a string that looks like that (`"a":"x,1234567890123456"`)
 * only sends its text down the slower exact path.
 */
const MAYBE_INEXACT = /(?:^|[:,[])\s*-?(?:\d[\d.]{15}|[\d.]+[eE][+-]?\d{3})/;
/** Every number token in the same positions, for the second look. */
const NUMBER_TOKEN = /(?:^|[:,[])\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const FAR_EXPONENT = /[eE][+-]?\d{3}/;

/** Whether some long number token of `text` is one a double does not keep exactly. */
function holdsInexactNumber(text: string): boolean {
  for (const match of text.matchAll(NUMBER_TOKEN)) {
    const token = match[1]!;
    if ((token.length >= 16 || FAR_EXPONENT.test(token)) && !isSafeNumber(token)) return true;
  }
  return false;
}

export type TParsedJson = {
  value: unknown;
  /** Whether the value may hold LosslessNumbers (then stringify it with `exact`). */
  exact: boolean;
};

/** A number token as a plain number when a double keeps it exactly, else its text as a LosslessNumber. */
function parseNumberToken(text: string): unknown {
  return isSafeNumber(text) ? Number(text) : new LosslessNumber(text);
}

/** Duplicate keys: the last one wins, as with JSON.parse. */
const lastKeyWins = ({ newValue }: { newValue: unknown }) => newValue;

/** Parses JSON text, keeping every number exactly; throws SyntaxError (or Error) on text that is not JSON. */
export function parseJson(text: string): TParsedJson {
  if (!MAYBE_INEXACT.test(text) || !holdsInexactNumber(text)) return { value: JSON.parse(text) as unknown, exact: false };
  return { value: parseLossless(text, null, { parseNumber: parseNumberToken, onDuplicateKey: lastKeyWins }), exact: true };
}

/** JSON text of a parsed value; with `exact`, LosslessNumbers are written as their original text. */
export function stringifyJson(value: unknown, exact: boolean): string {
  return exact ? (stringifyLossless(value) ?? "null") : JSON.stringify(value);
}

/** The exact decimal text of a JSON number (a plain number or a LosslessNumber); null for anything else. */
export function jsonNumberText(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return isLosslessNumber(value) ? (value as LosslessNumber).value : null;
}
