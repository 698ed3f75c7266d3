/**
 * Tests' access to the real Kafka broker `npm test` starts
 * (src/cli/kafka-broker.ts): its address, fresh topics, producing and
 * reading messages. Without WEIR_TEST_KAFKA_BROKERS a test fails with a
 * clear message; it is never skipped.
 */
import { randomUUID } from "node:crypto";
import { Kafka, type KafkaMessage, type Message, logLevel } from "kafkajs";

export function testBrokers(): string {
  const brokers = process.env.WEIR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error("WEIR_TEST_KAFKA_BROKERS is not set: run the tests with `npm test`, which starts a Kafka broker (src/cli/kafka-broker.ts).");
  return brokers;
}

/** The same broker's SASL_PLAINTEXT listener (PLAIN; user TEST_SASL_USER of src/cli/kafka-broker.ts). */
export function testSaslBrokers(): string {
  const brokers = process.env.WEIR_TEST_KAFKA_SASL_BROKERS;
  if (!brokers)
    throw new Error(
      "WEIR_TEST_KAFKA_SASL_BROKERS is not set: run the tests with `npm test`, which starts a Kafka broker with a SASL listener (src/cli/kafka-broker.ts).",
    );
  return brokers;
}

export function testKafka(): Kafka {
  return new Kafka({
    clientId: "weir-test",
    brokers: testBrokers().split(","),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
}

/** A new topic with a unique name. */
export async function createTopic(prefix: string, partitions = 1): Promise<string> {
  const topic = `${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Produces messages (acks from all replicas), in chunks. */
export async function produce(topic: string, messages: Message[], chunk = 5_000): Promise<void> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += chunk) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + chunk) });
  } finally {
    await producer.disconnect();
  }
}

/** Reads every message of a topic up to its current end. */
export async function readTopic(topic: string, timeoutMs = 20_000): Promise<(KafkaMessage & { partition: number })[]> {
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  const out: (KafkaMessage & { partition: number })[] = [];
  if (!remaining.size) return out;
  const consumer = kafka.consumer({ groupId: `weir-test-read-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), timeoutMs);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        out.push({ ...message, partition });
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
        if (!remaining.size) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}
