/**
 * The streaming benchmark's reference: a bare kafkajs `eachBatch` consumer
 * that reads every message of a topic and does nothing with it (counts
 * messages and value bytes). It is configured exactly as Weir's consumer
 * (src/connectors/kafka/consume.ts): the same client, fetch sizes, wait,
 * session and one partition at a time, in a fresh consumer group reading
 * from the earliest offset; so the ratio to it is what Weir's decoding,
 * encoding and landing cost.
 */
import { randomUUID } from "node:crypto";

import { kafkaClient } from "@/connectors/kafka/client";
import { parseKafkaConfig } from "@/connectors/kafka/config";

export type TBareRun = { messages: number; bytes: number; seconds: number };

const TIMEOUT_MS = 15 * 60_000;

/** Reads `expected` messages of `topic` from the beginning; `seconds` from before connecting to the last message read. */
export async function runBareConsumer(brokers: string, topic: string, expected: number, sourceConfig: Record<string, unknown> = {}): Promise<TBareRun> {
  const config = parseKafkaConfig({ ...sourceConfig, brokers: [brokers], topics: [topic] });
  const kafka = kafkaClient(config, { clientId: `weir-bench-bare-${randomUUID().slice(0, 8)}`, retries: 10 });
  const sessionTimeout = Number(process.env.WEIR_STREAM_SESSION_TIMEOUT_MS) || 10_000;
  const consumer = kafka.consumer({
    groupId: `weir-bench-bare-${randomUUID()}`,
    sessionTimeout,
    heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
    rebalanceTimeout: 60_000,
    maxBytesPerPartition: Math.max(4 * 1024 * 1024, config.maxMessageBytes + 64 * 1024),
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: Math.min(config.maxWaitMs, 250),
    allowAutoTopicCreation: false,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  let messages = 0;
  let bytes = 0;
  const started = performance.now();
  let finished = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bare consumer read ${messages} of ${expected} messages in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: true,
          partitionsConsumedConcurrently: 1,
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) bytes += m.value?.length ?? 0;
            messages += batch.messages.length;
            if (messages >= expected && !finished) {
              finished = performance.now();
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return { messages, bytes, seconds: (finished - started) / 1000 };
}
