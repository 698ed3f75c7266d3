/**
 * One Kafka message → one wire row of its topic's bronze table, or the
 * reason it is a dead letter. A value must be UTF-8 text holding a JSON
 * object, no larger than maxMessageBytes, satisfying the topic's JSON Schema
 * when it has one, with every field the table has converting to the
 * column's type (src/connectors/json/wire-values.ts). Fields the table does
 * not have are ignored. Every row also carries where the message came from
 * (the `_weir_*` columns of KAFKA_COLUMNS). Pure.
 */
import Ajv, { type ValidateFunction } from "ajv";
import type { KafkaMessage } from "kafkajs";

import { formatWireTimestamptz } from "@/connectors/json/temporal-text";
import { ValueMismatchError, excerptValue, typeName, wireValue } from "@/connectors/json/wire-values";
import type { TColumn } from "@/connectors/types";

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
  /** The bronze table's columns (value fields and KAFKA_COLUMNS), in wire order. */
  columns: readonly TColumn[];
  maxMessageBytes: number;
  /** The topic's JSON Schema, compiled. */
  validate?: ValidateFunction;
};

export type TDecoded = { ok: true; row: unknown[] } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const ajv = new Ajv({ allErrors: false, strict: false });

/** Compiles a topic's JSON Schema text; throws with the reason when it is not one. */
export function compileTopicSchema(topic: string, text: string): ValidateFunction {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    throw new Error(`The JSON Schema of topic ${topic} is not JSON: ${(e as Error).message}`);
  }
  try {
    return ajv.compile(schema as object);
  } catch (e) {
    throw new Error(`The JSON Schema of topic ${topic} is not a valid schema: ${(e as Error).message}`);
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

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`);

/** The reason a value is not a usable JSON object, or the object. */
function parseValue(value: Buffer | null, maxBytes: number): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
  if (value === null || value.length === 0) return { ok: false, reason: "empty value: the message has no value (a tombstone or an empty payload)" };
  if (value.length > maxBytes) return { ok: false, reason: `too large: the value is ${sizeText(value.length)}, over the ${sizeText(maxBytes)} limit (maxMessageBytes)` };
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, reason: "not UTF-8: the value is binary, not JSON text" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `malformed JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: `not a JSON object: the value is ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`}` };
  }
  return { ok: true, record: parsed as Record<string, unknown> };
}

export function decodeMessage(topic: string, partition: number, message: KafkaMessage, rules: TDecodeRules, ingestedAt: string): TDecoded {
  const parsed = parseValue(message.value, rules.maxMessageBytes);
  if (!parsed.ok) return parsed;
  const { record } = parsed;
  if (rules.validate && !rules.validate(record)) {
    const err = rules.validate.errors?.[0];
    return { ok: false, reason: `fails the topic's JSON Schema: ${err ? `${err.instancePath || "(the value)"} ${err.message ?? "is invalid"}` : "invalid"}` };
  }
  const row: unknown[] = new Array(rules.columns.length);
  for (let i = 0; i < rules.columns.length; i++) {
    const column = rules.columns[i]!;
    switch (column.name) {
      case "_weir_topic": row[i] = topic; continue;
      case "_weir_partition": row[i] = partition; continue;
      case "_weir_offset": row[i] = message.offset; continue;
      case "_weir_key": row[i] = message.key ? message.key.toString("utf8") : null; continue;
      case "_weir_timestamp": row[i] = formatWireTimestamptz(BigInt(message.timestamp) * 1000n); continue;
      case "_weir_headers": row[i] = headersJson(message.headers); continue;
      case "_weir_ingested_at": row[i] = ingestedAt; continue;
    }
    const value = record[column.name];
    try {
      row[i] = wireValue(value, column.type);
    } catch (e) {
      if (e instanceof ValueMismatchError) return { ok: false, reason: `wrong type: field "${column.name}" is ${excerptValue(value)}, expected ${typeName(column.type)}` };
      throw e;
    }
  }
  return { ok: true, row };
}

/** The `_weir_ingested_at` text of a moment. */
export function ingestedAtText(ms: number): string {
  return formatWireTimestamptz(BigInt(ms) * 1000n);
}
