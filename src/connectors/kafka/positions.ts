/**
 * Where a consumer group stands on its topics: per partition the committed
 * offset (the next one the group reads), the log end offset (high
 * watermark) and the lag between them. A group that has committed nothing
 * yet lags by everything it will read: from the low watermark when it
 * starts from the earliest message, nothing when it starts from the latest.
 */
import { kafkaClient } from "@/connectors/kafka/client";
import type { TKafkaConfig } from "@/connectors/kafka/config";
import type { TStreamPosition } from "@/connectors/streaming-types";
import type { TConnectorContext } from "@/connectors/types";

export async function kafkaPositions(config: TKafkaConfig, groupId: string, topics: string[], ctx: TConnectorContext): Promise<TStreamPosition[]> {
  if (!topics.length) return [];
  const admin = kafkaClient(config, { log: ctx.log, retries: 1, requestTimeoutMs: 5_000 }).admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (!present.length) return [];
    const committed = await admin.fetchOffsets({ groupId, topics: present });
    const out: TStreamPosition[] = [];
    for (const topic of present) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const e of ends) {
        const c = mine.find((p) => p.partition === e.partition);
        const at = c && Number(c.offset) >= 0 ? BigInt(c.offset) : null;
        const end = BigInt(e.high);
        const from = at ?? (config.startFrom === "earliest" ? BigInt(e.low) : end);
        out.push({ stream: topic, partition: e.partition, committed: at, end, lag: end > from ? end - from : 0n });
      }
    }
    return out.sort((a, b) => a.stream.localeCompare(b.stream) || a.partition - b.partition);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
