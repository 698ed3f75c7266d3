/**
 * The worker process: Weir's data plane. It claims jobs from the
 * PostgreSQL-backed queue (graphile-worker) and runs the handler of each job's
 * kind, WEIR_WORKER_CONCURRENCY at a time; runs the cron schedules the job
 * kinds declare; and keeps a heartbeat so that, when a worker dies, the others
 * release its jobs (see heartbeat.ts and docs/worker.md).
 *
 * Run any number of these on any number of machines against the same
 * DATABASE_URL: `npm run worker`. At start it applies Weir's migrations
 * (graphile-worker installs its own `graphile_worker` schema itself).
 *
 * Shutdown on SIGTERM/SIGINT: stop claiming; let running jobs finish for
 * WEIR_WORKER_SHUTDOWN_GRACE_MS (default 10 s); then abort their signal, and
 * 5 s later release whatever still runs back to the queue (retried with
 * backoff); mark the heartbeat stopped; exit. A second signal (more than 1 s
 * after the first) skips the wait.
 */
import { EventEmitter } from "node:events";
import { run, type Runner, type WorkerEvents, type WorkerPool } from "graphile-worker";
import pg from "pg";
import { env } from "@/lib/env";
import { childLogger, logger } from "@/lib/logger";
import { disconnectDb } from "@/db/client";
import { applyMigrations } from "@/db/migrations";
import { QUEUE_SCHEMA, releaseQueueUtils } from "@/jobs/queue-client";
import { toGraphileLogger } from "@/jobs/queue-logger";
import { parsedCronItems } from "@/jobs/registry";
import { workerDeadAfterMs } from "@/jobs/workers-status";
import { createWorkerId, startHeartbeat, type THeartbeat } from "./heartbeat";
import { buildTaskList } from "./task-list";
import { startStreamSupervisor, type TStreamSupervisor } from "@/engine/stream/stream-supervisor";
import { startOperationsLoop, type TOperationsLoop } from "@/engine/alerts/operations-loop";
import { setting } from "@/lib/env";

/** How long running jobs may take to finish after SIGTERM before they are aborted. */
function shutdownGraceMs(): number {
  const ms = setting("WEIR_WORKER_SHUTDOWN_GRACE_MS");
  return ms;
}

/** After the abort signal, how long handlers get to notice before their jobs are released. */
const FORCE_AFTER_ABORT_MS = 5_000;

async function main(): Promise<void> {
  const config = env();
  const url = config.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: a worker needs the metadata PostgreSQL that holds the queue (`npm start` runs one worker with the embedded database).",
    );
  }
  process.env.DATABASE_URL = url;
  const deadAfterMs = workerDeadAfterMs();
  const graceMs = shutdownGraceMs();
  const concurrency = config.WEIR_WORKER_CONCURRENCY;

  await applyMigrations(url); // Weir's own tables; concurrent starters wait on an advisory lock

  const workerId = createWorkerId();
  const log = childLogger({ workerId });
  const events = new EventEmitter() as WorkerEvents;
  let pool: WorkerPool | undefined;
  events.on("pool:create", ({ workerPool }) => (pool = workerPool));

  // Our own pool, not one graphile-worker makes from the URL: it ends its own pool without
  // waiting for its last complete/fail writes, which then never land; we end this one last.
  const queuePool = new pg.Pool({ connectionString: url, max: Math.max(10, concurrency + 2) });
  queuePool.on("error", (err) => log.warn({ err }, "idle queue database connection failed"));
  queuePool.on("connect", (client) => client.on("error", (err) => log.warn({ err }, "queue database connection failed")));

  let runner: Runner | undefined;
  let streams: TStreamSupervisor | undefined;
  let operations: TOperationsLoop | undefined;
  let stopping: Promise<never> | undefined;
  const heartbeat: THeartbeat = startHeartbeat({
    id: workerId,
    events,
    log,
    deadAfterMs,
    onDeclaredDead: () => void stop("declared dead by another worker", 1, true),
  });

  /** Fails the running jobs back to the queue (retried with backoff) without waiting for them. */
  function releaseRunningJobs(reason: string): void {
    Promise.resolve()
      .then(() => pool?.forcefulShutdown(`Released by worker shutdown (${reason})`))
      .catch((err: unknown) => log.warn({ err }, "forceful shutdown reported an error"));
  }

  /** Stops everything once; `force` releases running jobs at once instead of waiting. */
  function stop(reason: string, exitCode: number, force = false): Promise<never> {
    if (stopping) {
      if (force) releaseRunningJobs(reason);
      return stopping;
    }
    stopping = (async () => {
      log.info({ reason, force }, "worker stopping");
      const forceTimer = force
        ? setTimeout(() => releaseRunningJobs(reason), 0)
        : setTimeout(() => {
            log.warn("jobs still running after the shutdown grace period; releasing them to the queue");
            releaseRunningJobs(`${reason}: grace period over`);
          }, graceMs + FORCE_AFTER_ABORT_MS);
      // Streaming consumers land what they hold and leave their groups first, so their partitions move to the other workers at once.
      await streams?.stop().catch((err: unknown) => log.warn({ err }, "streaming consumers did not stop cleanly"));
      await operations?.stop().catch(() => undefined);
      try {
        if (runner) await runner.stop(reason);
      } catch (err) {
        log.warn({ err }, "queue runner did not stop cleanly");
      }
      clearTimeout(forceTimer);
      await heartbeat.stop().catch((err: unknown) => log.warn({ err }, "could not mark the heartbeat stopped"));
      await queuePool.end().catch(() => undefined);
      await releaseQueueUtils().catch(() => undefined);
      await disconnectDb().catch(() => undefined);
      log.info({ exitCode }, "worker stopped");
      process.exit(exitCode);
    })();
    return stopping;
  }

  // Ctrl-C under `npm start` delivers SIGINT to the whole process group and then the
  // supervisor's SIGTERM: signals within a second of the first count as one.
  let firstSignalAt: number | undefined;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      firstSignalAt ??= Date.now();
      void stop(signal, 0, Date.now() - firstSignalAt > 1000);
    });
  }
  process.on("uncaughtException", (err) => {
    log.fatal({ err }, "uncaught exception");
    void stop("uncaught exception", 1, true);
  });
  process.on("unhandledRejection", (err) => {
    log.fatal({ err }, "unhandled promise rejection");
    void stop("unhandled promise rejection", 1, true);
  });

  try {
    runner = await run({
      pgPool: queuePool,
      schema: QUEUE_SCHEMA,
      concurrency,
      noHandleSignals: true,
      gracefulShutdownAbortTimeout: graceMs,
      taskList: buildTaskList({ workerId, log }),
      parsedCronItems: parsedCronItems(),
      logger: toGraphileLogger(log),
      events,
      preset: { plugins: [heartbeat.plugin] },
    });
  } catch (err) {
    log.fatal({ err }, "could not start the job queue runner");
    return void stop("start-up failed", 1, true);
  }
  if (stopping) return; // a signal arrived while starting
  // Streaming connections (Kafka) run continuously in every worker, sharing partitions through their consumer groups.
  if (setting("WEIR_WORKER_STREAMS") !== "off") streams = startStreamSupervisor({ workerId, log });
  // Freshness deadlines and alert rules, evaluated by one worker at a time (docs/operations.md).
  if (setting("WEIR_WORKER_ALERTS") !== "off") operations = startOperationsLoop({ log });
  log.info({ concurrency, deadAfterMs, pid: process.pid }, "worker started");
  runner.promise.then(
    () => void stop("queue runner exited", 0),
    (err: unknown) => {
      log.fatal({ err }, "queue runner failed");
      void stop("queue runner failed", 1);
    },
  );
}

main().catch((err: unknown) => {
  logger.fatal({ err }, "worker failed to start");
  process.exit(1);
});
