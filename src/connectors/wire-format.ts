/**
 * Weir's wire format for record batches: headerless CSV (RFC 4180, "\n" line
 * ends), one field per stream column in plan order.
 *
 * - NULL is an empty, unquoted field; every other value is written quoted when
 *   it is empty or contains a comma, quote, CR or LF ("" escapes a quote).
 * - Encodings by Weir type:
 *   boolean `true`/`false` · integer, bigint, numeric: decimal text · float:
 *   any decimal that round-trips (shortest preferred), `NaN`, `Infinity`,
 *   `-Infinity` · text, uuid: as is · date `YYYY-MM-DD` · timestamp
 *   `YYYY-MM-DD HH:MM:SS[.f]` with 1–6 fractional digits and no trailing
 *   zeros · timestamptz the same in UTC followed by `+00` · json: JSON text · bytes:
 *   base64 (no line breaks) · array: a JSON array of the element encodings
 *   (numbers and booleans as JSON numbers and booleans, everything else as
 *   JSON strings).
 *
 * Sources that read rows as JavaScript values (files, HTTP, Kafka) encode them
 * with `encodeWireRows`; the PostgreSQL source has the database produce this
 * text itself.
 */
import type { TColumn, TWeirType } from "@/connectors/types";

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field when CSV needs it; also `\.`, which PostgreSQL before 18 reads as end of COPY input. */
export function quoteField(text: string): string {
  return text === "" || text === "\\." || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatTimestamp(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return ms ? `${base}.${pad(ms, 3).replace(/0+$/, "")}` : base;
}

/** The JSON value an array element becomes inside an encoded array. */
function arrayElement(value: unknown, type: TWeirType): unknown {
  if (value === null || value === undefined) return null;
  if (type.kind === "array") return Array.isArray(value) ? value.map((v) => arrayElement(v, type.items)) : null;
  if (type.kind === "boolean" || type.kind === "integer" || type.kind === "float") return value;
  if (type.kind === "bigint") return typeof value === "bigint" ? Number(value) : value;
  return encodeValue(value, type);
}

/**
 * Encodes one JavaScript value as the wire text of `type`, unquoted; null for
 * NULL. Strings are accepted for every type and passed through (a source that
 * already holds canonical text need not parse it).
 */
export function encodeValue(value: unknown, type: TWeirType): string | null {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "boolean":
      return typeof value === "string" ? value : value ? "true" : "false";
    case "integer":
    case "bigint":
    case "numeric":
      return String(value);
    case "float":
      return typeof value === "number" && !Number.isFinite(value) ? (Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") : String(value);
    case "text":
    case "uuid":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "date":
      return value instanceof Date ? formatTimestamp(value).slice(0, 10) : String(value);
    case "timestamp":
      return value instanceof Date ? formatTimestamp(value) : String(value);
    case "timestamptz":
      return value instanceof Date ? `${formatTimestamp(value)}+00` : String(value);
    case "json":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "bytes":
      return typeof value === "string" ? value : Buffer.from(value as Uint8Array).toString("base64");
    case "array":
      return typeof value === "string" ? value : JSON.stringify((value as unknown[]).map((v) => arrayElement(v, type.items)));
  }
}

/** Encodes rows (arrays aligned with `columns`) as wire CSV lines. */
export function encodeWireRows(columns: readonly TColumn[], rows: readonly (readonly unknown[])[]): Buffer {
  const lines: string[] = [];
  for (const row of rows) {
    const fields = columns.map((col, i) => {
      const text = encodeValue(row[i], col.type);
      return text === null ? "" : quoteField(text);
    });
    lines.push(fields.join(","));
  }
  return Buffer.from(lines.length ? `${lines.join("\n")}\n` : "", "utf8");
}
