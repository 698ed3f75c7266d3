/**
 * Test support for pipeline tests: one sync run of a connection and the
 * transform run it started, each executed as a worker would (the job
 * handlers' engine functions, in this process).
 */
import { db } from "@/db/client";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { runTransform } from "@/engine/transform/run-transform";
import { logger } from "@/lib/logger";
import { getTransformRun } from "@/server/transforms/transform-runs";

/** A manual run of the connection, one attempt; resolves with the run id. */
export async function syncOnce(connectionId: string): Promise<string> {
  const run = await db().run.create({ data: { connectionId, trigger: "manual" } });
  await runConnectionSync({ runId: run.id, attempt: 1, maxAttempts: 1, log: logger, signal: new AbortController().signal });
  return run.id;
}

/** The transform run a sync started (its downstream models), run to its end. */
export async function runStartedBy(syncRunId: string) {
  const started = await db().transformRun.findFirstOrThrow({ where: { upstreamRunId: syncRunId } });
  await runTransform({ transformRunId: started.id, log: logger, signal: new AbortController().signal });
  return getTransformRun(started.id);
}
