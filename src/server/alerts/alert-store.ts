/**
 * Alerts as on-call sees them: firing (and recently resolved) alerts with
 * every delivery and every try; acknowledging (reminders stop) and snoozing
 * (reminders pause until then), each audited.
 */
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import type { TAlertOutput } from "@/server/alerts/alert-contracts";
import { type TAuditActor, writeAudit } from "@/db/write-audit";

const include = {
  rule: { select: { name: true } },
  deliveries: { orderBy: { createdAt: "asc" as const }, include: { channel: { select: { name: true } }, tries: { orderBy: { attempt: "asc" as const } } } },
} as const;

type TRow = NonNullable<Awaited<ReturnType<typeof findAlert>>>;
const findAlert = (id: string) => db().alert.findUnique({ where: { id }, include });

async function toOutputs(rows: TRow[]): Promise<TAlertOutput[]> {
  const who = [...new Set(rows.flatMap((r) => (r.acknowledgedById ? [r.acknowledgedById] : [])))];
  const users = new Map((await db().user.findMany({ where: { id: { in: who } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    ...r,
    ruleName: r.rule.name,
    acknowledgedBy: r.acknowledgedById ? (users.get(r.acknowledgedById) ?? "a deleted user") : null,
    deliveries: r.deliveries.map((d) => ({ ...d, channel: d.channel.name, tries: d.tries.map((t) => ({ ...t })) })),
  }));
}

export async function listAlerts(input: { status: "firing" | "resolved" | "all"; limit: number }): Promise<TAlertOutput[]> {
  const rows = await db().alert.findMany({
    where: input.status === "all" ? {} : { status: input.status },
    orderBy: [{ status: "asc" }, { firedAt: "desc" }],
    take: input.limit,
    include,
  });
  return toOutputs(rows);
}

async function firingAlert(id: string): Promise<TRow> {
  const row = await findAlert(id);
  if (!row) throw new AppError("NOT_FOUND", "No alert with that id. It may have been deleted with its rule; reload the list.");
  if (row.status !== "firing") throw new AppError("CONFLICT", "The alert is resolved already; nothing to do.");
  return row;
}

export async function acknowledgeAlert(id: string, actor: TAuditActor & { id: string }, requestId?: string): Promise<TAlertOutput> {
  const row = await firingAlert(id);
  if (!row.acknowledgedAt) {
    await db().$transaction(async (tx) => {
      await tx.alert.update({ where: { id }, data: { acknowledgedAt: new Date(), acknowledgedById: actor.id } });
      await writeAudit(tx, {
        actor,
        action: "alert.acknowledge",
        targetType: "alert",
        targetId: id,
        diff: { acknowledged: { from: false, to: true } },
        requestId,
      });
    });
  }
  return (await toOutputs([(await findAlert(id))!]))[0]!;
}

export async function snoozeAlert(id: string, minutes: number, actor: TAuditActor, requestId?: string): Promise<TAlertOutput> {
  const row = await firingAlert(id);
  const until = new Date(Date.now() + minutes * 60_000);
  await db().$transaction(async (tx) => {
    await tx.alert.update({ where: { id }, data: { snoozedUntil: until } });
    await writeAudit(tx, {
      actor,
      action: "alert.snooze",
      targetType: "alert",
      targetId: id,
      diff: { snoozedUntil: { from: row.snoozedUntil, to: until } },
      requestId,
    });
  });
  return (await toOutputs([(await findAlert(id))!]))[0]!;
}
