/**
 * Handler of `sync.schedule-tick`: starts the scheduled runs that are due.
 */
import { scheduleDueRuns } from "@/engine/sync/schedule-due-runs";
import type { TJobHandler } from "../job-context";

export const handleSyncScheduleTick: TJobHandler<"sync.schedule-tick"> = async (_payload, ctx) => {
  const { started } = await scheduleDueRuns(new Date(), ctx.log);
  if (started.length) ctx.log.info({ started }, "scheduled runs started");
};
