/**
 * Freshness deadlines, pure. Two kinds, as people state them:
 * - max_age: "no older than 2 h": breached once the last update is more than
 *   maxAgeSeconds old (or there never was one); due at lastUpdate + maxAge.
 * - daily_by: "updated by 06:00 UTC": every day's data must have landed by
 *   that time, i.e. the dataset must have been updated since 00:00 UTC of
 *   the day whose deadline passed last. Before today's 06:00 the deadline in
 *   force is yesterday's.
 */
import { z } from "zod";

export const ZDailyBy = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM (UTC), e.g. 06:00");

export const ZFreshnessDeadline = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("max_age"),
    maxAgeSeconds: z
      .number()
      .int()
      .min(60, "at least a minute")
      .max(366 * 24 * 3600, "at most a year"),
  }),
  z.object({ kind: z.literal("daily_by"), dailyBy: ZDailyBy }),
]);
export type TFreshnessDeadline = z.infer<typeof ZFreshnessDeadline>;

export type TFreshnessVerdict = { breached: boolean; /** When the data was (or is) due. */ dueAt: Date };

const DAY_MS = 24 * 3600 * 1000;

/** The latest daily deadline instant at or before `now`. */
export function lastDailyDeadline(dailyBy: string, now: Date): Date {
  const [h, m] = dailyBy.split(":").map(Number) as [number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

export function evaluateFreshness(deadline: TFreshnessDeadline, lastUpdatedAt: Date | null, now: Date): TFreshnessVerdict {
  if (deadline.kind === "max_age") {
    if (!lastUpdatedAt) return { breached: true, dueAt: now };
    const dueAt = new Date(lastUpdatedAt.getTime() + deadline.maxAgeSeconds * 1000);
    return { breached: dueAt.getTime() < now.getTime(), dueAt };
  }
  const dueAt = lastDailyDeadline(deadline.dailyBy, now);
  const windowStart = Date.UTC(dueAt.getUTCFullYear(), dueAt.getUTCMonth(), dueAt.getUTCDate());
  return { breached: !lastUpdatedAt || lastUpdatedAt.getTime() < windowStart, dueAt };
}

/** "no older than 2 h", "updated by 06:00 UTC". */
export function describeDeadline(deadline: TFreshnessDeadline): string {
  if (deadline.kind === "daily_by") return `updated by ${deadline.dailyBy} UTC every day`;
  const s = deadline.maxAgeSeconds;
  const text = s % 86400 === 0 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`;
  return `no older than ${text}`;
}
