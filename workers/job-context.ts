/**
 * What a job handler receives besides its parsed payload, and the handler
 * type itself. Handlers are `async (payload, ctx)`: returning means done,
 * throwing means retry with backoff, except AppErrors whose code says a retry
 * cannot help (see task-list.ts), which fail the job for good.
 */
import type { JobHelpers } from "graphile-worker";
import type { Logger } from "@/lib/logger";
import type { TJobKindName, TJobPayload } from "@/jobs/registry";

export interface TJobContext {
  job: {
    id: string;
    kind: TJobKindName;
    /** 1 on the first run. */
    attempt: number;
    maxAttempts: number;
  };
  /** Weir's id of this worker process (its WorkerHeartbeat row). */
  workerId: string;
  /** Every line carries workerId, jobId, jobKind and attempt. */
  log: Logger;
  /** Aborted when the worker is shutting down and the grace period ran out: stop, throw, be retried. */
  signal: AbortSignal;
  /** graphile-worker's helpers: withPgClient (the queue pool), addJob, getQueueName. */
  helpers: JobHelpers;
}

export type TJobHandler<K extends TJobKindName> = (payload: TJobPayload<K>, ctx: TJobContext) => Promise<void>;
