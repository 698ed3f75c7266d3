/**
 * The runs of a streaming connection: one Run per connection and hour
 * (trigger "stream", `windowStart` the hour), shared by every worker of the
 * connection, its rows and bytes growing with each micro-batch. Lineage
 * (topic → bronze table, column by column) is recorded as for a batch sync,
 * once per hour rather than per micro-batch: START when the hour's run is
 * created, COMPLETE as soon as its first micro-batch has landed (so the
 * edge is in the graph within seconds of a stream starting, not an hour
 * later) and COMPLETE again, with the hour's row counts, when the run is
 * closed. A run is closed by the first worker that lands a micro-batch in a
 * later hour, or that stops the stream.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { completeSyncLineage, emitSyncEvent, type TSyncLineage, type TSyncedStream } from "@/engine/lineage/sync-lineage";
import type { Logger } from "@/lib/logger";

export const WINDOW_MS = 60 * 60 * 1000;

export const windowStartOf = (ms: number) => new Date(Math.floor(ms / WINDOW_MS) * WINDOW_MS);

export type TStreamConnection = TSyncLineage["connection"] & { source: TSyncLineage["source"]; destination: TSyncLineage["destination"] };

function lineageOf(connection: TStreamConnection, runId: string, log: Logger): TSyncLineage {
  return { runId, connection: { id: connection.id, name: connection.name }, source: connection.source, destination: connection.destination, log };
}

/** The run of `windowStart`; `created` when this call created it (and recorded its START event). */
export async function windowRun(
  connection: TStreamConnection,
  windowStart: Date,
  streams: TSyncedStream[],
  log: Logger,
): Promise<{ id: string; created: boolean }> {
  const existing = await db().run.findUnique({ where: { connectionId_windowStart: { connectionId: connection.id, windowStart } }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  try {
    const run = await db().run.create({
      data: { connectionId: connection.id, windowStart, trigger: "stream", status: "running", attempts: 1, queuedAt: windowStart, startedAt: new Date() },
    });
    await emitSyncEvent(lineageOf(connection, run.id, log), "START", streams);
    return { id: run.id, created: true };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    const raced = await db().run.findUniqueOrThrow({ where: { connectionId_windowStart: { connectionId: connection.id, windowStart } }, select: { id: true } });
    return { id: raced.id, created: false };
  }
}

/** Closes the connection's open stream runs of hours before `before` (all of them when null); records COMPLETE for each this call closed. */
export async function closeWindows(connection: TStreamConnection, before: Date | null, streams: TSyncedStream[], log: Logger): Promise<void> {
  const open = await db().run.findMany({
    where: { connectionId: connection.id, trigger: "stream", status: "running", ...(before ? { windowStart: { lt: before } } : {}) },
    select: { id: true, streams: { select: { stream: true, rows: true } } },
  });
  for (const run of open) {
    const closed = await db().run.updateMany({ where: { id: run.id, status: "running" }, data: { status: "succeeded", finishedAt: new Date() } });
    if (!closed.count) continue;
    await db().runStream.updateMany({ where: { runId: run.id }, data: { status: "succeeded", finishedAt: new Date() } });
    await completeWindowLineage(connection, run.id, streams, log);
  }
}

/** Records COMPLETE for a window run with the rows it has landed so far (and the rows each table holds). */
export async function completeWindowLineage(connection: TStreamConnection, runId: string, streams: TSyncedStream[], log: Logger): Promise<void> {
  const landed = await db().runStream.findMany({ where: { runId }, select: { stream: true, rows: true } });
  const rows = new Map(landed.map((s) => [s.stream, Number(s.rows)]));
  await completeSyncLineage(
    lineageOf(connection, runId, log),
    streams.map((s) => ({ ...s, rows: rows.get(s.stream) ?? 0 })),
  );
}
