/**
 * Which worker processes are alive and what they are running, read from the
 * WorkerHeartbeat rows the workers refresh every few seconds. The web UI and
 * /api/health call listLiveWorkers(); the worker's dead-worker sweep uses the
 * same threshold. Times are compared with the database clock, so machines
 * with skewed clocks agree on who is alive.
 */
import { z } from "zod";
import { db } from "@/db/client";
import { setting } from "@/lib/env";

/** Default silence after which a worker counts as dead. */
export const DEFAULT_WORKER_DEAD_AFTER_MS = 10_000;

/**
 * Milliseconds without a heartbeat after which a worker is dead and its job
 * locks are released: env WEIR_WORKER_DEAD_AFTER_MS, default 10 000, at least
 * 1 000. Must be the same on every worker and web process.
 */
export function workerDeadAfterMs(): number {
  return setting("WEIR_WORKER_DEAD_AFTER_MS");
}

/** A job a worker is running now, as stored in WorkerHeartbeat.currentJobs. */
export const ZCurrentJob = z.object({
  id: z.string(),
  kind: z.string(),
  startedAt: z.string(),
});
export type TCurrentJob = z.infer<typeof ZCurrentJob>;

export interface TLiveWorker {
  id: string;
  hostname: string;
  pid: number;
  queueWorkerIds: string[];
  currentJobs: TCurrentJob[];
  startedAt: Date;
  lastSeenAt: Date;
}

interface THeartbeatRow {
  id: string;
  hostname: string;
  pid: number;
  queueWorkerIds: string[];
  currentJobs: unknown;
  startedAt: Date;
  lastSeenAt: Date;
}

function toCurrentJobs(raw: unknown): TCurrentJob[] {
  const parsed = z.array(ZCurrentJob).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** Workers not stopped whose last heartbeat is within the dead-after threshold, oldest first. */
export async function listLiveWorkers(): Promise<TLiveWorker[]> {
  const deadAfterMs = workerDeadAfterMs();
  const rows = await db().$queryRaw<THeartbeatRow[]>`
    select "id", "hostname", "pid", "queueWorkerIds", "currentJobs", "startedAt", "lastSeenAt"
    from "WorkerHeartbeat"
    where "stoppedAt" is null
      and "lastSeenAt" >= now() - make_interval(secs => ${deadAfterMs / 1000}::float8)
    order by "startedAt", "id"`;
  return rows.map((r) => ({ ...r, currentJobs: toCurrentJobs(r.currentJobs) }));
}
