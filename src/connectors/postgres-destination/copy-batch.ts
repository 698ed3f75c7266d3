/**
 * Streams one wire batch into a staging table with `COPY … FROM STDIN`
 * (pg-copy-streams): the batch's bytes go to the server as they are, so a
 * load costs one copy of the buffer and no per-row work in JavaScript.
 * Aborting the signal sends CopyFail, which rolls the COPY back.
 *
 * One exception to "as they are": before PostgreSQL 18, an unquoted line
 * holding only `\.` is COPY's end-of-data marker, and everything after it is
 * dropped without an error. The wire format writes the one-field value `\.`
 * unquoted, so such lines are quoted first (same value, no marker).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const BACKSLASH = 0x5c;
const DOT = 0x2e;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const QUOTED_MARKER = Buffer.from('"\\."');

function isMarkerAt(csv: Buffer, i: number): boolean {
  if (csv[i] !== BACKSLASH || csv[i + 1] !== DOT) return false;
  const after = csv[i + 2];
  return after === undefined || after === LF || after === CR;
}

/**
 * `csv` with every unquoted line that is exactly `\.` written as `"\."`.
 * The quick test (native indexOf) almost always finds nothing, leaving the
 * buffer untouched; otherwise one pass tracks quoting, since a `\.` line
 * inside a quoted multi-line field is data, not a marker.
 */
export function quoteEndOfDataMarkers(csv: Buffer): Buffer {
  const candidate =
    isMarkerAt(csv, 0) ||
    csv.indexOf("\n\\.\n") >= 0 ||
    csv.indexOf("\n\\.\r") >= 0 ||
    (csv.length >= 3 && isMarkerAt(csv, csv.length - 2) && csv[csv.length - 3] === LF);
  if (!candidate) return csv;
  const parts: Buffer[] = [];
  let from = 0;
  let inQuote = false;
  let lineStart = true;
  for (let i = 0; i < csv.length; i++) {
    if (lineStart && !inQuote && isMarkerAt(csv, i)) {
      parts.push(csv.subarray(from, i), QUOTED_MARKER);
      from = i + 2;
      i += 1;
      lineStart = false;
      continue;
    }
    const c = csv[i];
    lineStart = false;
    if (c === QUOTE)
      inQuote = !inQuote; // a doubled quote toggles twice
    else if (c === LF && !inQuote) lineStart = true;
  }
  if (parts.length === 0) return csv;
  parts.push(csv.subarray(from));
  return Buffer.concat(parts);
}

/** Copies `csv` with the given COPY statement; returns the number of rows the server loaded. */
export async function copyBuffer(client: pg.Client, copySql: string, csv: Buffer, signal?: AbortSignal): Promise<number> {
  const sink = client.query(copyFrom(copySql));
  await pipeline(Readable.from([quoteEndOfDataMarkers(csv)], { objectMode: false }), sink, { signal });
  return sink.rowCount;
}
