/**
 * A dataset's freshness deadline ("no older than 2 h", "updated by 06:00
 * UTC"): set, changed or removed by engineers, audited; read with the
 * dataset, together with whether it is breached now. The workers evaluate
 * it (engine/alerts/evaluate-freshness.ts).
 */
import { z } from "zod";

import { db } from "@/db/client";
import { ZFreshnessDeadline, describeDeadline } from "@/engine/alerts/freshness";
import { AppError } from "@/lib/app-error";
import { type TAuditActor, writeAudit } from "@/db/write-audit";

export const ZSetDeadlineInput = z.object({ datasetId: z.string().uuid("is not a dataset id"), deadline: ZFreshnessDeadline.nullable() });

export const ZDeadlineOutput = z
  .object({
    deadline: ZFreshnessDeadline,
    description: z.string(),
    breach: z.object({ dueAt: z.date(), openedAt: z.date() }).nullable(),
  })
  .nullable();
export type TDeadlineOutput = z.output<typeof ZDeadlineOutput>;

export async function deadlineOf(datasetId: string): Promise<TDeadlineOutput> {
  const row = await db().freshnessDeadline.findUnique({ where: { datasetId }, include: { breaches: { where: { resolvedAt: null }, take: 1 } } });
  if (!row) return null;
  const deadline = ZFreshnessDeadline.parse(
    row.kind === "max_age" ? { kind: "max_age", maxAgeSeconds: row.maxAgeSeconds } : { kind: "daily_by", dailyBy: row.dailyBy },
  );
  const open = row.breaches[0];
  return { deadline, description: describeDeadline(deadline), breach: open ? { dueAt: open.dueAt, openedAt: open.openedAt } : null };
}

export async function setFreshnessDeadline(input: z.output<typeof ZSetDeadlineInput>, actor: TAuditActor, requestId?: string): Promise<TDeadlineOutput> {
  const dataset = await db().dataset.findUnique({ where: { id: input.datasetId }, select: { id: true } });
  if (!dataset) throw new AppError("NOT_FOUND", "There is no such dataset in the catalog.");
  const before = await deadlineOf(input.datasetId);
  await db().$transaction(async (tx) => {
    if (!input.deadline) {
      await tx.freshnessDeadline.deleteMany({ where: { datasetId: input.datasetId } });
    } else {
      const fields =
        input.deadline.kind === "max_age"
          ? { kind: "max_age" as const, maxAgeSeconds: input.deadline.maxAgeSeconds, dailyBy: null }
          : { kind: "daily_by" as const, dailyBy: input.deadline.dailyBy, maxAgeSeconds: null };
      const existing = await tx.freshnessDeadline.findUnique({ where: { datasetId: input.datasetId } });
      // A changed deadline is judged afresh: its open breach (under the old terms) ends.
      if (existing) await tx.freshnessBreach.updateMany({ where: { deadlineId: existing.id, resolvedAt: null }, data: { resolvedAt: new Date() } });
      await tx.freshnessDeadline.upsert({ where: { datasetId: input.datasetId }, create: { datasetId: input.datasetId, ...fields }, update: fields });
    }
    await writeAudit(tx, {
      actor,
      action: "dataset.freshness_deadline",
      targetType: "dataset",
      targetId: input.datasetId,
      diff: { deadline: { from: before?.description ?? null, to: input.deadline ? describeDeadline(input.deadline) : null } },
      requestId,
    });
  });
  return deadlineOf(input.datasetId);
}
