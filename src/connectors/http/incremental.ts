/**
 * Incremental reads of an HTTP stream. The saved cursor (wire text of the
 * cursor column, as the destination's ledger holds it) is sent in the
 * stream's query parameter when its configured cursor field is the one
 * requested (timestamps as ISO 8601 UTC, other types as their wire text),
 * and every record is also filtered here, keeping those whose cursor is
 * greater than OR EQUAL to the saved one (APIs may filter any way, or not
 * at all): records that share the saved cursor value but arrived after the
 * last read must not be lost, and the destination drops those it already
 * holds at that boundary (TDestinationSession.commitStream). Cursors
 * compare by value (integers and numerics exactly, floats as numbers,
 * timestamps as instants), not as text. A record without a cursor is kept
 * only by a first read (no state).
 */
import type { THttpStreamConfig } from "@/connectors/http/config";
import { compareNumber, isNumber } from "lossless-json";

import { formatIsoUtc, isIsoDate, parseDateOrTimestamp } from "@/connectors/json/temporal-text";
import { FieldMismatchError, ValueMismatchError, wireValue } from "@/connectors/json/wire-values";
import type { TColumn, TReadRequest, TWeirType } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

type TCursorKey = bigint | number | string;

export type TIncrementalPlan = {
  /** Query parameters for the first request (the saved cursor), possibly none. */
  params: Record<string, string>;
  /** Whether a record's cursor is at or after the saved state's. */
  keep(record: Record<string, unknown>): boolean;
};

/** Comparable key of a cursor's wire text; null when the text is not a value of `type`. */
export function cursorKey(type: TWeirType, text: string): TCursorKey | null {
  switch (type.kind) {
    case "integer":
    case "bigint":
      return /^[+-]?\d+$/.test(text.trim()) ? BigInt(text.trim()) : null;
    case "float": {
      const n = Number(text);
      return text.trim() === "" || Number.isNaN(n) ? null : n;
    }
    case "numeric":
      // Decimal text, compared digit for digit by atOrAfter (a double would round it).
      return isNumber(text.trim()) ? text.trim() : null;
    case "date":
      return isIsoDate(text) ? text : null;
    case "timestamp":
    case "timestamptz":
      return parseDateOrTimestamp(text);
    default:
      return text;
  }
}

/** Whether cursor key `key` is at or after `saved` (both from cursorKey for `type`). */
export function atOrAfter(type: TWeirType, key: TCursorKey, saved: TCursorKey): boolean {
  if (type.kind === "numeric") return compareNumber(key as string, saved as string) >= 0;
  return key >= saved;
}

/** The saved cursor as the API's query parameter value. */
export function cursorParamValue(type: TWeirType, text: string): string {
  if (type.kind !== "timestamptz" && type.kind !== "timestamp") return text;
  const micros = parseDateOrTimestamp(text);
  if (micros === null) return text;
  const iso = formatIsoUtc(micros);
  return type.kind === "timestamp" ? iso.slice(0, -1) : iso;
}

function cursorColumn(request: TReadRequest, field: string): TColumn {
  const column = request.stream.columns.find((c) => c.name === field);
  if (!column)
    throw new AppError("BAD_INPUT", `Stream "${request.stream.name}" has no cursor field "${field}"; discover the source again or pick another cursor.`);
  return column;
}

/** How to read `request` incrementally; undefined for a full read. */
export function planIncremental(request: TReadRequest, stream: THttpStreamConfig): TIncrementalPlan | undefined {
  const incremental = request.incremental;
  if (!incremental) return undefined;
  const column = cursorColumn(request, incremental.cursorField);
  const saved = incremental.state?.cursor ?? null;
  if (saved === null) return { params: {}, keep: () => true };

  const savedKey = cursorKey(column.type, saved);
  if (savedKey === null) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${request.stream.name}": the saved cursor "${saved}" is not a ${column.type.kind} value of "${column.name}"; reset the stream's state.`,
    );
  }
  const param = stream.incremental?.param && stream.incremental.cursorField === column.name ? stream.incremental.param : undefined;
  return {
    params: param ? { [param]: cursorParamValue(column.type, saved) } : {},
    keep(record) {
      const value = record[column.name];
      if (value === null || value === undefined) return false;
      let key: TCursorKey | null;
      try {
        const wire = wireValue(value, column.type);
        key = cursorKey(column.type, typeof wire === "string" ? wire : String(wire));
      } catch (e) {
        if (e instanceof ValueMismatchError) throw new FieldMismatchError(column.name, e);
        throw e;
      }
      return key !== null && atOrAfter(column.type, key, savedKey);
    },
  };
}
