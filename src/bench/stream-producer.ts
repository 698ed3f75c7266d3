/**
 * The streaming benchmark's producer: a child process (`node --import tsx`)
 * so that producing never competes with the measured consumers for the
 * benchmark process's event loop. The parent sends a `TProducerInput` over
 * IPC; the producer answers with a `TProducerMessage` and exits.
 *
 * - bulk: `count` messages as fast as the broker takes them (chunks of
 *   5,000, four requests in flight), acks from all in-sync replicas.
 * - paced: `rate` messages per second for `seconds`, sent every `tickMs`
 *   (whatever is due by then), each message's timestamp set to the moment
 *   its request is sent, so a consumer's latency is counted from there.
 */
import { Kafka, type Message, type Producer, logLevel } from "kafkajs";

import { benchMessage } from "@/bench/stream-messages";

export type TProducerInput =
  | { mode: "bulk"; brokers: string; topic: string; count: number }
  | { mode: "paced"; brokers: string; topic: string; rate: number; seconds: number; firstSeq: number; tickMs: number };

export type TProducerResult = {
  messages: number;
  /** Bytes of message values. */
  bytes: number;
  seconds: number;
  /** Paced: the worst time a send waited for its acknowledgement, and how far behind schedule the producer fell at worst. */
  maxAckMs?: number;
  maxBehindMs?: number;
  /** CPU seconds the producer process used (user + system). */
  cpuSeconds: number;
};

export type TProducerMessage = { ok: true; result: TProducerResult } | { ok: false; error: string };

const BULK_CHUNK = 5_000;
const BULK_IN_FLIGHT = 4;
const PACED_IN_FLIGHT = 32;
/** Messages per request when the producer has fallen behind (the broker takes at most 8 MB). */
const PACED_MAX_CHUNK = 5_000;

function producerOf(brokers: string): Producer {
  const kafka = new Kafka({
    clientId: "weir-bench-producer",
    brokers: brokers.split(","),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
  return kafka.producer({ allowAutoTopicCreation: false });
}

function messagesOf(from: number, count: number, nowMs: number): { messages: Message[]; bytes: number } {
  const messages: Message[] = new Array(count);
  let bytes = 0;
  const timestamp = String(nowMs);
  for (let i = 0; i < count; i++) {
    const { key, value } = benchMessage(from + i, nowMs);
    bytes += Buffer.byteLength(value);
    messages[i] = { key, value, timestamp };
  }
  return { messages, bytes };
}

async function bulk(producer: Producer, topic: string, count: number): Promise<Omit<TProducerResult, "cpuSeconds">> {
  const started = performance.now();
  let next = 0;
  let bytes = 0;
  const lane = async () => {
    while (next < count) {
      const from = next;
      const n = Math.min(BULK_CHUNK, count - from);
      next += n;
      const chunk = messagesOf(from, n, Date.now());
      bytes += chunk.bytes;
      await producer.send({ topic, acks: -1, messages: chunk.messages });
    }
  };
  await Promise.all(Array.from({ length: BULK_IN_FLIGHT }, lane));
  return { messages: count, bytes, seconds: (performance.now() - started) / 1000 };
}

async function paced(producer: Producer, input: Extract<TProducerInput, { mode: "paced" }>): Promise<Omit<TProducerResult, "cpuSeconds">> {
  const total = Math.round(input.rate * input.seconds);
  const started = Date.now();
  let sent = 0;
  let bytes = 0;
  let inFlight = 0;
  let maxAckMs = 0;
  let maxBehindMs = 0;
  let failure: unknown;
  const pending = new Set<Promise<void>>();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (failure) return;
      const now = Date.now();
      const due = Math.min(total, Math.floor(((now - started) * input.rate) / 1000));
      maxBehindMs = Math.max(maxBehindMs, ((due - sent) * 1000) / input.rate - input.tickMs);
      while (due > sent && inFlight < PACED_IN_FLIGHT) {
        const chunk = messagesOf(input.firstSeq + sent, Math.min(due - sent, PACED_MAX_CHUNK), now);
        sent += chunk.messages.length;
        bytes += chunk.bytes;
        inFlight += 1;
        const request = producer
          .send({ topic: input.topic, acks: -1, messages: chunk.messages })
          .then(
            () => {
              maxAckMs = Math.max(maxAckMs, Date.now() - now);
            },
            (e: unknown) => {
              failure = e;
            },
          )
          .finally(() => {
            inFlight -= 1;
            pending.delete(request);
          });
        pending.add(request);
      }
      if (sent >= total || failure) {
        clearInterval(timer);
        resolve();
      }
    }, input.tickMs);
  });
  await Promise.all(pending);
  if (failure) throw failure;
  return { messages: sent, bytes, seconds: (Date.now() - started) / 1000, maxAckMs, maxBehindMs: Math.max(0, maxBehindMs) };
}

async function produce(input: TProducerInput): Promise<TProducerResult> {
  const producer = producerOf(input.brokers);
  await producer.connect();
  const cpu = process.cpuUsage();
  try {
    const result = input.mode === "bulk" ? await bulk(producer, input.topic, input.count) : await paced(producer, input);
    const used = process.cpuUsage(cpu);
    return { ...result, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    await producer.disconnect();
  }
}

process.once("message", (input: TProducerInput) => {
  produce(input).then(
    (result) => process.send?.({ ok: true, result } satisfies TProducerMessage, () => process.exit(0)),
    (e: unknown) =>
      process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies TProducerMessage, () => process.exit(1)),
  );
});
