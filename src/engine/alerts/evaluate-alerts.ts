/**
 * One evaluation of every enabled alert rule against what is broken now
 * (observe.ts), reconciled with the alerts already firing:
 * - a target whose condition holds (long enough, for rules with a duration)
 *   and has no firing alert of the rule gets one, and a "fired" message per
 *   channel: at most one firing alert per rule and target (a partial unique
 *   index makes it so even if two evaluations raced);
 * - a firing alert whose condition holds stays, and sends a reminder every
 *   repeatSeconds unless acknowledged or snoozed;
 * - a firing alert whose condition no longer holds is resolved, with a
 *   "resolved" message.
 * It runs inside one transaction holding an advisory lock, so when many
 * workers evaluate, one at a time does. Messages are queued as deliveries
 * (deliver-alert.ts, retried with backoff), never sent here, so a slow or
 * broken receiver delays nothing else.
 */
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type TObservation, observe, readSnapshot } from "@/engine/alerts/observe";
import { ZRuleParams, ZRuleScope, holdSeconds, inScope } from "@/lib/alert-rule-definition";
import type { Logger } from "@/lib/logger";

/** pg_try_advisory_xact_lock key of the evaluation (one at a time across workers). */
const EVALUATION_LOCK = 738_201_551;

export type TAlertEvaluation = { fired: number; reminders: number; resolved: number; deliveryIds: string[] };

type TTx = Prisma.TransactionClient;
type TRuleRow = Awaited<ReturnType<typeof enabledRules>>[number];

const enabledRules = () => db().alertRule.findMany({ where: { enabled: true } });

/** The conditions that have held long enough, keeping track of when each started (AlertCondition). */
async function heldLongEnough(tx: TTx, rule: TRuleRow, observed: TObservation[], holdFor: number, now: Date): Promise<Set<string>> {
  const keys = observed.map((o) => o.targetKey);
  if (holdFor === 0) return new Set(keys);
  await tx.alertCondition.deleteMany({ where: { ruleId: rule.id, targetKey: { notIn: keys } } });
  if (keys.length) await tx.alertCondition.createMany({ data: keys.map((targetKey) => ({ ruleId: rule.id, targetKey, since: now })), skipDuplicates: true });
  const since = await tx.alertCondition.findMany({ where: { ruleId: rule.id } });
  return new Set(since.filter((c) => now.getTime() - c.since.getTime() >= holdFor * 1000).map((c) => c.targetKey));
}

async function queueDeliveries(tx: TTx, alertId: string, channelIds: string[], event: "fired" | "reminder" | "resolved"): Promise<string[]> {
  const rows = await Promise.all(channelIds.map((channelId) => tx.alertDelivery.create({ data: { alertId, channelId, event }, select: { id: true } })));
  return rows.map((r) => r.id);
}

async function reconcileRule(tx: TTx, rule: TRuleRow, observed: TObservation[], channelIds: string[], now: Date, out: TAlertEvaluation): Promise<void> {
  const params = ZRuleParams.parse(rule.params);
  const ready = await heldLongEnough(tx, rule, observed, holdSeconds(params), now);
  const holding = new Map(observed.map((o) => [o.targetKey, o]));
  const firing = await tx.alert.findMany({ where: { ruleId: rule.id, status: "firing" } });
  const firingKeys = new Set(firing.map((a) => a.targetKey));

  for (const alert of firing) {
    const still = holding.get(alert.targetKey);
    if (!still) {
      await tx.alert.update({ where: { id: alert.id }, data: { status: "resolved", resolvedAt: now } });
      out.deliveryIds.push(...(await queueDeliveries(tx, alert.id, channelIds, "resolved")));
      out.resolved += 1;
      continue;
    }
    const quiet = alert.acknowledgedAt !== null || (alert.snoozedUntil !== null && alert.snoozedUntil > now);
    const last = alert.lastNotifiedAt ?? alert.firedAt;
    const due = rule.repeatSeconds !== null && now.getTime() - last.getTime() >= rule.repeatSeconds * 1000;
    const data: Prisma.AlertUpdateInput = still.message !== alert.message ? { message: still.message, href: still.href } : {};
    if (due && !quiet) {
      data.lastNotifiedAt = now;
      out.deliveryIds.push(...(await queueDeliveries(tx, alert.id, channelIds, "reminder")));
      out.reminders += 1;
    }
    if (Object.keys(data).length) await tx.alert.update({ where: { id: alert.id }, data });
  }

  for (const o of observed) {
    if (firingKeys.has(o.targetKey) || !ready.has(o.targetKey)) continue;
    const alert = await tx.alert.create({
      data: { ruleId: rule.id, targetKey: o.targetKey, targetLabel: o.label, href: o.href, message: o.message, firedAt: now, lastNotifiedAt: now },
    });
    out.deliveryIds.push(...(await queueDeliveries(tx, alert.id, channelIds, "fired")));
    out.fired += 1;
  }
}

/**
 * Evaluates every enabled rule once. Resolves with what changed, or null
 * when another evaluation holds the lock (it does the work).
 */
export async function evaluateAlerts(opts: { log: Logger; now?: Date }): Promise<TAlertEvaluation | null> {
  const rules = await enabledRules();
  const out: TAlertEvaluation = { fired: 0, reminders: 0, resolved: 0, deliveryIds: [] };
  const kinds = new Set(rules.map((r) => r.kind));
  const snapshot = await readSnapshot({ withRecentRuns: kinds.has("consecutive_failures") || kinds.has("duration_above_median") });
  const now = opts.now ?? new Date();
  const channels = new Set((await db().alertChannel.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id));
  const locked = await db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${EVALUATION_LOCK}) AS locked`;
      if (!lock?.locked) return false;
      for (const rule of rules) {
        const params = ZRuleParams.safeParse(rule.params);
        const scope = ZRuleScope.safeParse(rule.scope);
        if (!params.success || !scope.success) {
          opts.log.warn({ ruleId: rule.id }, `alert rule "${rule.name}" has parameters Weir cannot read; skipped`);
          continue;
        }
        const observed = observe(params.data, snapshot).filter((o) => inScope(scope.data, o.facts));
        await reconcileRule(
          tx,
          rule,
          observed,
          rule.channelIds.filter((id) => channels.has(id)),
          now,
          out,
        );
      }
      // Rules that were deleted or disabled leave no alert firing.
      const stale = await tx.alert.findMany({ where: { status: "firing", rule: { enabled: false } }, select: { id: true } });
      if (stale.length) await tx.alert.updateMany({ where: { id: { in: stale.map((a) => a.id) } }, data: { status: "resolved", resolvedAt: now } });
      return true;
    },
    { timeout: 30_000 },
  );
  if (!locked) return null;
  if (out.fired || out.resolved || out.reminders) opts.log.info({ fired: out.fired, reminders: out.reminders, resolved: out.resolved }, "alerts evaluated");
  return out;
}
