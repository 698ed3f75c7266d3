/**
 * Handler of `system.prune-heartbeats` (hourly cron): every worker process
 * leaves one WorkerHeartbeat row behind when it stops; rows of workers
 * stopped long ago only clutter the table.
 */
import { db } from "@/db/client";
import type { TJobHandler } from "../job-context";

export const handleSystemPruneHeartbeats: TJobHandler<"system.prune-heartbeats"> = async ({ olderThanHours }, ctx) => {
  const before = new Date(Date.now() - olderThanHours * 3_600_000);
  const { count } = await db().workerHeartbeat.deleteMany({ where: { stoppedAt: { lt: before } } });
  ctx.log.info({ deleted: count, olderThanHours }, "pruned heartbeats of stopped workers");
};
