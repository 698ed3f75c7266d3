/**
 * Puts a short `system.sleep` job on the queue so an engineer can see a
 * worker pick it up (Health page); audited like every change.
 */
import { db } from "@/db/client";
import { enqueueJob } from "@/jobs/registry";
import { writeAudit, type TAuditActor } from "@/db/write-audit";

export async function enqueueTestJob(seconds: number, actor: TAuditActor, requestId?: string): Promise<{ jobId: string }> {
  const job = await enqueueJob("system.sleep", { ms: seconds * 1000, marker: `ui-test-${Date.now()}` });
  await writeAudit(db(), {
    actor,
    action: "job.enqueue",
    targetType: "job",
    targetId: job.id,
    diff: { kind: { from: null, to: job.kind }, seconds: { from: null, to: seconds } },
    requestId,
  });
  return { jobId: job.id };
}
