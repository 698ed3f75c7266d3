/**
 * Handler of `system.noop`: proves a worker claims and completes jobs.
 */
import type { TJobHandler } from "../job-context";

export const handleSystemNoop: TJobHandler<"system.noop"> = async (_payload, ctx) => {
  ctx.log.debug("noop");
};
