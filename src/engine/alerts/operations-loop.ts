/**
 * Every worker runs this loop: every WEIR_ALERT_EVALUATE_MS (default 15 s)
 * it evaluates the freshness deadlines, then the alert rules (one worker at
 * a time does, under an advisory lock), and queues the messages those
 * produced as `alerts.deliver` jobs. Deliveries whose job was lost (a crash
 * between the evaluation's commit and the enqueue) are queued again.
 */
import { db } from "@/db/client";
import { evaluateAlerts } from "@/engine/alerts/evaluate-alerts";
import { evaluateFreshnessDeadlines } from "@/engine/alerts/evaluate-freshness";
import { enqueueJob } from "@/jobs/registry";
import type { Logger } from "@/lib/logger";
import { setting } from "@/lib/env";

const LOST_AFTER_MS = 2 * 60_000;

export function evaluateEveryMs(): number {
  const ms = setting("WEIR_ALERT_EVALUATE_MS");
  return Number.isInteger(ms) && ms >= 200 ? ms : 15_000;
}

export async function queueDeliveries(ids: readonly string[]): Promise<void> {
  for (const id of ids) await enqueueJob("alerts.deliver", { deliveryId: id }, { jobKey: `alert-delivery:${id}` });
}

/** One pass: freshness, rules, deliveries. */
export async function runOperationsPass(log: Logger, now = new Date()): Promise<void> {
  await evaluateFreshnessDeadlines({ log, now });
  const evaluation = await evaluateAlerts({ log, now });
  if (!evaluation) return;
  await queueDeliveries(evaluation.deliveryIds);
  const lost = await db().alertDelivery.findMany({
    where: { status: "pending", attempts: 0, createdAt: { lt: new Date(now.getTime() - LOST_AFTER_MS) } },
    select: { id: true },
    take: 500,
  });
  await queueDeliveries(lost.map((d) => d.id));
}

export type TOperationsLoop = { stop(): Promise<void> };

export function startOperationsLoop(opts: { log: Logger; everyMs?: number }): TOperationsLoop {
  const everyMs = opts.everyMs ?? evaluateEveryMs();
  const log = opts.log.child({ component: "operations" });
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    current = runOperationsPass(log)
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "alert evaluation failed; trying again next time"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, Math.min(everyMs, 2_000));
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
