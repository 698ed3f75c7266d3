/**
 * The process's one graphile-worker WorkerUtils (a small pg pool for adding
 * jobs and queue administration), connected to process.env.DATABASE_URL.
 * Created on first use; creating it also installs or upgrades the queue's own
 * schema (`graphile_worker`), so the web app can enqueue before any worker ran.
 */
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import { AppError } from "@/lib/app-error";
import { logger } from "@/lib/logger";
import { toGraphileLogger } from "@/jobs/queue-logger";

/** PostgreSQL schema holding graphile-worker's tables and functions. */
export const QUEUE_SCHEMA = "graphile_worker";

const globalForQueue = globalThis as unknown as { weirQueueUtils?: Promise<WorkerUtils> };

/** The shared WorkerUtils; a failed connection is not cached, so the next call retries. */
export function queueUtils(): Promise<WorkerUtils> {
  if (globalForQueue.weirQueueUtils) return globalForQueue.weirQueueUtils;
  const url = process.env.DATABASE_URL;
  if (!url) {
    return Promise.reject(new AppError("UNAVAILABLE", "The job queue is not configured: DATABASE_URL is not set (start Weir with `npm start`)."));
  }
  const created = makeWorkerUtils({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    maxPoolSize: 4,
    logger: toGraphileLogger(logger.child({ component: "queue-client" })),
  }).catch((e: unknown) => {
    if (globalForQueue.weirQueueUtils === created) globalForQueue.weirQueueUtils = undefined;
    const reason = e instanceof Error ? e.message : String(e);
    throw new AppError("UNAVAILABLE", `The job queue's database is unreachable (${reason}); try again shortly.`);
  });
  globalForQueue.weirQueueUtils = created;
  return created;
}

/** Closes the shared WorkerUtils pool (worker shutdown, tests). */
export async function releaseQueueUtils(): Promise<void> {
  const current = globalForQueue.weirQueueUtils;
  globalForQueue.weirQueueUtils = undefined;
  if (!current) return;
  const utils = await current.catch(() => undefined);
  await utils?.release();
}
