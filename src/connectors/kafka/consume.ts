/**
 * The Kafka source's consumer: joins the connection's consumer group (Kafka
 * splits the partitions among every worker that does), decodes each fetched
 * batch (decode.ts) into a micro-batch, and lands the micro-batch when it
 * reaches maxBatchRecords or maxBatchBytes or is maxWaitMs old. Landing a
 * micro-batch is, in order: send its dead letters, hand the rows to
 * `input.land` (the destination commit), and only then commit the offsets.
 *
 * Why nothing is lost: an offset N is only ever committed after every
 * message below N that this consumer read since it (re)joined has landed,
 * and only for a partition this consumer still holds (a micro-batch filled
 * before a rebalance never moves another member's committed offset back),
 * because micro-batches land one at a time in order, and after any failure
 * the consumer is torn down (not resumed past what it had buffered), so the
 * next one starts from the committed offsets. Why nothing is duplicated:
 * what is read again after a crash or a rebalance lands again, and the
 * destination merges on (topic, partition, offset).
 *
 * One micro-batch lands while the next one fills (at most one in flight).
 */
import { randomUUID } from "node:crypto";
import type { Admin, Consumer, Message, Producer, TopicPartitionOffsetAndMetadata } from "kafkajs";

import { kafkaClient, kafkaErrorMessage } from "@/connectors/kafka/client";
import { type TKafkaConfig, deadLetterTopic } from "@/connectors/kafka/config";
import { type TDecodeRules, compileTopicSchema, decodeMessage, ingestedAtText, lineEncoder } from "@/connectors/kafka/decode";
import { type TDeadLetter, deadLetterMessage, sendDeadLetters } from "@/connectors/kafka/dead-letter";
import type { TStreamHandle, TStreamMicroBatch, TStreamingInput } from "@/connectors/streaming-types";
import type { TConnectorContext } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { setting } from "@/lib/env";

/** How long the group waits for a silent member before giving its partitions to the others. */
function sessionTimeoutMs(): number {
  return setting("WEIR_STREAM_SESSION_TIMEOUT_MS");
}

type TFilling = {
  /** Wire CSV lines per topic. */
  lines: Map<string, string[]>;
  dead: TDeadLetter[];
  offsets: Map<string, TopicPartitionOffsetAndMetadata>;
  /** The first offset of each partition ("topic:partition") in this micro-batch. */
  firsts: Map<string, string>;
  /** The highest offset of each partition in this micro-batch (a re-fetch can end below it). */
  highs: Map<string, bigint>;
  eventTimesMs: number[];
  messages: number;
  bytes: number;
  openedAt: number;
};

/** A micro-batch landing longer than this is reported (and again as often), naming the step it is in. */
const SLOW_LANDING_MS = 30_000;

/** Messages decoded between turns of the event loop. */
const DECODE_SLICE = 256;

const emptyBuffer = (): TFilling => ({
  lines: new Map(),
  dead: [],
  offsets: new Map(),
  firsts: new Map(),
  highs: new Map(),
  eventTimesMs: [],
  messages: 0,
  bytes: 0,
  openedAt: Date.now(),
});

export async function startKafkaStream(config: TKafkaConfig, input: TStreamingInput, ctx: TConnectorContext): Promise<TStreamHandle> {
  const log = ctx.log;
  const rules = new Map<string, TDecodeRules>();
  for (const s of input.streams) {
    const schema = config.schemas.find((x) => x.topic === s.name);
    let validate;
    try {
      validate = schema ? compileTopicSchema(s.name, schema.jsonSchema) : undefined;
    } catch (e) {
      throw new AppError("BAD_INPUT", (e as Error).message);
    }
    rules.set(s.name, { encoder: lineEncoder(s.columns), maxMessageBytes: config.maxMessageBytes, validate });
  }
  const topics = [...rules.keys()];
  if (!topics.length) throw new AppError("BAD_INPUT", "The connection selects no topic: select at least one stream.");

  const clientId = `weir-${randomUUID().slice(0, 8)}`;
  const kafka = kafkaClient(config, { log, clientId, retries: 10 });
  const consumer: Consumer = kafka.consumer({
    groupId: input.consumerGroup,
    sessionTimeout: sessionTimeoutMs(),
    heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeoutMs() / 3)),
    rebalanceTimeout: 60_000,
    maxBytesPerPartition: Math.max(4 * 1024 * 1024, config.maxMessageBytes + 64 * 1024),
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: Math.min(config.maxWaitMs, 250),
    allowAutoTopicCreation: false,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true, idempotent: false });
  const admin: Admin = kafka.admin();
  const knownDeadLetterTopics = new Set<string>();

  let filling = emptyBuffer();
  /** The end of the chain of micro-batches landing, one at a time, in order; it never rejects. */
  let landing: Promise<void> = Promise.resolve();
  let inFlight = 0;
  /** eachBatch is decoding into `filling` (it yields to the event loop now and then). */
  let decoding = false;
  let failure: Error | undefined;
  let stopped = false;
  let endedResolve: (e: Error) => void = () => {};
  const ended = new Promise<Error>((resolve) => (endedResolve = resolve));
  const assignment = new Set<string>();
  /** What the micro-batch landing now is doing, since when, and when that was last reported. */
  let landingStep: { name: string; since: number; said: number } | undefined;
  const step = (name: string) => (landingStep = { name, since: Date.now(), said: Date.now() });

  /** Tears everything down after an error; the caller (the worker's supervisor) starts a new consumer from the committed offsets. */
  function fail(error: Error): void {
    if (failure) return;
    failure = error;
    log.warn({ err: error.message }, "Kafka stream stopped after an error; it restarts from the committed offsets");
    clearInterval(timer);
    void shutdown().finally(() => endedResolve(error));
  }

  async function land(b: TFilling): Promise<void> {
    step("starting to land");
    if (b.dead.length) {
      step("sending dead letters");
      const byTopic = new Map<string, Message[]>();
      for (const d of b.dead) {
        const t = deadLetterTopic(config, d.topic);
        if (!byTopic.has(t)) byTopic.set(t, []);
        byTopic.get(t)!.push(deadLetterMessage(d, input.consumerGroup));
      }
      await sendDeadLetters(producer, admin, knownDeadLetterTopics, byTopic);
    }
    const batches = [...b.lines]
      .filter(([, lines]) => lines.length)
      .map(([topic, lines]) => {
        const csv = Buffer.from(`${lines.join("\n")}\n`, "utf8");
        return { stream: topic, columns: rules.get(topic)!.encoder.names, csv, rows: lines.length, extractedAt: new Date(b.openedAt) };
      });
    const ranges = [...b.offsets.values()].map((o) => ({
      stream: o.topic,
      partition: o.partition,
      first: b.firsts.get(`${o.topic}:${o.partition}`)!,
      last: b.highs.get(`${o.topic}:${o.partition}`)!.toString(),
    }));
    const micro: TStreamMicroBatch = { batches, messages: b.messages, bytes: b.bytes, deadLetters: b.dead.length, eventTimesMs: b.eventTimesMs, ranges };
    log.debug({ ranges, messages: b.messages }, "landing a micro-batch");
    await input.land(micro, step);
    step("committing offsets");
    // Only the partitions this consumer holds now: a micro-batch filled before a rebalance may hold partitions
    // another member took since, and committing them would move that member's committed offsets back (the broker
    // checks the generation, not who holds a partition). Their messages are read again there and merged away.
    const held = [...b.offsets.values()].filter((o) => assignment.has(`${o.topic}:${o.partition}`));
    if (held.length < b.offsets.size) log.debug({ released: b.offsets.size - held.length }, "offsets of partitions given away since not committed");
    try {
      if (held.length) await consumer.commitOffsets(held);
    } catch (e) {
      // Landed but not committed (a rebalance or the broker away): read again later and merged away.
      log.warn({ err: (e as Error).message }, "Kafka offsets not committed; the messages will be read again and deduplicated");
    }
  }

  /** Waits for `promise`, heartbeating meanwhile so a slow warehouse does not cost the partitions. */
  async function awaitBeating(promise: Promise<void>, heartbeat?: () => Promise<void>): Promise<void> {
    let done = false;
    const current = promise.then(() => {
      done = true;
    });
    while (!done) {
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      if (!done && heartbeat) await heartbeat().catch(() => undefined);
    }
  }

  /**
   * Queues the filling micro-batch to land after the ones before it (the
   * chain keeps them in order whoever calls: a full batch or the timer),
   * starts a new one, and waits until the one before has landed, so at
   * most one lands while the next fills.
   */
  async function rotate(heartbeat?: () => Promise<void>): Promise<void> {
    const b = filling;
    filling = emptyBuffer();
    if (!b.messages) return;
    if (failure) throw failure;
    const previous = landing;
    inFlight += 1;
    landing = previous.then(async () => {
      try {
        if (!failure) await land(b);
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
      } finally {
        inFlight -= 1;
        landingStep = undefined;
      }
    });
    await awaitBeating(previous, heartbeat);
    if (failure) throw failure;
  }

  const full = () => filling.messages >= config.maxBatchRecords || filling.bytes >= config.maxBatchBytes;
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (landingStep && now - landingStep.said >= SLOW_LANDING_MS) {
        landingStep.said = now;
        log.warn(
          { step: landingStep.name, forMs: now - landingStep.since, messages: filling.messages },
          "a micro-batch is slow to land; the stream waits for it",
        );
      }
      if (!decoding && inFlight < 2 && !failure && filling.messages && Date.now() - filling.openedAt >= config.maxWaitMs) void rotate().catch(() => undefined);
    },
    Math.max(5, Math.floor(config.maxWaitMs / 5)),
  );

  async function shutdown(): Promise<void> {
    clearInterval(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }

  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    assignment.clear();
    for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) for (const p of partitions) assignment.add(`${topic}:${p}`);
    log.info({ partitions: [...assignment], clientId }, "Kafka partitions assigned");
  });
  consumer.on(consumer.events.CRASH, (e) => {
    const error = e.payload.error;
    if (!e.payload.restart && !stopped) fail(new Error(`Kafka consumer crashed: ${kafkaErrorMessage(error, config)}`));
    else log.warn({ err: error.message }, "Kafka consumer crashed; kafkajs restarts it");
  });

  try {
    await Promise.all([consumer.connect(), producer.connect(), admin.connect()]);
    await consumer.subscribe({ topics, fromBeginning: config.startFrom === "earliest" });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat }) => {
        if (failure) throw failure;
        const r = rules.get(batch.topic);
        log.debug(
          { partition: batch.partition, messages: batch.messages.length, first: batch.messages[0]?.offset, filling: filling.messages, inFlight },
          "Kafka batch fetched",
        );
        if (!r || !batch.messages.length) return;
        const now = ingestedAtText(Date.now());
        let lines = filling.lines.get(batch.topic);
        if (!lines) filling.lines.set(batch.topic, (lines = []));
        // Decoding is synchronous: every DECODE_SLICE messages the event loop gets a turn, so the
        // micro-batch landing meanwhile (file writes, warehouse calls) is not starved. The timer
        // does not rotate the micro-batch in between (decoding), so the batch stays in one.
        decoding = true;
        try {
          let index = 0;
          for (const m of batch.messages) {
            if (++index % DECODE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
            filling.messages += 1;
            filling.bytes += m.value?.length ?? 0;
            const decoded = decodeMessage(batch.topic, batch.partition, m, r, now);
            if (decoded.ok) {
              lines.push(decoded.line);
              filling.eventTimesMs.push(Number(m.timestamp));
            } else {
              filling.dead.push({ topic: batch.topic, partition: batch.partition, message: m, reason: decoded.reason });
            }
          }
        } finally {
          decoding = false;
        }
        const last = batch.messages[batch.messages.length - 1]!;
        const key = `${batch.topic}:${batch.partition}`;
        // Fetched again from the committed offset (a rebalance that kept the partition here): positions this micro-batch holds twice, so it is merged.
        const before = filling.offsets.get(key);
        if (before && BigInt(batch.messages[0]!.offset) < BigInt(before.offset)) filling.firsts.set(key, "-1");
        if (!filling.firsts.has(key)) filling.firsts.set(key, batch.messages[0]!.offset);
        const high = filling.highs.get(key);
        if (high === undefined || BigInt(last.offset) > high) filling.highs.set(key, BigInt(last.offset));
        // The offset to commit is past the highest message held (a re-fetch can end below an earlier fetch; everything below lands with this micro-batch).
        filling.offsets.set(key, { topic: batch.topic, partition: batch.partition, offset: (filling.highs.get(key)! + 1n).toString() });
        if (full()) await rotate(heartbeat);
        await heartbeat();
      },
    });
  } catch (e) {
    clearInterval(timer);
    await shutdown();
    throw new AppError("CONNECTOR_ERROR", `Kafka: ${kafkaErrorMessage(e, config)}`);
  }

  /** Waits for the eachBatch decoding now (if any) to finish filling its micro-batch. */
  async function decoded(): Promise<void> {
    while (decoding) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  return {
    async pause() {
      consumer.pause(topics.map((topic) => ({ topic })));
      await decoded();
      await rotate();
      await landing;
    },
    resume() {
      consumer.resume(topics.map((topic) => ({ topic })));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      consumer.pause(topics.map((topic) => ({ topic })));
      clearInterval(timer);
      await decoded();
      if (!failure) {
        await rotate().catch(() => undefined);
        await landing;
      }
      await shutdown();
    },
    ended,
    assigned: () => [...assignment],
  };
}
