/**
 * Weir's wire format for record batches: headerless CSV (RFC 4180, "\n" line
 * ends), one field per stream column in plan order.
 *
 * - NULL is an empty, unquoted field; every other value is written quoted when
 *   it is empty or contains a comma, quote, CR or LF ("" escapes a quote).
 * - Encodings by Weir type (PostgreSQL's own output under TimeZone UTC,
 *   DateStyle ISO and IntervalStyle iso_8601, wherever that is exact):
 *   boolean `true`/`false` · integer, bigint: decimal text · numeric:
 *   decimal text (plain notation), `NaN`, `Infinity`, `-Infinity` · float:
 *   any decimal that round-trips (shortest preferred, JavaScript's layout),
 *   `NaN`, `Infinity`, `-Infinity` · text, uuid: as is · date `YYYY-MM-DD`
 *   (four or more year digits), followed by ` BC` for years before 1 (year 1
 *   BC is 0 in ISO 8601's astronomical numbering), or `infinity` /
 *   `-infinity` · timestamp `YYYY-MM-DD HH:MM:SS[.f]` with 1–6 fractional
 *   digits and no trailing zeros, then ` BC` when before year 1, or
 *   `infinity` / `-infinity` · timestamptz the same in UTC with `+00` after
 *   the time (`0044-03-15 10:00:00+00 BC`) · time `HH:MM:SS[.f]`, up to
 *   `24:00:00` · interval: ISO 8601 as PostgreSQL's iso_8601 style writes
 *   it (`P1Y2M3DT4H5M6.5S`, each part signed on its own, `PT0S` for zero), or
 *   `infinity` / `-infinity` (PostgreSQL 17 and later) ·
 *   json: JSON text · bytes: base64 (no line breaks) · array: a JSON array
 *   of the element encodings, nested for each further dimension; integer and
 *   bigint elements as JSON numbers with every digit, floats as JSON
 *   numbers except `"NaN"`, `"Infinity"` and `"-Infinity"` (JSON strings),
 *   booleans as JSON booleans, every other element type as a JSON string of
 *   its wire text.
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

/** A Date's UTC date (and, with `time`, time of day) as wire text: years before 1 get PostgreSQL's " BC" after `suffix`. */
function formatDate(d: Date, time: boolean, suffix = ""): string {
  const year = d.getUTCFullYear();
  const bc = year < 1;
  let text = `${pad(bc ? 1 - year : year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (time) {
    const ms = d.getUTCMilliseconds();
    text += ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3).replace(/0+$/, "")}` : ""}`;
  }
  return `${text}${suffix}${bc ? " BC" : ""}`;
}

/** A whole number as exact JSON number text, or null when `value` is not one. */
function integerJson(value: unknown): string | null {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return value.replace(/^(-?)0+(?=\d)/, "$1");
  return null;
}

/**
 * The JSON text an array (or array element) becomes inside an encoded
 * array. Written by hand rather than with JSON.stringify, which would turn
 * bigints beyond 2^53 into rounded numbers and NaN or infinities into null.
 */
function arrayJson(value: unknown, type: TWeirType): string {
  if (value === null || value === undefined) return "null";
  switch (type.kind) {
    case "array":
      if (!Array.isArray(value)) throw new TypeError(`an array value must be an array, not ${typeof value}`);
      return `[${value.map((v) => arrayJson(v, type.items)).join(",")}]`;
    case "integer":
    case "bigint": {
      const text = integerJson(value);
      if (text === null) throw new TypeError(`${JSON.stringify(String(value))} is not a whole number`);
      return text;
    }
    case "boolean":
      return typeof value === "string" ? (value === "true" || value === "false" ? value : JSON.stringify(value)) : value ? "true" : "false";
    case "float": {
      const text = encodeValue(value, type)!;
      return /^-?(\d|\.)/.test(text) && text !== "NaN" ? text : JSON.stringify(text);
    }
    default:
      return JSON.stringify(encodeValue(value, type));
  }
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
    case "time":
    case "interval":
      return String(value);
    case "float":
      return typeof value === "number" && !Number.isFinite(value) ? (Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") : String(value);
    case "text":
    case "uuid":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "date":
      return value instanceof Date ? formatDate(value, false) : String(value);
    case "timestamp":
      return value instanceof Date ? formatDate(value, true) : String(value);
    case "timestamptz":
      return value instanceof Date ? formatDate(value, true, "+00") : String(value);
    case "json":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "bytes":
      return typeof value === "string" ? value : Buffer.from(value as Uint8Array).toString("base64");
    case "array":
      return typeof value === "string" ? value : arrayJson(value, type);
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
