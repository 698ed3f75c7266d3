/**
 * Prometheus gauges of streaming connections, read when scraped from what
 * the workers record: per-partition lag, committed and end offsets;
 * messages/s, bytes/s and dead letters/s over the last minute; dead letters
 * in total; the time of the last landed micro-batch. Labelled by connection
 * name (and topic, partition). The gauges of a group share one read per
 * scrape (each table is read once, not once per gauge).
 */
import { Gauge, type Registry } from "prom-client";
import { db } from "@/db/client";

type TPartitionRow = { lag: bigint; committedOffset: bigint | null; endOffset: bigint };
type TRateRow = { name: string; messages: bigint; bytes: bigint; dead: bigint };

/** `load`, read at most once per second: the gauges of one scrape collect one after another and share it. */
function oncePerScrape<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > 1_000) cached = { at: Date.now(), value: load() };
    return cached.value;
  };
}

export function registerStreamMetrics(registry: Registry): void {
  const partitions = oncePerScrape(() => db().streamPartition.findMany({ include: { connection: { select: { name: true } } } }));
  const rates = oncePerScrape(
    () => db().$queryRaw<TRateRow[]>`
      SELECT c.name, sum(s.messages)::bigint AS messages, sum(s.bytes)::bigint AS bytes, sum(s."deadLetters")::bigint AS dead
      FROM "StreamSample" s JOIN "Connection" c ON c.id = s."connectionId"
      WHERE s."at" >= now() - interval '60 seconds' GROUP BY c.name`,
  );
  const connections = oncePerScrape(() =>
    db().connection.findMany({ where: { streamState: { not: null } }, select: { name: true, deadLetters: true, lastBatchAt: true } }),
  );

  const partitionGauge = (name: string, help: string, pick: (p: TPartitionRow) => bigint | null) =>
    new Gauge({
      name,
      help,
      labelNames: ["connection", "topic", "partition"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const p of await partitions()) {
          const value = pick(p);
          if (value !== null) this.set({ connection: p.connection.name, topic: p.topic, partition: String(p.partition) }, Number(value));
        }
      },
    });
  partitionGauge(
    "weir_stream_partition_lag",
    "Messages a streaming connection has yet to land, per partition (log end offset minus committed offset).",
    (p) => p.lag,
  );
  partitionGauge("weir_stream_partition_committed_offset", "The consumer group's committed offset per partition.", (p) => p.committedOffset);
  partitionGauge("weir_stream_partition_end_offset", "The log end offset (high watermark) per partition.", (p) => p.endOffset);

  const rateGauge = (name: string, help: string, pick: (r: TRateRow) => bigint) =>
    new Gauge({
      name,
      help,
      labelNames: ["connection"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const r of await rates()) this.set({ connection: r.name }, Number(pick(r)) / 60);
      },
    });
  rateGauge("weir_stream_messages_per_second", "Messages a streaming connection consumed per second, over the last minute.", (r) => r.messages);
  rateGauge("weir_stream_bytes_per_second", "Message value bytes a streaming connection consumed per second, over the last minute.", (r) => r.bytes);
  rateGauge("weir_stream_dead_letters_per_second", "Messages sent to the dead-letter topic per second, over the last minute.", (r) => r.dead);

  const connectionGauge = (name: string, help: string, pick: (c: { deadLetters: bigint; lastBatchAt: Date | null }) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ["connection"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of await connections()) {
          const value = pick(c);
          if (value !== null) this.set({ connection: c.name }, value);
        }
      },
    });
  connectionGauge("weir_stream_dead_letters_total", "Messages a streaming connection has sent to the dead-letter topic.", (c) => Number(c.deadLetters));
  connectionGauge("weir_stream_last_batch_timestamp_seconds", "When a streaming connection last landed a micro-batch (Unix time).", (c) =>
    c.lastBatchAt ? c.lastBatchAt.getTime() / 1000 : null,
  );
}
