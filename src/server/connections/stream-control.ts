/**
 * Streaming connections from the control plane: start, pause, resume and
 * stop set what the operator asks (Connection.streamState); every worker's
 * stream supervisor follows it within a second
 * (src/engine/stream/stream-supervisor.ts). The status read for the page
 * comes from what the workers record: partition positions, throughput
 * samples, dead letters, the last error.
 */
import { sourceConnector } from "@/connectors/registry";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import type { TStreamStatusOutput } from "@/server/connections/stream-contracts";

const NEXT_STATE = { start: "running", resume: "running", pause: "paused", stop: "stopped" } as const;
const ALLOWED_FROM: Record<keyof typeof NEXT_STATE, (string | null)[]> = {
  start: [null, "stopped"],
  resume: ["paused"],
  pause: ["running"],
  stop: ["running", "paused"],
};
const STATUS_WINDOW_S = 300;
const BUCKET_S = 5;

async function streamingConnection(id: string) {
  const connection = await db().connection.findUnique({ where: { id }, include: { source: { select: { connector: true } } } });
  if (!connection) throw new AppError("NOT_FOUND", "No connection with that id.");
  return { connection, streaming: Boolean(sourceConnector(connection.source.connector).streaming) };
}

export async function controlStream(id: string, action: keyof typeof NEXT_STATE, actor: TAuditActor, requestId?: string): Promise<TStreamStatusOutput> {
  const { connection, streaming } = await streamingConnection(id);
  if (!streaming) throw new AppError("BAD_INPUT", `"${connection.name}" reads a batch source: use Run now instead.`);
  const from = connection.streamState;
  if (!ALLOWED_FROM[action].includes(from)) {
    throw new AppError("CONFLICT", `"${connection.name}" is ${from ?? "not started"}; it cannot be ${action === "stop" ? "stopped" : `${action}d`} now.`);
  }
  const to = NEXT_STATE[action];
  await db().$transaction(async (tx) => {
    await tx.connection.update({
      where: { id },
      data: { streamState: to, streamStateAt: new Date(), ...(action === "start" || action === "resume" ? { streamError: null } : {}) },
    });
    await writeAudit(tx, {
      actor,
      action: `connection.stream.${action}`,
      targetType: "connection",
      targetId: id,
      diff: { streamState: { from, to } },
      requestId,
    });
  });
  return streamStatus(id);
}

export async function streamStatus(id: string): Promise<TStreamStatusOutput> {
  const { connection, streaming } = await streamingConnection(id);
  const since = new Date(Date.now() - STATUS_WINDOW_S * 1000);
  const [partitions, buckets, lastMinute] = await Promise.all([
    db().streamPartition.findMany({ where: { connectionId: id }, orderBy: [{ topic: "asc" }, { partition: "asc" }] }),
    db().$queryRaw<{ bucket: Date; messages: bigint; bytes: bigint; dead: bigint; latency: number | null }[]>`
      SELECT to_timestamp(floor(extract(epoch FROM "at") / ${BUCKET_S}) * ${BUCKET_S}) AS bucket,
             sum("messages")::bigint AS messages, sum("bytes")::bigint AS bytes, sum("deadLetters")::bigint AS dead, max("maxLatencyMs") AS latency
      FROM "StreamSample" WHERE "connectionId" = ${id}::uuid AND "at" >= ${since}
      GROUP BY 1 ORDER BY 1`,
    db().$queryRaw<{ messages: bigint | null; bytes: bigint | null; workers: bigint }[]>`
      SELECT sum("messages")::bigint AS messages, sum("bytes")::bigint AS bytes, count(DISTINCT "workerId")::bigint AS workers
      FROM "StreamSample" WHERE "connectionId" = ${id}::uuid AND "at" >= now() - interval '60 seconds'`,
  ]);
  const minute = lastMinute[0];
  return {
    streaming,
    state: connection.streamState,
    stateAt: connection.streamStateAt,
    error: connection.streamError,
    deadLetters: Number(connection.deadLetters),
    lastBatchAt: connection.lastBatchAt,
    lag: partitions.reduce((n, p) => n + Number(p.lag), 0),
    partitions: partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      committedOffset: p.committedOffset === null ? null : Number(p.committedOffset),
      endOffset: Number(p.endOffset),
      lag: Number(p.lag),
      updatedAt: p.updatedAt,
    })),
    series: buckets.map((b) => ({
      at: b.bucket,
      messagesPerSecond: Number(b.messages) / BUCKET_S,
      bytesPerSecond: Number(b.bytes) / BUCKET_S,
      deadLetters: Number(b.dead),
      maxLatencyMs: b.latency === null ? null : Number(b.latency),
    })),
    messagesPerSecond: Number(minute?.messages ?? 0) / 60,
    bytesPerSecond: Number(minute?.bytes ?? 0) / 60,
    activeWorkers: Number(minute?.workers ?? 0),
  };
}
