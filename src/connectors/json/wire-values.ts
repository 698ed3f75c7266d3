/**
 * JSON values → values `encodeWireRows` turns into canonical wire text.
 * encodeValue passes strings through untouched, so the strings this source
 * reads are made canonical here first: ISO dates and timestamps become
 * `YYYY-MM-DD` / `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, times and ISO 8601
 * durations their wire text (clock-text.ts), and a string in a json column
 * becomes a JSON string literal. Numbers arrive exactly: numbers JSON.parse
 * could not keep come as LosslessNumbers (exact-json.ts) and reach bigint,
 * numeric, text and json columns digit for digit; numerics are written in
 * plain notation. `exact` says the value came from the exact parse (json
 * and text columns then write LosslessNumbers as their text). A value that
 * does not fit the column's discovered type (text in an integer column,
 * say) is a `ValueMismatchError`: the caller names the stream and record.
 * Pure.
 */
import { canonicalInterval, canonicalTime } from "@/connectors/json/clock-text";
import { plainDecimal } from "@/connectors/json/decimal-text";
import { type LosslessNumber, isLosslessNumber, stringifyJson } from "@/connectors/json/exact-json";
import { formatWireTimestamptz, isIsoDate, parseDateOrTimestamp, parseIsoTimestamp } from "@/connectors/json/temporal-text";
import type { TColumn, TWeirType } from "@/connectors/types";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_LIMIT = 2 ** 63;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Thrown for a value that does not fit its column's type. */
export class ValueMismatchError extends Error {
  constructor(
    readonly value: unknown,
    readonly expected: TWeirType,
  ) {
    super(`${excerptValue(value)} is not ${typeName(expected)}`);
    this.name = "ValueMismatchError";
  }
}

export function typeName(type: TWeirType): string {
  return type.kind === "array" ? `an array of ${typeName(type.items)}` : `${/^[aeiou]/.test(type.kind) ? "an" : "a"} ${type.kind}`;
}

/** A value as it may appear in an error: JSON, cut at 60 characters. */
export function excerptValue(value: unknown): string {
  const text = value === undefined ? "undefined" : stringifyJson(value, true);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Digits of a LosslessNumber holding a whole number within 64 bits; null otherwise. */
function exactBigint(value: LosslessNumber): string | null {
  const text = value.value;
  if (!/^-?\d+$/.test(text)) return null;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX ? n.toString() : null;
}

/** A LosslessNumber as a double: its nearest one, or null when out of a double's range (it would become Infinity or 0). */
function exactFloat(value: LosslessNumber): number | null {
  const n = Number(value.value);
  return Number.isFinite(n) && (n !== 0 || /^-?[0.]+(?:[eE]|$)/.test(value.value)) ? n : null;
}

/** A plain number or LosslessNumber as numeric wire text (plain notation); null when it is neither. */
export function numericText(value: unknown): string | null {
  if (typeof value === "number") {
    const text = String(value);
    return text.includes("e") ? plainDecimal(text) : text;
  }
  return isLosslessNumber(value) ? plainDecimal((value as LosslessNumber).value) : null;
}

/** The value to hand to encodeWireRows for `type`; null for NULL. `exact`: the value came from parseJson's exact path. */
export function wireValue(value: unknown, type: TWeirType, exact = false): unknown {
  if (value === null || value === undefined) return null;
  // No closure for the error: this runs for every field of every record, and a closure per call costs more than the checks.
  switch (type.kind) {
    case "boolean":
      if (typeof value !== "boolean") throw new ValueMismatchError(value, type);
      return value;
    case "integer":
      // A LosslessNumber is never a 32-bit integer (those a double keeps).
      if (typeof value !== "number" || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw new ValueMismatchError(value, type);
      return value;
    case "bigint": {
      if (typeof value === "number") {
        // Below 2^63 (< 1e21) String() spells every integral double in plain digits.
        if (!Number.isInteger(value) || Math.abs(value) >= INT64_LIMIT) throw new ValueMismatchError(value, type);
        return value;
      }
      const digits = isLosslessNumber(value) ? exactBigint(value as LosslessNumber) : null;
      if (digits === null) throw new ValueMismatchError(value, type);
      return digits;
    }
    case "float": {
      if (typeof value === "number") return value;
      const n = isLosslessNumber(value) ? exactFloat(value as LosslessNumber) : null;
      if (n === null) throw new ValueMismatchError(value, type);
      return n;
    }
    case "numeric": {
      const text = numericText(value);
      if (text === null) throw new ValueMismatchError(value, type);
      return text;
    }
    case "date":
      if (typeof value !== "string" || !isIsoDate(value)) throw new ValueMismatchError(value, type);
      return value;
    case "timestamptz": {
      const micros = typeof value === "string" ? parseDateOrTimestamp(value) : null;
      if (micros === null) throw new ValueMismatchError(value, type);
      return formatWireTimestamptz(micros);
    }
    case "timestamp": {
      const micros = typeof value === "string" ? parseIsoTimestamp(value) : null;
      if (micros === null) throw new ValueMismatchError(value, type);
      return formatWireTimestamptz(micros).slice(0, -3);
    }
    case "time": {
      const text = typeof value === "string" ? canonicalTime(value) : null;
      if (text === null) throw new ValueMismatchError(value, type);
      return text;
    }
    case "interval": {
      const text = typeof value === "string" ? canonicalInterval(value) : null;
      if (text === null) throw new ValueMismatchError(value, type);
      return text;
    }
    case "json":
      return stringifyJson(value, exact);
    case "array":
      if (!Array.isArray(value)) throw new ValueMismatchError(value, type);
      return value.map((element) => wireValue(element, type.items, exact));
    case "text":
    case "uuid":
      // Text holds anything: a non-string becomes its JSON text (encodeValue does that for values JSON.parse made).
      if (typeof value === "string") return value;
      return exact ? stringifyJson(value, true) : value;
    case "bytes":
      if (typeof value !== "string") throw new ValueMismatchError(value, type);
      return value;
  }
}

/** One record projected onto `columns`: missing fields are NULL, extra fields are left out. `exact`: parsed by parseJson's exact path. */
export function projectRecord(record: Record<string, unknown>, columns: readonly TColumn[], exact = false): unknown[] {
  return columns.map((column) => {
    try {
      return wireValue(Object.hasOwn(record, column.name) ? record[column.name] : null, column.type, exact);
    } catch (e) {
      if (e instanceof ValueMismatchError) throw new FieldMismatchError(column.name, e);
      throw e;
    }
  });
}

/** A mismatch in a named field of a record. */
export class FieldMismatchError extends Error {
  constructor(
    readonly field: string,
    readonly mismatch: ValueMismatchError,
  ) {
    super(`field "${field}" is ${excerptValue(mismatch.value)}, which is not ${typeName(mismatch.expected)}`);
    this.name = "FieldMismatchError";
  }
}
