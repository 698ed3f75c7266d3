/**
 * Handler of `sync.run-connection`: one attempt of a connection sync.
 */
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import type { TJobHandler } from "../job-context";

export const handleSyncRunConnection: TJobHandler<"sync.run-connection"> = async (payload, ctx) => {
  await runConnectionSync({
    runId: payload.runId,
    attempt: ctx.job.attempt,
    maxAttempts: ctx.job.maxAttempts,
    log: ctx.log.child({ runId: payload.runId }),
    signal: ctx.signal,
  });
};
