/**
 * JSON values → values `encodeWireRows` turns into canonical wire text.
 * encodeValue passes strings through untouched, so the strings this source
 * reads are made canonical here first: ISO dates and timestamps become
 * `YYYY-MM-DD` / `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, and a string in a json
 * column becomes a JSON string literal. A value that does not fit the
 * column's discovered type (text in an integer column, say) is a
 * `ValueMismatchError`: the caller names the stream and record. Pure.
 */
import { formatWireTimestamptz, isIsoDate, parseDateOrTimestamp, parseIsoTimestamp } from "@/connectors/json/temporal-text";
import type { TColumn, TWeirType } from "@/connectors/types";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_LIMIT = 2 ** 63;

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
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The value to hand to encodeWireRows for `type`; null for NULL. */
export function wireValue(value: unknown, type: TWeirType): unknown {
  if (value === null || value === undefined) return null;
  // No closure for the error: this runs for every field of every record, and a closure per call costs more than the checks.
  switch (type.kind) {
    case "boolean":
      if (typeof value !== "boolean") throw new ValueMismatchError(value, type);
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw new ValueMismatchError(value, type);
      return value;
    case "bigint":
      // Below 2^63 (< 1e21) String() spells every integral double in plain digits.
      if (typeof value !== "number" || !Number.isInteger(value) || Math.abs(value) >= INT64_LIMIT) throw new ValueMismatchError(value, type);
      return value;
    case "float":
    case "numeric":
      if (typeof value !== "number") throw new ValueMismatchError(value, type);
      return value;
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
    case "json":
      return JSON.stringify(value);
    case "array":
      if (!Array.isArray(value)) throw new ValueMismatchError(value, type);
      return value.map((element) => wireValue(element, type.items));
    case "text":
    case "uuid":
      // Text holds anything: a non-string becomes its JSON text (encodeValue does that).
      return value;
    case "bytes":
      if (typeof value !== "string") throw new ValueMismatchError(value, type);
      return value;
  }
}

/** One record projected onto `columns`: missing fields are NULL, extra fields are left out. */
export function projectRecord(record: Record<string, unknown>, columns: readonly TColumn[]): unknown[] {
  return columns.map((column) => {
    try {
      return wireValue(Object.hasOwn(record, column.name) ? record[column.name] : null, column.type);
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
