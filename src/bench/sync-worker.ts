/**
 * The benchmark's worker: a child process (`node --import tsx`) that syncs
 * the benchmark stream through Weir's real engine path (PostgreSQL source →
 * `syncStream` → DuckDB or PostgreSQL destination, full_refresh_overwrite,
 * every column), so its peak RSS is the sync's alone. The parent sends a
 * `TSyncWorkerInput` over IPC; the worker answers with a
 * `TSyncWorkerMessage` and then waits, so the parent can read its VmHWM
 * from /proc before telling it to exit.
 */
import { randomUUID } from "node:crypto";

import type { TDuckDbConfig } from "@/connectors/duckdb/destination";
import { connector as duckdb } from "@/connectors/duckdb/destination";
import { connector as postgresDestination, type TPostgresDestinationConfig } from "@/connectors/postgres-destination/destination";
import { connector as postgresSource, type TPostgresSourceConfig } from "@/connectors/postgres/source";
import type { TDestinationSession } from "@/connectors/types";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";

export type TSyncWorkerInput = {
  source: TPostgresSourceConfig;
  stream: string;
  /** Destination schema (namespace) of the loaded table. */
  namespace: string;
  destination: { kind: "duckdb"; config: TDuckDbConfig } | { kind: "postgres"; config: TPostgresDestinationConfig };
  /** As WEIR_SYNC_BATCH_ROWS in the worker; the source's default when absent. */
  maxBatchRows?: number;
};

/** Seconds spent in each part of the sync, as the worker saw them. */
export type TSyncPhases = {
  /** discover + open the destination session. */
  setup: number;
  /** The rest until the commit: waiting for the source's next batch beyond what loading overlapped (the engine reads one batch ahead), plus the few small DDL statements before the first. */
  source: number;
  /** In writeBatch: loading batches into the staging table. */
  stage: number;
  /** In commitStream: typed copy into the target, ledger, swap. */
  commit: number;
  /** Closing the session (DuckDB: CHECKPOINT). */
  close: number;
};

export type TSyncWorkerResult = {
  rows: number;
  /** Wire CSV bytes the source produced. */
  bytes: number;
  batches: number;
  committedRows: number;
  /** From start (before discover) to commitStream done. */
  secondsToCommit: number;
  /** From start to the session closed. */
  seconds: number;
  phases: TSyncPhases;
  /** process.memoryUsage().rss after the last batch was staged and after the commit, in bytes. */
  rssAfterStage: number;
  rssAfterCommit: number;
};

export type TSyncWorkerMessage = { ok: true; result: TSyncWorkerResult } | { ok: false; error: string };

const seconds = (ms: number) => ms / 1000;

/** The session with the time spent in writeBatch and commitStream added to `phases`. */
function timedSession(session: TDestinationSession, phases: TSyncPhases, onStaged: () => void): TDestinationSession {
  const time = async <T>(phase: "stage" | "commit", work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      phases[phase] += seconds(performance.now() - started);
    }
  };
  return {
    prepareStream: (plan) => session.prepareStream(plan),
    writeBatch: (plan, batch) => time("stage", () => session.writeBatch(plan, batch)),
    commitStream: (plan, previous, extras) => {
      onStaged();
      return time("commit", () => session.commitStream(plan, previous, extras));
    },
    lastCommitted: (connectionId, stream) => session.lastCommitted(connectionId, stream),
    seenObjects: (connectionId, stream) => session.seenObjects(connectionId, stream),
    discardStaging: (plan) => session.discardStaging(plan),
    resetStream: (target, opts) => session.resetStream(target, opts),
    close: () => session.close(),
  };
}

async function runSync(input: TSyncWorkerInput): Promise<TSyncWorkerResult> {
  const ctx = { log: logger, signal: new AbortController().signal, maxBatchRows: input.maxBatchRows };
  const phases: TSyncPhases = { setup: 0, source: 0, stage: 0, commit: 0, close: 0 };
  const started = performance.now();

  const catalog = await postgresSource.discover(input.source, ctx);
  const descriptor = catalog.streams.find((s) => s.name === input.stream);
  if (!descriptor) throw new Error(`The source offers no stream ${input.stream}.`);
  const opened =
    input.destination.kind === "duckdb" ? await duckdb.open(input.destination.config, ctx) : await postgresDestination.open(input.destination.config, ctx);
  let rssAfterStage = 0;
  const session = timedSession(opened, phases, () => (rssAfterStage = process.memoryUsage().rss));
  phases.setup = seconds(performance.now() - started);

  const plan = buildWritePlan({
    connectionId: "bench",
    runId: randomUUID(),
    attempt: 1,
    namespace: input.namespace,
    tablePrefix: "",
    settings: {
      stream: descriptor.name,
      namespace: descriptor.namespace,
      syncMode: "full_refresh_overwrite",
      cursorField: null,
      primaryKey: descriptor.primaryKey,
    },
    columns: descriptor.columns,
  });
  const synced = await (async () => {
    try {
      return await syncStream({
        source: postgresSource,
        sourceConfig: input.source,
        session,
        plan,
        ctx,
        request: { stream: descriptor, columns: descriptor.columns.map((c) => c.name) },
      });
    } catch (e) {
      await session.close().catch(() => undefined);
      throw e;
    }
  })();
  const committed = performance.now();
  const rssAfterCommit = process.memoryUsage().rss;
  await session.close();
  const closed = performance.now();
  phases.close = seconds(closed - committed);
  phases.source = seconds(committed - started) - phases.setup - phases.stage - phases.commit;

  return {
    rows: synced.rows,
    bytes: synced.bytes,
    batches: synced.batches,
    committedRows: synced.entry.rows,
    secondsToCommit: seconds(committed - started),
    seconds: seconds(closed - started),
    phases,
    rssAfterStage,
    rssAfterCommit,
  };
}

function reply(message: TSyncWorkerMessage): void {
  process.send?.(message);
  // Stay alive (with the peak RSS in /proc) until the parent has read it.
  process.once("message", () => process.exit(message.ok ? 0 : 1));
}

process.once("message", (input: TSyncWorkerInput) => {
  runSync(input).then(
    (result) => reply({ ok: true, result }),
    (e: unknown) => reply({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
