/**
 * The fidelity matrix's independent expectation: the wire text a PostgreSQL
 * value must travel as, computed from what PostgreSQL itself prints for it
 * (`value::text` under the source's session settings, array elements one by
 * one with the array's dimensions) and the wire format's rules
 * (src/connectors/wire-format.ts), not from the source connector's SQL.
 * Also: parsing wire CSV back into fields, and JSON compared by value.
 */
import type { TWeirType } from "@/connectors/types";

/** What PostgreSQL printed for one value: a scalar's text, or an array's dimensions and element texts (row-major). */
export type TPgPrinted = { text: string | null } | { dims: number[]; elements: (string | null)[] };

/** The settings under which PostgreSQL's output is the wire text (the source sets the same). */
export const WIRE_SESSION_SQL = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; SET extra_float_digits = 1";

/** `[1:2][0:3]` → [2, 4] (lower bounds are not kept: the wire numbers elements from 1). */
export function parseDims(dims: string | null): number[] {
  if (!dims) return [];
  return [...dims.matchAll(/\[(-?\d+):(-?\d+)\]/g)].map((m) => Number(m[2]) - Number(m[1]) + 1);
}

function floatWire(text: string): string {
  if (text === "NaN" || text === "Infinity" || text === "-Infinity") return text;
  return String(Number(text));
}

/** A scalar's wire text from PostgreSQL's text of it. */
export function scalarWire(text: string, type: TWeirType): string {
  switch (type.kind) {
    case "float":
      return floatWire(text);
    case "bytes":
      return Buffer.from(text.replace(/^\\x/, ""), "hex").toString("base64");
    case "boolean":
      return text === "t" ? "true" : text === "f" ? "false" : text;
    default:
      return text;
  }
}

/** One array element as the JSON text the wire array holds. */
function elementJson(text: string | null, type: TWeirType): string {
  if (text === null) return "null";
  switch (type.kind) {
    case "integer":
    case "bigint":
      return text;
    case "boolean":
      return scalarWire(text, type);
    case "float": {
      const wire = floatWire(text);
      return wire === "NaN" || wire.endsWith("Infinity") ? JSON.stringify(wire) : wire;
    }
    default:
      return JSON.stringify(scalarWire(text, type));
  }
}

function innermost(type: TWeirType): TWeirType {
  return type.kind === "array" ? innermost(type.items) : type;
}

/** The wire text a printed value must arrive as for a column of `type`. */
export function expectedWire(printed: TPgPrinted, type: TWeirType): string | null {
  if ("text" in printed) return printed.text === null ? null : scalarWire(printed.text, type);
  const element = innermost(type);
  const { dims, elements } = printed;
  if (dims.length === 0) return "[]";
  let index = 0;
  const build = (level: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < dims[level]!; i++) parts.push(level === dims.length - 1 ? elementJson(elements[index++] ?? null, element) : build(level + 1));
    return `[${parts.join(",")}]`;
  };
  return build(0);
}

/** The fields of wire CSV lines: null for an empty unquoted field. */
export function parseWireCsv(csv: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quoted field in wire CSV");
        value += csv.slice(i, q);
        if (csv[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      row.push(value);
    } else {
      let end = i;
      while (end < csv.length && csv[end] !== "," && csv[end] !== "\n") end++;
      row.push(end === i ? null : csv.slice(i, end));
      i = end;
    }
    if (csv[i] === ",") i++;
    else if (csv[i] === "\n") {
      rows.push(row);
      row = [];
      i++;
      if (i === csv.length) break;
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** A decimal number's canonical text: no exponent, no leading or trailing zeros, "-0" is "0". */
export function canonicalDecimal(text: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, sign, int = "", frac = "", exp = "0"] = m;
  let digits = `${int}${frac}`;
  let point = int.length + Number(exp);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+/, "") || "0";
  const fraction = digits.slice(point).replace(/0+$/, "");
  const body = fraction ? `${whole}.${fraction}` : whole;
  return body === "0" ? "0" : `${sign}${body}`;
}

/**
 * JSON text compared by value: objects by key (sorted; a repeated key keeps
 * its last value, as jsonb does), numbers by their exact decimal value,
 * whitespace ignored. Returns the canonical text.
 */
export function canonicalJson(text: string): string {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const value = (): string => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      const entries = new Map<string, string>();
      ws();
      if (text[i] === "}") i++;
      else
        for (;;) {
          ws();
          const key = JSON.parse(str()) as string;
          ws();
          i++; // :
          entries.set(key, value());
          ws();
          if (text[i++] === "}") break;
        }
      return `{${[...entries]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
        .join(",")}}`;
    }
    if (ch === "[") {
      i++;
      const items: string[] = [];
      ws();
      if (text[i] === "]") i++;
      else
        for (;;) {
          items.push(value());
          ws();
          if (text[i++] === "]") break;
        }
      return `[${items.join(",")}]`;
    }
    if (ch === '"') return JSON.stringify(JSON.parse(str()));
    const m = /^(true|false|null|-?[\d.]+(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) throw new Error(`not JSON at ${i}: ${text.slice(i, i + 20)}`);
    i += m[0].length;
    return /^[-\d]/.test(m[0]) ? canonicalDecimal(m[0]) : m[0];
  };
  const str = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return text.slice(start, i);
  };
  return value();
}
