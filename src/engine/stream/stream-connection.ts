/**
 * One streaming connection in one worker: the source's consumer (joined to
 * the connection's consumer group) and the landing of its micro-batches.
 * Each micro-batch goes through the destination's bulk path exactly as a
 * batch sync's streams do (src/engine/sync/sync-stream.ts): the rows of
 * each stream are staged and committed, with a ledger entry, in one
 * transaction, merged on the stream's key (for Kafka: topic, partition,
 * offset), so a micro-batch read twice lands once. The ledger entry's state
 * is the last position landed per partition; a micro-batch whose every
 * partition starts after it cannot hold a row the table has, and is
 * appended (cheaper) instead of merged. Then Weir's own records
 * are updated: the hour's run (stream-window.ts), dead letters, last batch
 * time and a throughput sample.
 */
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { redactSecrets, unsealConfig } from "@/connectors/spec";
import type { TStreamHandle, TStreamMicroBatch } from "@/connectors/streaming-types";
import type { TCatalog, TColumn, TWritePlan } from "@/connectors/types";
import { db } from "@/db/client";
import type { TSyncedStream } from "@/engine/lineage/sync-lineage";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { DestinationLease } from "@/engine/stream/destination-lease";
import { closeWindows, completeWindowLineage, type TStreamConnection, windowRun, windowStartOf } from "@/engine/stream/stream-window";
import { AppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

export type TLanded = { rows: number; deadLetters: number; eventTimesMs: number[]; committedAt: number };

export type TStreamRunner = {
  connectionId: string;
  paused: boolean;
  pause(): Promise<void>;
  resume(): void;
  /** Leaves the group; with `closeRuns` (the stream was stopped, not just this worker) also closes the open hourly runs. */
  stop(closeRuns: boolean): Promise<void>;
  ended: Promise<Error>;
  assigned(): string[];
};

export type TStreamOptions = { workerId: string; log: Logger; signal: AbortSignal; onLanded?: (landed: TLanded) => void };

/** The consumer group of a connection: the source's configured one, or one per connection. */
export function consumerGroupOf(connectionId: string, sourceConfig: unknown): string {
  const configured = (sourceConfig as { consumerGroup?: unknown } | null)?.consumerGroup;
  return typeof configured === "string" && configured ? configured : `weir-connection-${connectionId}`;
}

/** The last position landed per partition, from a ledger state; null when there is none (never landed, or cleared). */
export function landedPositions(cursor: string | null | undefined): Record<string, string> | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(cursor) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** Whether every range starts after what has landed of its partition (so none of it has), and the positions after landing them. */
export function advance(held: Record<string, string> | null, ranges: TStreamMicroBatch["ranges"]): { fresh: boolean; next: Record<string, string> } {
  const next = { ...(held ?? {}) };
  let fresh = held !== null;
  for (const r of ranges) {
    const before = next[r.partition];
    if (before === undefined || BigInt(r.first) <= BigInt(before)) fresh = false;
    if (before === undefined || BigInt(r.last) > BigInt(before)) next[r.partition] = r.last;
  }
  return { fresh, next };
}

export async function startStreamingConnection(connectionId: string, opts: TStreamOptions): Promise<TStreamRunner> {
  const found = await db().connection.findUnique({ where: { id: connectionId }, include: { source: true, destination: true, streams: true } });
  if (!found) throw new AppError("NOT_FOUND", `Connection ${connectionId} does not exist.`);
  const connection = found;
  const source = sourceConnector(connection.source.connector);
  if (!source.streaming) throw new AppError("BAD_INPUT", `${connection.source.connector} is not a streaming source.`);
  const destination = destinationConnector(connection.destination.connector);
  const sourceConfig = unsealConfig(source.spec, connection.source.config);
  const destinationConfig = unsealConfig(destination.spec, connection.destination.config);
  const clean = (text: string) => redactSecrets(destination.spec, destinationConfig, redactSecrets(source.spec, sourceConfig, text));
  const log = opts.log.child({ connectionId });
  const ctx = { log, signal: opts.signal, attribution: { kind: "stream" as const, connection: connectionId } };

  const catalog = (connection.source.catalog as TCatalog | null)?.streams ?? [];
  const selected = connection.streams.filter((s) => s.selected);
  const streams = selected.map((s) => {
    const accepted = s.columns as unknown as TColumn[];
    const columns = accepted.length ? accepted : (catalog.find((d) => d.name === s.stream)?.columns ?? []);
    if (!columns.length) throw new AppError("BAD_INPUT", `The stream ${s.stream} has no columns: refresh the source's schema (discover) first.`);
    const descriptor = catalog.find((d) => d.name === s.stream);
    return { name: s.stream, columns, primaryKey: descriptor?.primaryKey ?? [] };
  });
  const plans = new Map<string, TWritePlan>(
    streams.map((s) => [
      s.name,
      buildWritePlan({
        connectionId: connection.id,
        runId: "",
        attempt: 0,
        namespace: connection.namespace,
        tablePrefix: connection.tablePrefix,
        settings: { stream: s.name, syncMode: "incremental_dedup", cursorField: null, primaryKey: s.primaryKey },
        columns: s.columns,
      }),
    ]),
  );
  const synced: TSyncedStream[] = [...plans.values()].map((p) => ({ stream: p.stream, columns: p.columns, namespace: p.namespace, table: p.table }));
  const lineageConnection: TStreamConnection = { id: connection.id, name: connection.name, source: connection.source, destination: connection.destination };

  const lease = new DestinationLease(destination, destinationConfig, ctx);
  const prepared = new WeakSet<object>();
  let window: { start: number; runId: string; announce: boolean } | undefined;
  let seq = 0;

  async function currentRun(now: number): Promise<string> {
    const start = windowStartOf(now);
    if (window?.start === start.getTime()) return window.runId;
    await closeWindows(lineageConnection, start, synced, log);
    const run = await windowRun(lineageConnection, start, synced, log);
    window = { start: start.getTime(), runId: run.id, announce: run.created };
    return window.runId;
  }

  async function land(micro: TStreamMicroBatch, step: (name: string) => void): Promise<void> {
    step("finding the hour's run");
    const runId = await currentRun(Date.now());
    seq += 1;
    step("opening the destination");
    await lease.use(async (session) => {
      if (!prepared.has(session)) {
        step("preparing the tables");
        for (const plan of plans.values()) await session.prepareStream(plan);
        prepared.add(session);
      }
      for (const batch of micro.batches) {
        const base = plans.get(batch.stream);
        if (!base) throw new AppError("CONNECTOR_ERROR", `A micro-batch held rows of ${batch.stream}, which this connection does not read.`);
        step(`writing ${batch.stream}`);
        const held = landedPositions((await session.lastCommitted(connection.id, batch.stream))?.state?.cursor);
        const { fresh, next } = advance(
          held,
          micro.ranges.filter((r) => r.stream === batch.stream),
        );
        const plan: TWritePlan = { ...base, runId, attempt: seq, mode: fresh ? "incremental_append" : "incremental_dedup" };
        await session.writeBatch(plan, batch);
        step(`committing ${batch.stream}`);
        await session.commitStream(plan, { cursor: JSON.stringify(next) });
      }
    });
    step("recording statistics");
    const committedAt = Date.now();
    const rows = micro.batches.reduce((n, b) => n + b.rows, 0);
    let maxLatency: number | null = null;
    for (const t of micro.eventTimesMs) if (maxLatency === null || committedAt - t > maxLatency) maxLatency = committedAt - t;
    opts.onLanded?.({ rows, deadLetters: micro.deadLetters, eventTimesMs: micro.eventTimesMs, committedAt });
    // Weir's records are for display: the warehouse already holds the rows, so a failure here is logged, not thrown.
    try {
      await db().$transaction([
        db().run.update({ where: { id: runId }, data: { rows: { increment: BigInt(rows) }, bytes: { increment: BigInt(micro.bytes) } } }),
        ...micro.batches.map((b) =>
          db().runStream.upsert({
            where: { runId_stream: { runId, stream: b.stream } },
            create: { runId, stream: b.stream, status: "running", rows: BigInt(b.rows), bytes: BigInt(b.csv.length), startedAt: new Date() },
            update: { rows: { increment: BigInt(b.rows) }, bytes: { increment: BigInt(b.csv.length) } },
          }),
        ),
        db().connection.update({
          where: { id: connection.id },
          data: { deadLetters: { increment: BigInt(micro.deadLetters) }, lastBatchAt: new Date(committedAt), streamError: null },
        }),
        db().streamSample.create({
          data: {
            connectionId: connection.id,
            workerId: opts.workerId,
            messages: micro.messages,
            bytes: BigInt(micro.bytes),
            deadLetters: micro.deadLetters,
            maxLatencyMs: maxLatency,
          },
        }),
      ]);
    } catch (e) {
      log.warn({ err: e instanceof Error ? e.message : String(e) }, "stream statistics not recorded");
    }
    if (window?.announce && window.runId === runId) {
      // The hour's first micro-batch has landed: the topic → table edge goes into the graph now (recording never throws).
      window.announce = false;
      step("recording lineage");
      await completeWindowLineage(lineageConnection, runId, synced, log);
    }
  }

  let handle: TStreamHandle;
  try {
    handle = await source.streaming.start(sourceConfig, { consumerGroup: consumerGroupOf(connection.id, sourceConfig), streams, land }, ctx);
  } catch (e) {
    await lease.close();
    throw new AppError("CONNECTOR_ERROR", clean(e instanceof Error ? e.message : String(e)));
  }
  const ended = handle.ended.then(async (e) => {
    await lease.close();
    return new Error(clean(e.message));
  });
  const runner: TStreamRunner = {
    connectionId: connection.id,
    paused: false,
    async pause() {
      runner.paused = true;
      await handle.pause();
      await lease.close();
    },
    resume() {
      runner.paused = false;
      handle.resume();
    },
    async stop(closeRuns) {
      await handle.stop();
      await lease.close();
      if (closeRuns) await closeWindows(lineageConnection, null, synced, log);
    },
    ended,
    assigned: () => handle.assigned(),
  };
  return runner;
}
