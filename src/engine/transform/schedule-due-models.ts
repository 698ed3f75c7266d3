/**
 * Models on a cron schedule: on the same once-a-minute tick as connection
 * schedules, starts one transform run per model whose schedule fired since
 * its last scheduled run (selector: the model alone; its checks run after
 * it, and what is downstream runs on its own triggers).
 */
import { db } from "@/db/client";
import { lastFireTime } from "@/engine/sync/schedule-due-runs";
import { enqueueJob } from "@/jobs/registry";

export async function scheduleDueModels(now: Date): Promise<string[]> {
  const models = await db().model.findMany({ where: { schedule: { not: null } }, select: { name: true, schedule: true, createdAt: true } });
  const started: string[] = [];
  for (const m of models) {
    const fired = lastFireTime(m.schedule!, now);
    if (fired < m.createdAt) continue;
    const already = await db().transformRun.findFirst({ where: { selector: m.name, trigger: "schedule", queuedAt: { gte: fired } }, select: { id: true } });
    if (already) continue;
    const run = await db().transformRun.create({ data: { selector: m.name, trigger: "schedule", queuedAt: now } });
    await enqueueJob("transform.run", { transformRunId: run.id });
    started.push(m.name);
  }
  return started;
}
