/**
 * The Kafka stream consumer against the real test broker: a micro-batch that
 * was filled before a rebalance and lands after it must not move back the
 * committed offset of a partition another member took meanwhile (the broker
 * accepts any commit of the current generation, whoever holds the partition).
 * This was the stream-group test's intermittent "lag never reaches 0".
 */
import { afterAll, describe, expect, it } from "vitest";

import { parseKafkaConfig } from "@/connectors/kafka/config";
import { startKafkaStream } from "@/connectors/kafka/consume";
import { KAFKA_COLUMNS } from "@/connectors/kafka/decode";
import { createTopic, produce, testBrokers, testKafka } from "@/connectors/kafka/kafka-fixture";
import type { TStreamHandle, TStreamMicroBatch } from "@/connectors/streaming-types";
import { logger } from "@/lib/logger";
import { until } from "@/lib/testing/until";

const handles: TStreamHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop().catch(() => undefined)));
});

const message = (partition: number, n: number) => ({ partition, value: JSON.stringify({ n }) });

async function committed(group: string, topic: string): Promise<Map<number, number>> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return new Map(offsets!.partitions.map((p) => [p.partition, Number(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

describe("Kafka stream consumer in a group", () => {
  it("a micro-batch landing after a rebalance commits only the partitions its consumer still holds", async () => {
    const topic = await createTopic("commit-held", 2);
    const group = `weir-test-${topic}`;
    await produce(topic, [...[0, 1].flatMap((p) => Array.from({ length: 10 }, (_, n) => message(p, n)))]);
    const config = parseKafkaConfig({ brokers: testBrokers().split(","), topics: [topic], maxWaitMs: 200, startFrom: "earliest" });
    const streams = [{ name: topic, columns: [{ name: "n", type: { kind: "bigint" as const }, nullable: true }, ...KAFKA_COLUMNS] }];
    const ctx = (name: string) => ({ log: logger.child({ consumer: name }), signal: new AbortController().signal });

    // A reads both partitions; its first micro-batch is held in "the warehouse" until released.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const landedByA: TStreamMicroBatch[] = [];
    const a = await startKafkaStream(
      config,
      {
        consumerGroup: group,
        streams,
        land: async (micro) => {
          landedByA.push(micro);
          if (landedByA.length === 1) await held;
        },
      },
      ctx("a"),
    );
    handles.push(a);
    await until("A to start landing a micro-batch of both partitions", () => landedByA[0]?.ranges.length === 2, 30_000);

    // B joins: the group splits the partitions; B lands and commits its own, then more of it.
    const landedByB: TStreamMicroBatch[] = [];
    const b = await startKafkaStream(config, { consumerGroup: group, streams, land: async (micro) => void landedByB.push(micro) }, ctx("b"));
    handles.push(b);
    await until("the group to split the partitions", () => a.assigned().length === 1 && b.assigned().length === 1, 60_000);
    const bPartition = Number(b.assigned()[0]!.split(":")[1]);
    await until(`B to commit partition ${bPartition} to 10`, async () => (await committed(group, topic)).get(bPartition) === 10, 30_000);
    await produce(
      topic,
      Array.from({ length: 5 }, (_, n) => message(bPartition, 10 + n)),
    );
    await until(`B to commit partition ${bPartition} to 15`, async () => (await committed(group, topic)).get(bPartition) === 15, 30_000);

    // A's old micro-batch lands now: it held B's partition up to offset 10, which must not be committed.
    release();
    await until(
      "A's old micro-batch to be committed for the partition A still holds",
      async () => (await committed(group, topic)).get(1 - bPartition) === 10,
      30_000,
    );
    expect((await committed(group, topic)).get(bPartition)).toBe(15);
  }, 120_000);
});
