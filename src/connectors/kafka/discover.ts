/**
 * `discover`: one stream per topic the configuration reads. Each topic's
 * recent messages (up to SAMPLE_PER_TOPIC, spread over its partitions, read
 * with a throwaway consumer group that is deleted afterwards) propose its
 * columns: JSON fields with their types, nested objects and arrays of
 * objects as json (src/connectors/json/infer-columns.ts), every column
 * nullable (a missing field is NULL; a topic's JSON Schema is what makes
 * fields required), whole numbers 64-bit. Messages that are not JSON objects are left out of the
 * sample. Then Weir's own columns (KAFKA_COLUMNS); the key is
 * (topic, partition, offset).
 */
import { randomUUID } from "node:crypto";

import { kafkaClient } from "@/connectors/kafka/client";
import { type TKafkaConfig, topicSelected } from "@/connectors/kafka/config";
import { KAFKA_COLUMNS, KAFKA_KEY, isKafkaColumn } from "@/connectors/kafka/decode";
import { parseJson } from "@/connectors/json/exact-json";
import { inferColumns } from "@/connectors/json/infer-columns";
import type { TCatalog, TConnectorContext, TStreamDescriptor } from "@/connectors/types";

export const SAMPLE_PER_TOPIC = 200;
const MAX_TOPICS = 100;
const SAMPLE_TIME_LIMIT_MS = 6_000;

type TTopicRange = { topic: string; partitions: { partition: number; low: bigint; high: bigint }[] };

/** Reads up to SAMPLE_PER_TOPIC recent JSON objects of each topic. */
async function sampleTopics(config: TKafkaConfig, ranges: TTopicRange[], ctx: TConnectorContext): Promise<Map<string, Record<string, unknown>[]>> {
  const samples = new Map<string, Record<string, unknown>[]>(ranges.map((r) => [r.topic, []]));
  const pending = new Map<string, bigint>(); // "topic:partition" → offset to read up to (exclusive)
  const starts = new Map<string, bigint>();
  for (const r of ranges) {
    const per = BigInt(Math.max(1, Math.ceil(SAMPLE_PER_TOPIC / r.partitions.length)));
    for (const p of r.partitions) {
      if (p.high <= p.low) continue;
      pending.set(`${r.topic}:${p.partition}`, p.high);
      starts.set(`${r.topic}:${p.partition}`, p.high - per > p.low ? p.high - per : p.low);
    }
  }
  if (!pending.size) return samples;
  const groupId = `weir-discover-${randomUUID()}`;
  const kafka = kafkaClient(config, { log: ctx.log, retries: 1 });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, allowAutoTopicCreation: false });
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, SAMPLE_TIME_LIMIT_MS);
  ctx.signal.addEventListener("abort", finish, { once: true });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))], fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const [key, offset] of starts) {
        const cut = key.lastIndexOf(":");
        consumer.seek({ topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)), offset: offset.toString() });
      }
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const until = pending.get(key);
        const list = samples.get(batch.topic)!;
        for (const m of batch.messages) {
          if (until !== undefined && BigInt(m.offset) >= until) break;
          if (list.length >= SAMPLE_PER_TOPIC) break;
          try {
            const value = m.value ? parseJson(m.value.toString("utf8")).value : null;
            if (value && typeof value === "object" && !Array.isArray(value)) list.push(value as Record<string, unknown>);
          } catch {
            // not JSON: left out of the sample (it would be a dead letter)
          }
        }
        const last = batch.messages.at(-1);
        if (!last || (until !== undefined && BigInt(last.offset) + 1n >= until)) pending.delete(key);
        if (!pending.size) finish();
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return samples;
}

export function topicStream(topic: string, records: readonly Record<string, unknown>[]): TStreamDescriptor {
  const fields = inferColumns(records)
    .filter((c) => !isKafkaColumn(c.name))
    // A sample cannot tell how large integers get: a stream never rejects one for outgrowing 32 bits.
    .map((c) => ({ ...c, type: c.type.kind === "integer" ? { kind: "bigint" as const } : c.type, nullable: true }));
  return { name: topic, columns: [...fields, ...KAFKA_COLUMNS], primaryKey: [...KAFKA_KEY], cursorCandidates: ["_weir_offset"], supportsIncremental: false };
}

export async function discoverKafka(config: TKafkaConfig, ctx: TConnectorContext): Promise<TCatalog> {
  const admin = kafkaClient(config, { log: ctx.log, retries: 1, requestTimeoutMs: 5_000 }).admin();
  const ranges: TTopicRange[] = [];
  try {
    await admin.connect();
    const topics = (await admin.listTopics())
      .filter((t) => topicSelected(config, t))
      .sort()
      .slice(0, MAX_TOPICS);
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ranges.push({ topic, partitions: offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })) });
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const samples = await sampleTopics(config, ranges, ctx);
  const streams = ranges.map((r) => {
    const stream = topicStream(r.topic, samples.get(r.topic) ?? []);
    const estimatedRows = r.partitions.reduce((n, p) => n + Number(p.high - p.low), 0);
    return { ...stream, estimatedRows };
  });
  return { streams };
}
