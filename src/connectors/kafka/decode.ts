/**
 * One Kafka message → one wire line (CSV, src/connectors/wire-format.ts) of
 * its topic's bronze table, or the reason it is a dead letter. A value must be UTF-8 text holding a JSON
 * object, no larger than maxMessageBytes, satisfying the topic's JSON Schema
 * when it has one, with every field the table has converting to the
 * column's type (src/connectors/json/wire-values.ts). Fields the table does
 * not have are ignored. Every row also carries where the message came from
 * (the `_weir_*` columns of KAFKA_COLUMNS). Pure.
 *
 * This runs for every message, so each column gets its encoder once
 * (`lineEncoder`) and a message goes straight to its CSV text, without an
 * intermediate row: common types are checked and written inline, the rest
 * through wireValue + encodeValue.
 *
 * Numbers arrive exactly: a value holding a number JSON.parse would round
 * (beyond 2^53, more than 15 significant digits, a three-digit exponent) is
 * parsed by src/connectors/json/exact-json.ts instead, its numbers reaching
 * bigint, numeric, text and json columns digit for digit. Only such values
 * pay for it; the others cost one regular-expression test more.
 */
import Ajv, { type ValidateFunction } from "ajv";
import type { KafkaMessage } from "kafkajs";

import { parseJson, stringifyJson } from "@/connectors/json/exact-json";
import { ValueMismatchError, excerptValue, numericText, typeName, wireValue } from "@/connectors/json/wire-values";
import type { TColumn } from "@/connectors/types";
import { encodeValue, quoteField } from "@/connectors/wire-format";

/** Columns every Kafka bronze table has, filled from the message rather than its value. */
export const KAFKA_COLUMNS: readonly TColumn[] = [
  { name: "_weir_topic", type: { kind: "text" }, nullable: false, sourceType: "topic" },
  { name: "_weir_partition", type: { kind: "integer" }, nullable: false, sourceType: "partition" },
  { name: "_weir_offset", type: { kind: "bigint" }, nullable: false, sourceType: "offset" },
  { name: "_weir_key", type: { kind: "text" }, nullable: true, sourceType: "key" },
  { name: "_weir_timestamp", type: { kind: "timestamptz" }, nullable: false, sourceType: "timestamp" },
  { name: "_weir_headers", type: { kind: "json" }, nullable: true, sourceType: "headers" },
  { name: "_weir_ingested_at", type: { kind: "timestamptz" }, nullable: false, sourceType: "ingested at" },
];
const META = new Set(KAFKA_COLUMNS.map((c) => c.name));
/** The key of a Kafka bronze table: every message lands exactly once per (topic, partition, offset). */
export const KAFKA_KEY = ["_weir_topic", "_weir_partition", "_weir_offset"];

export const isKafkaColumn = (name: string): boolean => META.has(name);

export type TDecodeRules = {
  /** The encoders of the bronze table's columns (value fields and KAFKA_COLUMNS), in wire order: `lineEncoder(columns)`. */
  encoder: ReturnType<typeof lineEncoder>;
  maxMessageBytes: number;
  /** The topic's JSON Schema, compiled. */
  validate?: ValidateFunction;
};

export type TDecoded = { ok: true; line: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const ajv = new Ajv({ allErrors: false, strict: false });

/** Compiles a topic's JSON Schema text; throws with the reason when it is not one. */
export function compileTopicSchema(topic: string, text: string): ValidateFunction {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    throw new Error(`The JSON Schema of topic ${topic} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  try {
    return ajv.compile(schema as object);
  } catch (e) {
    throw new Error(`The JSON Schema of topic ${topic} is not a valid schema: ${(e as Error).message}`, { cause: e });
  }
}

function headersJson(headers: KafkaMessage["headers"]): string | null {
  if (!headers) return null;
  const entries = Object.entries(headers);
  if (!entries.length) return null;
  const out: Record<string, string | string[] | null> = {};
  for (const [k, v] of entries) {
    out[k] = v === undefined ? null : Array.isArray(v) ? v.map((x) => x.toString("utf8")) : (v as Buffer | string).toString();
  }
  return JSON.stringify(out);
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

type TParsedValue = { ok: true; record: Record<string, unknown>; exact: boolean; text: string } | { ok: false; reason: string };

/** The reason a value is not a usable JSON object, or the object (`exact`: it may hold LosslessNumbers). */
function parseValue(value: Buffer | null, maxBytes: number): TParsedValue {
  if (value === null || value.length === 0) return { ok: false, reason: "empty value: the message has no value (a tombstone or an empty payload)" };
  if (value.length > maxBytes)
    return { ok: false, reason: `too large: the value is ${sizeText(value.length)}, over the ${sizeText(maxBytes)} limit (maxMessageBytes)` };
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, reason: "not UTF-8: the value is binary, not JSON text" };
  }
  let parsed: unknown;
  let exact: boolean;
  try {
    ({ value: parsed, exact } = parseJson(text));
  } catch (e) {
    return { ok: false, reason: `malformed JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: `not a JSON object: the value is ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`}` };
  }
  return { ok: true, record: parsed as Record<string, unknown>, exact, text };
}

/** Where a message came from, for the `_weir_*` columns. */
type TOrigin = { topic: string; partition: number; message: KafkaMessage; ingestedAt: string; exact: boolean };
/** Writes one column's field; throws ValueMismatchError for a value of the wrong type. */
type TFieldEncoder = (record: Record<string, unknown>, origin: TOrigin) => string;

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;

/** `YYYY-MM-DD HH:MM:SS[.fff]+00` of epoch milliseconds (the wire timestamptz), without BigInt. */
export function wireTimestampOfMs(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-23T11:59:59.250Z
  const millis = ms % 1000;
  const fraction = millis ? `.${iso.slice(20, 23).replace(/0+$/, "")}` : "";
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}+00`;
}

function valueEncoder(column: TColumn): TFieldEncoder {
  const { name, type } = column;
  const mismatch = (value: unknown) => new ValueMismatchError(value, type);
  // Values that are not plain numbers (LosslessNumbers, wrong types) take the general path, which keeps or refuses them.
  const general = (value: unknown, exact: boolean) => {
    const text = encodeValue(wireValue(value, type, exact), type);
    return text === null ? "" : quoteField(text);
  };
  switch (type.kind) {
    case "bigint":
    case "integer": {
      const limit = type.kind === "bigint" ? INT64 : INT32;
      return (r, o) => {
        const v = r[name];
        if (v === null || v === undefined) return "";
        if (typeof v !== "number") return general(v, o.exact);
        if (!Number.isInteger(v) || v >= limit || v < -limit) throw mismatch(v);
        return String(v);
      };
    }
    case "float":
      return (r, o) => {
        const v = r[name];
        if (v === null || v === undefined) return "";
        return typeof v === "number" ? String(v) : general(v, o.exact);
      };
    case "numeric":
      return (r) => {
        const v = r[name];
        if (v === null || v === undefined) return "";
        const text = numericText(v);
        if (text === null) throw mismatch(v);
        return text;
      };
    case "boolean":
      return (r) => {
        const v = r[name];
        if (v === null || v === undefined) return "";
        if (typeof v !== "boolean") throw mismatch(v);
        return v ? "true" : "false";
      };
    case "text":
      return (r, o) => {
        const v = r[name];
        if (v === null || v === undefined) return "";
        return quoteField(typeof v === "string" ? v : stringifyJson(v, o.exact));
      };
    case "json":
      return (r, o) => {
        const v = r[name];
        return v === null || v === undefined ? "" : quoteField(stringifyJson(v, o.exact));
      };
    default:
      return (r, o) => general(r[name], o.exact);
  }
}

function originEncoder(name: string): TFieldEncoder | undefined {
  switch (name) {
    case "_weir_topic":
      return (_, o) => quoteField(o.topic);
    case "_weir_partition":
      return (_, o) => String(o.partition);
    case "_weir_offset":
      return (_, o) => o.message.offset;
    case "_weir_key":
      return (_, o) => (o.message.key ? quoteField(o.message.key.toString("utf8")) : "");
    case "_weir_timestamp":
      return (_, o) => wireTimestampOfMs(Number(o.message.timestamp));
    case "_weir_headers":
      return (_, o) => {
        const json = headersJson(o.message.headers);
        return json === null ? "" : quoteField(json);
      };
    case "_weir_ingested_at":
      return (_, o) => o.ingestedAt;
  }
  return undefined;
}

/** The encoders of a table's columns, in wire order: build once per stream. */
export function lineEncoder(columns: readonly TColumn[]): { names: string[]; fields: TFieldEncoder[] } {
  return { names: columns.map((c) => c.name), fields: columns.map((c) => originEncoder(c.name) ?? valueEncoder(c)) };
}

export function decodeMessage(topic: string, partition: number, message: KafkaMessage, rules: TDecodeRules, ingestedAt: string): TDecoded {
  const parsed = parseValue(message.value, rules.maxMessageBytes);
  if (!parsed.ok) return parsed;
  const { record, exact } = parsed;
  // The schema sees numbers as JSON.parse makes them (a LosslessNumber is an object to it); the row keeps them exact.
  if (rules.validate && !rules.validate(exact ? JSON.parse(parsed.text) : record)) {
    const err = rules.validate.errors?.[0];
    return { ok: false, reason: `fails the topic's JSON Schema: ${err ? `${err.instancePath || "(the value)"} ${err.message ?? "is invalid"}` : "invalid"}` };
  }
  const origin: TOrigin = { topic, partition, message, ingestedAt, exact };
  const { fields, names } = rules.encoder;
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    try {
      line += i ? `,${fields[i]!(record, origin)}` : fields[i]!(record, origin);
    } catch (e) {
      if (e instanceof ValueMismatchError)
        return { ok: false, reason: `wrong type: field "${names[i]}" is ${excerptValue(e.value)}, expected ${typeName(e.expected)}` };
      throw e;
    }
  }
  return { ok: true, line };
}

/** The `_weir_ingested_at` text of a moment. */
export function ingestedAtText(ms: number): string {
  return wireTimestampOfMs(ms);
}
