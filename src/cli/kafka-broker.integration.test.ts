// The test Kafka broker: the shared one `npm test` starts (WEIR_TEST_KAFKA_BROKERS)
// takes messages of every size Weir's tests send, and one started here keeps
// its port and data across stop/restart and kill/restart.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKafkaBroker, type TKafkaBroker } from "@/cli/kafka-broker";

type TMessage = { key: string; value: string };

function sharedBrokers(): string {
  const brokers = process.env.WEIR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error("WEIR_TEST_KAFKA_BROKERS is not set: run the tests with `npm test`, which starts a Kafka broker, or point it at one.");
  return brokers;
}

const client = (brokers: string) => new Kafka({ clientId: "weir-kafka-broker-test", brokers: [brokers], logLevel: logLevel.NOTHING });
const freshTopic = () => `weir-test-${randomBytes(6).toString("hex")}`;

async function produce(brokers: string, topic: string, messages: TMessage[]): Promise<void> {
  const producer = client(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Reads the first `count` messages of a topic with a new consumer group. */
async function consume(brokers: string, topic: string, count: number): Promise<TMessage[]> {
  const consumer = client(brokers).consumer({ groupId: `weir-test-${randomBytes(6).toString("hex")}` });
  const received: TMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Got ${received.length} of ${count} messages from ${topic} within 30 s`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            received.push({ key: message.key?.toString() ?? "", value: message.value?.toString() ?? "" });
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

const messages = (prefix: string, n: number): TMessage[] => Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, value: `${prefix} message ${i}` }));

describe("WEIR_TEST_KAFKA_BROKERS", () => {
  it("produces and consumes messages on a fresh topic", async () => {
    const brokers = sharedBrokers();
    const topic = freshTopic();
    const admin = client(brokers).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const sent = messages("shared", 5);
    await produce(brokers, topic, sent);
    expect(await consume(brokers, topic, sent.length)).toEqual(sent);
  });

  it("accepts a 6 MB message", async () => {
    const brokers = sharedBrokers();
    const topic = freshTopic();
    const big = { key: "big", value: "x".repeat(6 * 1024 * 1024) };
    await produce(brokers, topic, [big]);
    const [got] = await consume(brokers, topic, 1);
    expect(got?.value.length).toBe(big.value.length);
  });
});

describe("startKafkaBroker", () => {
  let dataDir: string;
  let broker: TKafkaBroker | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "weir-kafka-broker-test-"));
    broker = await startKafkaBroker({ dataDir });
  });

  afterAll(async () => {
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("restarts on the same port with its data after stop()", async () => {
    const b = broker!;
    expect(b.brokers).toBe(`127.0.0.1:${b.port}`);
    const topic = freshTopic();
    const before = messages("before-stop", 3);
    await produce(b.brokers, topic, before); // the topic is created on first use
    await b.stop();
    expect(await portOpen(b.port)).toBe(false);
    await b.restart();
    expect(b.brokers).toBe(`127.0.0.1:${b.port}`);
    const after = messages("after-restart", 2);
    await produce(b.brokers, topic, after);
    expect(await consume(b.brokers, topic, 5)).toEqual([...before, ...after]);
  });

  it("comes back after kill()", async () => {
    const b = broker!;
    const topic = freshTopic();
    const sent = messages("before-kill", 3);
    await produce(b.brokers, topic, sent);
    b.kill();
    await b.restart();
    expect(await consume(b.brokers, topic, 3)).toEqual(sent);
  });
});
