/**
 * Every worker runs one supervisor: it makes this worker follow what the
 * operators asked of each streaming connection (Connection.streamState).
 * - running or paused: this worker holds a consumer in the connection's
 *   group (Kafka gives it its share of the partitions; paused keeps the
 *   share but fetches nothing);
 * - stopped (or deleted): it leaves the group.
 * A consumer whose connection's settings changed (source or destination
 * configuration, schema, prefix, selected topics) is stopped and started
 * again with them. A consumer that ends by itself (the warehouse or the brokers failing) is
 * started again after a backoff (1 s doubling to 60 s), its error kept on
 * the connection for the UI. Every few seconds it also refreshes the
 * partitions' committed offsets, end offsets and lag (StreamPartition),
 * and drops throughput samples older than a day.
 */
import { SOURCES, sourceConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import { db } from "@/db/client";
import { consumerGroupOf, startStreamingConnection, type TLanded, type TStreamRunner } from "@/engine/stream/stream-connection";
import type { Logger } from "@/lib/logger";

const POSITIONS_EVERY_MS = 2_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const SAMPLE_KEEP_MS = 24 * 60 * 60_000;

export type TSupervisorOptions = { workerId: string; log: Logger; pollMs?: number; onLanded?: (landed: TLanded) => void };
export type TStreamSupervisor = { stop(): Promise<void>; runners(): TStreamRunner[] };

const streamingConnectors = () => SOURCES.filter((s) => s.streaming).map((s) => s.name);

export function startStreamSupervisor(opts: TSupervisorOptions): TStreamSupervisor {
  const { log } = opts;
  const abort = new AbortController();
  const runners = new Map<string, TStreamRunner>();
  /** The settings each runner started with (see settingsOf). */
  const startedWith = new Map<string, string>();
  const starting = new Set<string>();
  const backoff = new Map<string, { until: number; delay: number }>();
  let lastPositions = 0;
  let lastPrune = Date.now();
  let stopping = false;
  let tick: Promise<void> = Promise.resolve();

  async function recordError(connectionId: string, message: string): Promise<void> {
    const prev = backoff.get(connectionId)?.delay ?? 500;
    const delay = Math.min(prev * 2, 60_000);
    backoff.set(connectionId, { until: Date.now() + delay, delay });
    log.warn({ connectionId, err: message, retryInMs: delay }, "streaming connection failed; retrying");
    await db()
      .connection.update({ where: { id: connectionId }, data: { streamError: message } })
      .catch(() => undefined);
  }

  async function start(connectionId: string, paused: boolean, settings: string): Promise<void> {
    starting.add(connectionId);
    try {
      const onLanded = (landed: TLanded) => {
        backoff.delete(connectionId); // it works again: the next failure starts the backoff afresh
        opts.onLanded?.(landed);
      };
      const runner = await startStreamingConnection(connectionId, { workerId: opts.workerId, log, signal: abort.signal, onLanded });
      if (stopping) {
        await runner.stop(false);
        return;
      }
      runners.set(connectionId, runner);
      startedWith.set(connectionId, settings);
      if (paused) await runner.pause();
      void runner.ended.then(async (e) => {
        if (runners.get(connectionId) !== runner) return;
        runners.delete(connectionId);
        await recordError(connectionId, e.message);
      });
      log.info({ connectionId }, "streaming connection started in this worker");
    } catch (e) {
      await recordError(connectionId, e instanceof Error ? e.message : String(e));
    } finally {
      starting.delete(connectionId);
    }
  }

  /** `rows` are reconcile's: each connection with its source and streams, already read this tick. */
  async function refreshPositions(
    rows: { id: string; source: { connector: string; config: unknown }; streams: { stream: string; selected: boolean }[] }[],
  ): Promise<void> {
    for (const c of rows) {
      const source = sourceConnector(c.source.connector);
      if (!source.streaming) continue;
      try {
        const config = unsealConfig(source.spec, c.source.config);
        const topics = c.streams.filter((s) => s.selected).map((s) => s.stream);
        const positions = await source.streaming.positions(config, consumerGroupOf(c.id, config), topics, { log, signal: abort.signal });
        await db().$transaction([
          db().streamPartition.deleteMany({ where: { connectionId: c.id, NOT: { OR: positions.map((p) => ({ topic: p.stream, partition: p.partition })) } } }),
          ...positions.map((p) =>
            db().streamPartition.upsert({
              where: { connectionId_topic_partition: { connectionId: c.id, topic: p.stream, partition: p.partition } },
              create: { connectionId: c.id, topic: p.stream, partition: p.partition, committedOffset: p.committed, endOffset: p.end, lag: p.lag },
              update: { committedOffset: p.committed, endOffset: p.end, lag: p.lag, updatedAt: new Date() },
            }),
          ),
        ]);
      } catch (e) {
        log.debug({ connectionId: c.id, err: e instanceof Error ? e.message : String(e) }, "partition positions not refreshed");
      }
    }
  }

  async function reconcile(): Promise<void> {
    const rows = await db().connection.findMany({
      where: { source: { connector: { in: streamingConnectors() } }, streamState: { in: ["running", "paused"] } },
      select: {
        id: true,
        streamState: true,
        namespace: true,
        tablePrefix: true,
        source: { select: { connector: true, config: true } },
        destination: { select: { config: true } },
        streams: { select: { stream: true, selected: true, columns: true }, orderBy: { stream: "asc" } },
      },
    });
    const wanted = new Map(rows.map((r) => [r.id, r.streamState]));
    const settings = new Map(rows.map((r) => [r.id, JSON.stringify([r.source.config, r.destination.config, r.namespace, r.tablePrefix, r.streams])]));
    for (const [id, runner] of [...runners]) {
      const state = wanted.get(id);
      if (state && startedWith.get(id) !== settings.get(id)) {
        runners.delete(id);
        log.info({ connectionId: id }, "streaming connection settings changed; restarting its consumer");
        await runner.stop(false).catch((e: unknown) => log.warn({ connectionId: id, err: String(e) }, "stream did not stop cleanly"));
        continue;
      }
      if (!state) {
        runners.delete(id);
        const stillExists = await db().connection.findUnique({ where: { id }, select: { streamState: true } });
        await runner
          .stop(stillExists?.streamState === "stopped")
          .catch((e: unknown) => log.warn({ connectionId: id, err: String(e) }, "stream did not stop cleanly"));
        log.info({ connectionId: id }, "streaming connection stopped in this worker");
      } else if (state === "paused" && !runner.paused) {
        await runner.pause().catch((e: unknown) => log.warn({ connectionId: id, err: String(e) }, "stream did not pause cleanly"));
      } else if (state === "running" && runner.paused) {
        runner.resume();
      }
    }
    for (const [id, state] of wanted) {
      if (runners.has(id) || starting.has(id)) continue;
      const b = backoff.get(id);
      if (b && Date.now() < b.until) continue;
      void start(id, state === "paused", settings.get(id)!);
    }
    if (Date.now() - lastPositions >= POSITIONS_EVERY_MS) {
      lastPositions = Date.now();
      await refreshPositions(rows);
    }
    if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await db().streamSample.deleteMany({ where: { at: { lt: new Date(Date.now() - SAMPLE_KEEP_MS) } } });
    }
  }

  const pollMs = opts.pollMs ?? 1_000;
  const timer = setInterval(() => {
    tick = tick
      .then(() => (stopping ? undefined : reconcile()))
      .catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, "stream supervisor tick failed"));
  }, pollMs);

  return {
    runners: () => [...runners.values()],
    async stop() {
      stopping = true;
      clearInterval(timer);
      await tick;
      await Promise.all([...runners.values()].map((r) => r.stop(false).catch(() => undefined)));
      runners.clear();
      abort.abort(new Error("worker stopping"));
    },
  };
}
