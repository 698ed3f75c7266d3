/**
 * The scheduler: once a minute (graphile-worker cron runs the tick exactly
 * once across all workers), starts a run of every active connection whose
 * cron schedule fired since its last scheduled run.
 */
import { CronExpressionParser } from "cron-parser";
import { db } from "@/db/client";
import { startRun } from "@/engine/runs/run-lifecycle";
import { isAppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

const SYSTEM_ACTOR = { id: null, email: "scheduler" } as const;

/** The latest time at or before `now` at which `schedule` fired (UTC). */
export function lastFireTime(schedule: string, now: Date): Date {
  const expr = CronExpressionParser.parse(schedule, { tz: "UTC", currentDate: new Date(now.getTime() + 1) });
  return expr.prev().toDate();
}

export async function scheduleDueRuns(now: Date, log: Logger): Promise<{ started: string[]; skipped: string[] }> {
  const connections = await db().connection.findMany({
    where: { status: "active", schedule: { not: null } },
    select: { id: true, name: true, schedule: true, createdAt: true },
  });
  const started: string[] = [];
  const skipped: string[] = [];
  for (const c of connections) {
    const fired = lastFireTime(c.schedule!, now);
    if (fired < c.createdAt) continue;
    const already = await db().run.findFirst({ where: { connectionId: c.id, trigger: "schedule", queuedAt: { gte: fired } }, select: { id: true } });
    if (already) continue;
    try {
      await startRun(c.id, "schedule", SYSTEM_ACTOR);
      started.push(c.name);
    } catch (e) {
      if (!isAppError(e)) throw e;
      skipped.push(c.name);
      log.info({ connection: c.name, reason: e.message }, "scheduled run skipped");
    }
  }
  return { started, skipped };
}
