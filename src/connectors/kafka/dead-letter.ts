/**
 * Dead letters: a message that cannot land goes to `<topic><suffix>`
 * (`orders.weir-dlq`) with its key, its value (cut to DEAD_LETTER_MAX_VALUE
 * so any broker takes it) and its headers, plus headers naming the reason,
 * the source topic, partition and offset, and the connection's consumer
 * group. The topic is created on first use (one partition). Delivery is at
 * least once: a crash between sending and committing the offsets sends the
 * message again when it is read again.
 */
import type { Admin, IHeaders, KafkaMessage, Message, Producer } from "kafkajs";

export const DEAD_LETTER_MAX_VALUE = 512 * 1024;

export type TDeadLetter = { topic: string; partition: number; message: KafkaMessage; reason: string };

export function deadLetterMessage(d: TDeadLetter, consumerGroup: string): Message {
  const value = d.message.value;
  const truncated = value !== null && value.length > DEAD_LETTER_MAX_VALUE;
  const headers: IHeaders = {
    ...(d.message.headers ?? {}),
    "weir-reason": d.reason,
    "weir-source-topic": d.topic,
    "weir-source-partition": String(d.partition),
    "weir-source-offset": d.message.offset,
    "weir-source-timestamp": d.message.timestamp,
    "weir-consumer-group": consumerGroup,
    ...(truncated ? { "weir-value-truncated-from": String(value.length) } : {}),
  };
  return { key: d.message.key, value: truncated ? value.subarray(0, DEAD_LETTER_MAX_VALUE) : value, headers };
}

/** Sends dead letters, grouped by dead-letter topic, creating topics the broker does not have yet. */
export async function sendDeadLetters(producer: Producer, admin: Admin, known: Set<string>, byTopic: Map<string, Message[]>): Promise<void> {
  const missing = [...byTopic.keys()].filter((t) => !known.has(t));
  if (missing.length) {
    const existing = new Set(await admin.listTopics());
    const create = missing.filter((t) => !existing.has(t));
    if (create.length)
      await admin.createTopics({ topics: create.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true }).catch((e: unknown) => {
        if (!/already exists/i.test(String((e as Error).message))) throw e;
      });
    for (const t of missing) known.add(t);
  }
  await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
}
