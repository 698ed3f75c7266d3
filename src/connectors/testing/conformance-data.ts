/**
 * Test data of the destination conformance suite: per Weir type, a column,
 * edge values, and how to compare wire text that warehouses may spell
 * differently (trailing zeros, key order, offsets written as +00:00).
 */
import type { TColumn } from "@/connectors/types";

export type TTypeCase = { column: TColumn; values: unknown[]; normalize(text: string | null): unknown };

const same = (t: string | null) => t;

/** 1.50 → 1.5, 10.0 → 10, +3 → 3, -0.0 → 0. */
export function normalizeDecimal(t: string | null): string | null {
  if (t === null) return null;
  let s = t.trim().replace(/^\+/, "");
  if (s.includes(".") && !/e/i.test(s)) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

/** Fractional seconds without trailing zeros, offset as +00. */
export function normalizeTimestamp(t: string | null): string | null {
  if (t === null) return null;
  return t
    .replace("T", " ")
    .replace(/(\.\d*?)0+(?=$|[+-]\d\d)/, "$1")
    .replace(/\.(?=$|[+-]\d\d)/, "")
    .replace(/(Z|[+-]00(:?00)?)$/, "+00");
}

function stableJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, stableJson(v)]),
    );
  }
  return value;
}

const json = (t: string | null) => (t === null ? null : stableJson(JSON.parse(t)));

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

export const TYPE_CASES: TTypeCase[] = [
  { column: { name: "c_bool", type: { kind: "boolean" }, nullable: true }, values: [true, false, null], normalize: same },
  { column: { name: "c_int", type: { kind: "integer" }, nullable: true }, values: [0, -2147483648, 2147483647, null], normalize: same },
  {
    column: { name: "c_bigint", type: { kind: "bigint" }, nullable: true },
    values: ["9223372036854775807", "-9223372036854775808", 42n, null],
    normalize: same,
  },
  {
    column: { name: "c_float", type: { kind: "float" }, nullable: true },
    values: [0.1, -2.5, 1e-7, 1.7976931348623157e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null],
    normalize: (t) => (t === null ? null : Number(t)),
  },
  {
    column: { name: "c_money", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true },
    values: ["-12.50", "0.00", "9999999999.99", null],
    normalize: normalizeDecimal,
  },
  {
    column: { name: "c_decimal", type: { kind: "numeric" }, nullable: true },
    values: ["12345678901234567890.123456789", "-0.000001", "7", null],
    normalize: normalizeDecimal,
  },
  {
    column: { name: "c_text", type: { kind: "text" }, nullable: true },
    values: ["", "plain", 'comma, "quote"\nand a newline', "ünïcødé 🚀", " leading and trailing ", null],
    normalize: same,
  },
  {
    column: { name: "c_uuid", type: { kind: "uuid" }, nullable: true },
    values: ["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10", null],
    normalize: (t) => t?.toLowerCase() ?? null,
  },
  { column: { name: "c_date", type: { kind: "date" }, nullable: true }, values: ["2024-02-29", "1969-07-20", null], normalize: same },
  {
    column: { name: "c_ts", type: { kind: "timestamp" }, nullable: true },
    values: ["2024-01-02 03:04:05.123456", "1960-01-01 00:00:00", null],
    normalize: normalizeTimestamp,
  },
  {
    column: { name: "c_tstz", type: { kind: "timestamptz" }, nullable: true },
    values: ["2024-01-02 03:04:05.123456+00", new Date("1965-03-04T05:06:07.890Z"), null],
    normalize: normalizeTimestamp,
  },
  {
    column: { name: "c_json", type: { kind: "json" }, nullable: true },
    values: [{ b: [1, 2, { c: null }], a: 'x, "y"' }, [], { ü: true }, null],
    normalize: json,
  },
  { column: { name: "c_bytes", type: { kind: "bytes" }, nullable: true }, values: [allBytes, new Uint8Array(0), null], normalize: same },
  { column: { name: "c_time", type: { kind: "time" }, nullable: true }, values: ["00:00:00", "13:14:15.123456", "23:59:59.999999", null], normalize: same },
  {
    column: { name: "c_interval", type: { kind: "interval" }, nullable: true },
    values: ["P1Y2M3DT4H5M6.5S", "PT0S", "P-1Y-2M3DT-4H-5M-6.000001S", "P10D", null],
    normalize: same,
  },
  { column: { name: "c_int_array", type: { kind: "array", items: { kind: "integer" } }, nullable: true }, values: [[1, null, 3], [], null], normalize: json },
  {
    column: { name: "c_int_matrix", type: { kind: "array", items: { kind: "array", items: { kind: "integer" } } }, nullable: true },
    values: [
      [
        [1, 2],
        [3, null],
      ],
      [],
      null,
    ],
    normalize: json,
  },
  {
    column: { name: "c_bigint_array", type: { kind: "array", items: { kind: "bigint" } }, nullable: true },
    values: [["9223372036854775807", "-9007199254740993", null], null],
    normalize: (t) => t,
  },
  {
    column: { name: "c_float_array", type: { kind: "array", items: { kind: "float" } }, nullable: true },
    values: [[0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, -2.5e-7], null],
    normalize: json,
  },
  {
    column: { name: "c_text_matrix", type: { kind: "array", items: { kind: "array", items: { kind: "text" } } }, nullable: true },
    values: [
      [
        ["a", "b"],
        ["c,d", null],
      ],
      null,
    ],
    normalize: json,
  },
  {
    column: { name: "c_text_array", type: { kind: "array", items: { kind: "text" } }, nullable: true },
    values: [["a", "b,c", 'q"uote', null], null],
    normalize: json,
  },
];

/** Identifiers that must be quoted everywhere. The first is used as a key. */
export const WEIRD_NAMES = ["order", "select", "user", "has space", "dot.ted", 'quo"te', "ünï"];
