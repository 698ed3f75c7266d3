/**
 * Handler of `sync.schedule-tick`: starts the scheduled connection runs and
 * model builds that are due.
 */
import { scheduleDueRuns } from "@/engine/sync/schedule-due-runs";
import { scheduleDueModels } from "@/engine/transform/schedule-due-models";
import type { TJobHandler } from "../job-context";

export const handleSyncScheduleTick: TJobHandler<"sync.schedule-tick"> = async (_payload, ctx) => {
  const now = new Date();
  const { started } = await scheduleDueRuns(now, ctx.log);
  if (started.length) ctx.log.info({ started }, "scheduled runs started");
  const models = await scheduleDueModels(now);
  if (models.length) ctx.log.info({ models }, "scheduled model builds started");
};
