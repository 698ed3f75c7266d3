/**
 * The worker's heartbeat and the dead-worker sweep.
 *
 * Every ~2 s a worker upserts its WorkerHeartbeat row: the ids graphile-worker
 * locks jobs under (`queueWorkerIds`) and the jobs it runs now. Every ~5 s it
 * also sweeps: workers silent for longer than WEIR_WORKER_DEAD_AFTER_MS are
 * marked stopped and their job locks released in one transaction, so a
 * SIGKILLed worker's jobs run again within seconds instead of after
 * graphile-worker's 4-hour stale-lock timeout.
 *
 * Lock ids in graphile-worker 0.17.3: jobs and job queues are locked with the
 * *pool* id (`pool-<18 hex>`, `locked_by = workerPool.id` in getJob,
 * completeJob and failJob, with or without the local queue); the per-Worker ids
 * (`worker-<18 hex>`, one per unit of concurrency) never hold a lock in this
 * version but did in older ones. We record both: releasing an id that holds
 * nothing is harmless, missing one that holds a lock is not.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { WorkerEvents } from "graphile-worker";
import { db } from "@/db/client";
import type { Logger } from "@/lib/logger";
import { QUEUE_SCHEMA } from "@/jobs/queue-client";
import { workerDeadAfterMs, type TCurrentJob } from "@/jobs/workers-status";

/** A fresh id for this worker process (the WorkerHeartbeat primary key). */
export function createWorkerId(): string {
  return `wkr-${randomBytes(8).toString("hex")}`;
}

export interface THeartbeatOptions {
  id: string;
  /** The emitter passed to graphile-worker's run() as `events`; listened to before run() starts. */
  events: WorkerEvents;
  log: Logger;
  /** Called once if another worker's sweep declared this one dead (its locks are gone). */
  onDeclaredDead: () => void;
  deadAfterMs?: number;
}

export interface THeartbeat {
  readonly id: string;
  /**
   * graphile-worker plugin holding every queue worker before its first claim
   * until a stored heartbeat names the pool id: a lock under an id the sweep
   * does not know could only be released by the 4-hour reset.
   */
  readonly plugin: GraphileConfig.Plugin;
  /**
   * Call after the runner has stopped: stops beating and sweeping, releases any
   * job lock still held under this worker's ids (so they run again elsewhere at
   * once), and marks the row stopped, in one transaction.
   */
  stop(): Promise<void>;
}

/** Beat and sweep periods derived from the dead-after threshold (2 s and 5 s at the default 10 s). */
export function heartbeatTimings(deadAfterMs: number): { beatMs: number; sweepMs: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  return { beatMs: clamp(deadAfterMs / 5, 200, 2000), sweepMs: clamp(deadAfterMs / 2, 500, 5000) };
}

/** Starts beating and sweeping at once; the first beat writes the row even before the pool exists. */
export function startHeartbeat(opts: THeartbeatOptions): THeartbeat {
  const { id, events, log, onDeclaredDead } = opts;
  const deadAfterMs = opts.deadAfterMs ?? workerDeadAfterMs();
  const { beatMs, sweepMs } = heartbeatTimings(deadAfterMs);
  let poolId: string | undefined;
  const queueWorkerIds = new Set<string>();
  const running = new Map<string, TCurrentJob>(); // queue worker id → its job
  let stopped = false;
  let declaredDead = false;
  // Queue workers wait here before their first claim. The first heartbeat naming the pool opens
  // it; so does shutdown, so that a worker that never stored one (database down) can still stop
  // (its pool is inactive by then and claims nothing).
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  events.on("pool:gracefulShutdown", () => openGate());

  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
    queueWorkerIds.add(workerPool.id);
    setImmediate(() => void beatNow()); // after the pool's workers are created, so their ids go too
  });
  events.on("worker:create", ({ worker }) => queueWorkerIds.add(worker.workerId));
  events.on("job:start", ({ worker, job }) => {
    running.set(worker.workerId, { id: job.id, kind: job.task_identifier, startedAt: new Date().toISOString() });
  });
  events.on("job:complete", ({ worker }) => running.delete(worker.workerId));
  events.on("worker:stop", ({ worker }) => running.delete(worker.workerId));

  // One beat at a time; a beat asked for while one is in flight (e.g. the pool appeared) follows it.
  let beating: Promise<void> | undefined;
  let beatAgain = false;
  function beatNow(): Promise<void> {
    if (beating) {
      beatAgain = true;
      return beating;
    }
    beating = (async () => {
      do {
        beatAgain = false;
        await beat();
      } while (beatAgain && !stopped);
    })().finally(() => (beating = undefined));
    return beating;
  }

  async function beat(): Promise<void> {
    if (stopped || declaredDead) return;
    const includesPool = poolId !== undefined;
    try {
      const updated = await db().$executeRaw`
        insert into "WorkerHeartbeat" ("id", "hostname", "pid", "queueWorkerIds", "currentJobs", "startedAt", "lastSeenAt")
        values (${id}, ${os.hostname()}, ${process.pid}, ${[...queueWorkerIds]}::text[],
                ${JSON.stringify([...running.values()])}::jsonb, now(), now())
        on conflict ("id") do update
          set "queueWorkerIds" = excluded."queueWorkerIds",
              "currentJobs" = excluded."currentJobs",
              "lastSeenAt" = now()
          where "WorkerHeartbeat"."stoppedAt" is null`;
      if (updated === 0) {
        declaredDead = true;
        log.error({ deadAfterMs }, "this worker was declared dead by another worker's sweep (heartbeat too late); its jobs may run elsewhere; stopping");
        onDeclaredDead();
        return;
      }
      if (includesPool) openGate();
    } catch (err) {
      log.warn({ err }, "heartbeat failed; retrying");
    }
  }

  async function sweep(): Promise<void> {
    if (stopped || declaredDead) return;
    try {
      const released = await sweepDeadWorkers({ deadAfterMs, exceptId: id });
      for (const w of released) {
        log.warn({ deadWorkerId: w.id, queueWorkerIds: w.queueWorkerIds }, "released the job locks of a dead worker");
      }
    } catch (err) {
      log.warn({ err }, "dead-worker sweep failed; retrying");
    }
  }

  const timers: NodeJS.Timeout[] = [];
  function every(ms: number, fn: () => Promise<void>): void {
    const tick = () => {
      void fn().finally(() => {
        if (!stopped) timers.push(setTimeout(tick, ms).unref());
      });
    };
    timers.push(setTimeout(tick, ms).unref());
  }
  void beatNow();
  every(beatMs, beatNow);
  every(sweepMs, sweep);

  const plugin: GraphileConfig.Plugin = {
    name: "WeirHeartbeatGatePlugin",
    version: "1.0.0",
    description: "Holds each queue worker before its first job claim until a heartbeat names its pool id.",
    worker: { hooks: { startWorker: () => gate } },
  };

  return {
    id,
    plugin,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await beating?.catch(() => undefined);
      const ids = [...queueWorkerIds];
      const leftover = await waitForLocksToClear(ids, LOCK_SETTLE_MS);
      if (leftover > 0) log.warn({ jobs: leftover }, "releasing jobs still locked by this worker after shutdown");
      await db().$transaction(async (tx) => {
        if (ids.length > 0) await tx.$executeRawUnsafe(`select ${QUEUE_SCHEMA}.force_unlock_workers($1::text[])`, ids);
        await tx.$executeRaw`
          update "WorkerHeartbeat"
          set "stoppedAt" = coalesce("stoppedAt", now()), "lastSeenAt" = now(), "currentJobs" = '[]'::jsonb
          where "id" = ${id}`;
      });
    },
  };
}

/** How long stop() waits for graphile-worker's last complete/fail writes to land. */
const LOCK_SETTLE_MS = 3000;

/**
 * graphile-worker 0.17.3 does not await its final completeJob/failJob writes
 * before its runner reports stopped, so a job that just finished or failed
 * may still show our lock for a moment (or for good, had the process exited
 * first; main.ts keeps the queue pool open until after this). Wait for those
 * writes, up to `timeoutMs`; returns how many jobs are still locked under `ids`.
 */
async function waitForLocksToClear(ids: string[], timeoutMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db().$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${QUEUE_SCHEMA}.jobs where locked_by = any($1::text[])`, ids);
    const locked = row?.n ?? 0;
    if (locked === 0 || Date.now() >= deadline) return locked;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TReleasedWorker {
  id: string;
  queueWorkerIds: string[];
}

/**
 * Marks workers silent for more than `deadAfterMs` as stopped and releases
 * every job and job-queue lock held under their queue worker ids, in one
 * transaction: a worker is never marked dead with its locks still held, and a
 * lock is never released from a worker still counted alive. Concurrent sweeps
 * are safe (row locks; the loser finds nothing to do). Released jobs keep
 * their attempt count and run as soon as a live worker polls.
 */
export async function sweepDeadWorkers(opts: { deadAfterMs: number; exceptId?: string }): Promise<TReleasedWorker[]> {
  const secs = opts.deadAfterMs / 1000;
  const exceptId = opts.exceptId ?? "";
  return db().$transaction(async (tx) => {
    const dead = await tx.$queryRaw<TReleasedWorker[]>`
      update "WorkerHeartbeat"
      set "stoppedAt" = now()
      where "stoppedAt" is null
        and "lastSeenAt" < now() - make_interval(secs => ${secs}::float8)
        and "id" <> ${exceptId}
      returning "id", "queueWorkerIds"`;
    const lockIds = dead.flatMap((w) => w.queueWorkerIds);
    if (lockIds.length > 0) {
      // The function WorkerUtils.forceUnlockWorkers() calls, here inside our transaction.
      await tx.$executeRawUnsafe(`select ${QUEUE_SCHEMA}.force_unlock_workers($1::text[])`, lockIds);
    }
    return dead;
  });
}
