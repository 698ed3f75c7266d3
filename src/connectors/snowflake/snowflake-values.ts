/**
 * Values of Snowflake results as Weir uses them. The connection fetches
 * numbers as exact text; here they become JSON values as the other
 * warehouses give them (whole numbers that fit as numbers, larger ones and
 * decimals as text, floats as numbers), timestamps become ISO text with
 * microseconds, binary base64, VARIANT the parsed JSON. Pure.
 */
import type { TSnowflakeColumn } from "@/connectors/snowflake/connect";

/** The driver's timestamp values: a Date with Snowflake's precision attached. */
type TSfDate = Date & { getEpochSeconds(): number; getNanoSeconds(): number; getTimezone?(): number };

const isSfDate = (v: unknown): v is TSfDate => v instanceof Date && typeof (v as Partial<TSfDate>).getEpochSeconds === "function";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, trailing zeros of the fraction dropped (the wire format's spelling). */
export function utcText(epochSeconds: number, nanos: number): string {
  const d = new Date(epochSeconds * 1000);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const micros = Math.floor(nanos / 1000);
  return micros ? `${base}.${pad(micros, 6).replace(/0+$/, "")}` : base;
}

/** A timestamp value as wire text: NTZ as it is, TZ and LTZ in UTC with `+00`; DATE as `YYYY-MM-DD`. */
export function timestampText(value: unknown, type: string): string {
  if (!isSfDate(value)) return String(value);
  const text = utcText(value.getEpochSeconds(), value.getNanoSeconds());
  if (type === "date") return text.slice(0, 10);
  return type === "timestamp_ntz" ? text : `${text}+00`;
}

/** Text of a REAL as the wire spells it (Snowflake sends inf / -inf). */
export function floatText(text: string): string {
  if (/^inf$/i.test(text)) return "Infinity";
  if (/^-inf$/i.test(text)) return "-Infinity";
  return text;
}

/** One value of a result column as a JSON value. */
export function jsonValue(value: unknown, column: TSnowflakeColumn): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "fixed": {
      const text = String(value);
      const number = Number(text);
      return column.scale === 0 && Number.isSafeInteger(number) ? number : text;
    }
    case "real":
      return Number(floatText(String(value)));
    case "date":
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz":
      return timestampText(value, column.type);
    case "binary":
      return Buffer.isBuffer(value) ? value.toString("base64") : String(value);
    default:
      return value;
  }
}

/** Rows (arrays) as objects keyed by `name(column)`. */
export function rowObjects(rows: readonly unknown[][], columns: readonly TSnowflakeColumn[], name: (column: string) => string): Record<string, unknown>[] {
  const keys = columns.map((c) => name(c.name));
  return rows.map((row) => Object.fromEntries(row.map((v, i) => [keys[i]!, jsonValue(v, columns[i]!)])));
}
