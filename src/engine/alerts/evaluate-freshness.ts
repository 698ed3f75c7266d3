/**
 * Evaluates every freshness deadline against its dataset's last update (the
 * catalog's lastUpdatedAt, set by the runs that load or build it): a
 * deadline that passed opens a breach (one open breach per deadline), the
 * next update closes it. Run by the workers' operations loop, before the
 * alert rules, so a breach alerts in the same pass.
 */
import { db } from "@/db/client";
import { ZFreshnessDeadline, evaluateFreshness } from "@/engine/alerts/freshness";
import type { Logger } from "@/lib/logger";

export type TFreshnessEvaluation = { opened: number; closed: number };

export async function evaluateFreshnessDeadlines(opts: { log: Logger; now?: Date }): Promise<TFreshnessEvaluation> {
  const now = opts.now ?? new Date();
  const deadlines = await db().$queryRaw<
    {
      id: string;
      datasetId: string;
      kind: string;
      maxAgeSeconds: number | null;
      dailyBy: string | null;
      lastUpdatedAt: Date | null;
      openBreachId: string | null;
    }[]
  >`
    SELECT f.id, f."datasetId", f.kind::text AS kind, f."maxAgeSeconds", f."dailyBy", d."lastUpdatedAt", b.id AS "openBreachId"
    FROM "FreshnessDeadline" f
    JOIN "Dataset" d ON d.id = f."datasetId"
    LEFT JOIN "FreshnessBreach" b ON b."deadlineId" = f.id AND b."resolvedAt" IS NULL`;
  const out: TFreshnessEvaluation = { opened: 0, closed: 0 };
  for (const d of deadlines) {
    const deadline = ZFreshnessDeadline.safeParse(
      d.kind === "max_age" ? { kind: "max_age", maxAgeSeconds: d.maxAgeSeconds } : { kind: "daily_by", dailyBy: d.dailyBy },
    );
    if (!deadline.success) continue;
    const verdict = evaluateFreshness(deadline.data, d.lastUpdatedAt, now);
    if (verdict.breached && !d.openBreachId) {
      // The partial unique index keeps one open breach per deadline if two workers race.
      const created = await db().$executeRaw`
        INSERT INTO "FreshnessBreach" (id, "deadlineId", "datasetId", "dueAt", "lastUpdatedAt", "openedAt")
        VALUES (gen_random_uuid(), ${d.id}::uuid, ${d.datasetId}::uuid, ${verdict.dueAt}, ${d.lastUpdatedAt}, ${now})
        ON CONFLICT DO NOTHING`;
      out.opened += created;
    } else if (!verdict.breached && d.openBreachId) {
      await db().freshnessBreach.update({ where: { id: d.openBreachId }, data: { resolvedAt: now } });
      out.closed += 1;
    }
  }
  if (out.opened || out.closed) opts.log.info(out, "freshness deadlines evaluated");
  return out;
}
