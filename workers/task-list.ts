/**
 * Turns the registry and the handlers into graphile-worker's task list. Each
 * task parses its payload with the kind's zod schema before the handler runs,
 * gives the handler a logger bound to workerId, jobId, jobKind and attempt,
 * logs the outcome, and decides what a failure means:
 *
 * - a payload that fails its schema, or an AppError whose code says retrying
 *   cannot help (bad input, not found, forbidden…), fails the job for good:
 *   it stays in the queue with its error and no further attempts;
 * - anything else is thrown back to graphile-worker, which retries it with
 *   exponential backoff until the kind's maxAttempts.
 *
 * A thrown error's message and stack pass through the secret scrubber first:
 * graphile-worker stores the message as the job's last_error.
 */
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import { isAppError } from "@/lib/app-error";
import { scrubError } from "@/lib/secret-scrub";
import type { Logger } from "@/lib/logger";
import { QUEUE_SCHEMA } from "@/jobs/queue-client";
import { jobKindNames, parseJobPayload, type TJobKindName, type TJobPayload } from "@/jobs/registry";
import type { TJobContext, TJobHandler } from "./job-context";
import { jobHandlers } from "./handlers";

/** An AppError that no retry can fix (see AppError.retryable). */
export function isPermanentFailure(err: unknown): boolean {
  return isAppError(err) && !err.retryable;
}

/**
 * Leaves the running job no attempts after this one, so that when the
 * task throws, graphile-worker records the error and never runs it again.
 * graphile-worker 0.17 has no public call for this while a job is locked
 * (permanently_fail_jobs skips locked jobs), hence the update of its
 * `_private_jobs` table, scoped to this locked job; is_available is a
 * generated column and follows. The in-memory row is updated too, so the
 * library's `job:failed` event fires and its log says "attempt n of n".
 */
async function noMoreAttempts(helpers: JobHelpers): Promise<void> {
  await helpers.query(`update ${QUEUE_SCHEMA}._private_jobs set max_attempts = attempts where id = $1 and locked_by is not null`, [helpers.job.id]);
  helpers.job.max_attempts = helpers.job.attempts;
}

function makeTask<K extends TJobKindName>(kind: K, handler: TJobHandler<K>, opts: TTaskListOptions): Task {
  return async (rawPayload, helpers) => {
    const { job } = helpers;
    const log = opts.log.child({ jobId: job.id, jobKind: kind, attempt: job.attempts });
    const startedAt = Date.now();
    let payload: TJobPayload<K>;
    try {
      payload = parseJobPayload(kind, rawPayload);
    } catch (err) {
      log.error({ err }, "job payload does not match its kind's schema; failing it without retries");
      await noMoreAttempts(helpers);
      throw err;
    }
    const ctx: TJobContext = {
      job: { id: job.id, kind, attempt: job.attempts, maxAttempts: job.max_attempts },
      workerId: opts.workerId,
      log,
      signal: helpers.abortSignal ?? new AbortController().signal,
      helpers,
    };
    log.debug("job started");
    try {
      await handler(payload, ctx);
    } catch (thrown) {
      const err = scrubError(thrown);
      const durationMs = Date.now() - startedAt;
      if (isPermanentFailure(err)) {
        log.error({ err, durationMs }, "job failed permanently (retrying cannot help)");
        await noMoreAttempts(helpers);
      } else if (job.attempts >= job.max_attempts) {
        log.error({ err, durationMs }, "job failed on its last attempt");
      } else {
        const retryInS = Math.round(Math.exp(Math.min(job.attempts, 10)));
        log.warn({ err, durationMs, retryInS }, "job failed; will retry");
      }
      throw err;
    }
    log.info({ durationMs: Date.now() - startedAt }, "job completed");
  };
}

export interface TTaskListOptions {
  /** Weir's id of this worker process. */
  workerId: string;
  /** Base logger (already bound to workerId). */
  log: Logger;
}

/** One graphile-worker task per registered kind. */
export function buildTaskList(opts: TTaskListOptions): TaskList {
  const tasks: TaskList = {};
  for (const kind of jobKindNames) {
    tasks[kind] = makeTask(kind, jobHandlers[kind] as TJobHandler<typeof kind>, opts);
  }
  return tasks;
}
