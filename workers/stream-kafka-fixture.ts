/**
 * The Kafka side of the streaming reliability tests (workers/stream-*.integration.test.ts):
 * topics, test messages (some malformed, for the dead-letter topic), a
 * producer writing at a steady rate, the ground truth read back from a topic
 * by a consumer of the test's own, and the consumer group as the broker's
 * coordinator describes it. Every helper takes the broker address, so a test
 * may use its own broker (src/cli/kafka-broker.ts) instead of the shared one.
 */
import { randomUUID } from "node:crypto";
import { AssignerProtocol, Kafka, type KafkaMessage, logLevel } from "kafkajs";

export { sleep } from "@/lib/testing/until";
import { sleep } from "@/lib/testing/until";

/** A kafkajs client of the test's own (quiet, quick to give up on a broker that is away). */
export function kafkaAt(brokers: string): Kafka {
  return new Kafka({
    clientId: "weir-test",
    brokers: brokers.split(","),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
}

/** A new topic with a unique name. */
export async function createTopicAt(brokers: string, prefix: string, partitions: number): Promise<string> {
  const topic = `${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Message `seq` of a test stream: a JSON object, or (every `invalidEvery`-th) malformed JSON that must go to the dead-letter topic. */
export function testMessage(seq: number, invalidEvery = 0): { key: string; value: string } {
  const invalid = invalidEvery > 0 && seq % invalidEvery === invalidEvery - 1;
  return { key: `k${seq}`, value: invalid ? `{"seq": ${seq}, broken` : JSON.stringify({ seq, note: `message ${seq}` }) };
}

export type TSteadyProducer = {
  /** Messages the broker has acknowledged so far. */
  produced(): number;
  /** Sends that failed and were retried (the broker away). */
  failedSends(): number;
  /** Resolves once all `count` messages are acknowledged, with the time it happened. */
  finished: Promise<number>;
  stop(): Promise<void>;
};

/**
 * Produces messages `from` … `from + count - 1` at `perSecond`, in sends every
 * 50 ms (acks from all replicas); a failed send is retried until the broker
 * takes it, and the producer then catches up with its schedule.
 */
export function startSteadyProducer(opts: {
  brokers: string;
  topic: string;
  from: number;
  count: number;
  perSecond: number;
  invalidEvery?: number;
}): TSteadyProducer {
  const producer = kafkaAt(opts.brokers).producer({ allowAutoTopicCreation: false, retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 } });
  let next = 0;
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    await producer.connect();
    const started = Date.now();
    while (!stopped && next < opts.count) {
      const due = Math.min(opts.count, Math.floor(((Date.now() - started) / 1000) * opts.perSecond));
      if (due <= next) {
        await sleep(50);
        continue;
      }
      const n = Math.min(due - next, 2_000);
      const messages = Array.from({ length: n }, (_, i) => testMessage(opts.from + next + i, opts.invalidEvery));
      try {
        await producer.send({ topic: opts.topic, acks: -1, messages });
        next += n;
      } catch {
        failures += 1;
        await sleep(250);
      }
    }
    const at = Date.now();
    await producer.disconnect().catch(() => undefined);
    return at;
  })();
  return {
    produced: () => next,
    failedSends: () => failures,
    finished: loop,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Reads every message of a topic up to its end offsets at the time of the call. */
async function readTopicAt(
  brokers: string,
  topic: string,
  onMessage: (partition: number, m: KafkaMessage) => void,
  timeoutMs = 60_000,
): Promise<Map<number, number>> {
  const kafka = kafkaAt(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  const remaining = new Map([...ends].filter(([, high]) => high > 0));
  if (!remaining.size) return ends;
  const consumer = kafka.consumer({ groupId: `weir-test-truth-${randomUUID()}`, maxBytesPerPartition: 8 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out; partitions left: ${JSON.stringify([...remaining])}`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const high = ends.get(batch.partition) ?? 0;
          for (const m of batch.messages) if (Number(m.offset) < high) onMessage(batch.partition, m);
          if (Number(batch.lastOffset()) + 1 >= high) remaining.delete(batch.partition);
          if (!remaining.size) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return ends;
}

export type TTopicTruth = {
  /** Log end offset of each partition. */
  ends: Map<number, number>;
  /** `partition:offset` → the message's seq, for the valid messages. */
  valid: Map<string, number>;
  /** `partition:offset` of the malformed messages. */
  invalid: Set<string>;
};

/** What the topic holds, as read by a consumer of the test's own: the ground truth the warehouse is compared with. */
export async function readTopicTruth(brokers: string, topic: string): Promise<TTopicTruth> {
  const valid = new Map<string, number>();
  const invalid = new Set<string>();
  const ends = await readTopicAt(brokers, topic, (partition, m) => {
    const key = `${partition}:${m.offset}`;
    try {
      valid.set(key, (JSON.parse(m.value?.toString() ?? "") as { seq: number }).seq);
    } catch {
      invalid.add(key);
    }
  });
  return { ends, valid, invalid };
}

/** The distinct source positions (`partition:offset`) of the dead letters of `topic`. */
export async function readDeadLetterSources(brokers: string, topic: string): Promise<Set<string>> {
  const sources = new Set<string>();
  await readTopicAt(brokers, `${topic}.weir-dlq`, (_, m) =>
    sources.add(`${m.headers?.["weir-source-partition"]?.toString()}:${m.headers?.["weir-source-offset"]?.toString()}`),
  );
  return sources;
}

export type TGroupMember = { memberId: string; clientId: string; partitions: string[] };

/** The consumer group as the broker's coordinator describes it: its state and each member's assigned partitions. */
export async function describeGroup(brokers: string, groupId: string): Promise<{ state: string; members: TGroupMember[] }> {
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    if (!group) return { state: "Unknown", members: [] };
    return {
      state: group.state,
      members: group.members.map((m) => {
        const assignment = m.memberAssignment.length ? (AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}) : {};
        return {
          memberId: m.memberId,
          clientId: m.clientId,
          partitions: Object.entries(assignment)
            .flatMap(([t, ps]) => ps.map((p) => `${t}:${p}`))
            .sort(),
        };
      }),
    };
  } finally {
    await admin.disconnect();
  }
}

/** Sends messages `seqs` to one partition at once (acks from all replicas). */
export async function produceToPartition(brokers: string, topic: string, partition: number, seqs: number[]): Promise<void> {
  const producer = kafkaAt(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: seqs.map((seq) => ({ ...testMessage(seq), partition })) });
  } finally {
    await producer.disconnect();
  }
}
