/**
 * The health page's charts, aggregated in the database:
 * - run duration (median) and rows moved per connection, per hour (24 h) or
 *   per day (7 d), for the connections that moved most in the window, or the
 *   ones asked for; batch runs only (a stream's hour windows last an hour by
 *   design, and its health is its lag);
 * - failure rate per day of sync runs and of model builds over 14 days (sync
 *   runs counted per day by index range: grouping 40,000 runs by
 *   date_trunc of a timestamptz cost 4x as much);
 * - the lag of the started streaming connections furthest behind now.
 */
import { z } from "zod";

import { db } from "@/db/client";
import { streamLags } from "@/engine/health/health-queries";

const TOP_CONNECTIONS = 6;
/** The lag chart draws the streams furthest behind; more bars than this do not fit its height. */
export const TOP_LAGGING = 12;

export const ZChartsInput = z.object({
  range: z.enum(["24h", "7d"]).default("24h"),
  connectionIds: z.array(z.string().uuid()).max(20).optional(),
});

export const ZChartsOutput = z.object({
  range: z.enum(["24h", "7d"]),
  connections: z.array(z.object({ id: z.string(), name: z.string() })),
  /** One point per time bucket; per connection id: median duration (ms) and rows, or absent. */
  perConnection: z.array(z.object({ at: z.date(), durationMs: z.record(z.string(), z.number()), rows: z.record(z.string(), z.number()) })),
  failureRate: z.array(z.object({ day: z.date(), syncRuns: z.number(), syncFailed: z.number(), modelRuns: z.number(), modelFailed: z.number() })),
  /** At most TOP_LAGGING, furthest behind first. */
  lag: z.array(z.object({ connectionId: z.string(), name: z.string(), lag: z.number() })),
  /** How many streaming connections are started, drawn or not. */
  streams: z.number(),
});
export type TChartsOutput = z.output<typeof ZChartsOutput>;

export async function healthCharts(input: z.input<typeof ZChartsInput>): Promise<TChartsOutput> {
  const { range, connectionIds } = ZChartsInput.parse(input);
  const unit = range === "24h" ? "hour" : "day";
  const since = new Date(Date.now() - (range === "24h" ? 24 : 7 * 24) * 3600 * 1000);
  const chosen = connectionIds?.length
    ? await db().connection.findMany({ where: { id: { in: connectionIds } }, select: { id: true, name: true } })
    : await db().$queryRaw<{ id: string; name: string }[]>`
        SELECT c.id, c.name FROM "Run" r JOIN "Connection" c ON c.id = r."connectionId"
        WHERE r."startedAt" >= ${since} AND r."finishedAt" IS NOT NULL AND r.trigger <> 'stream'
        GROUP BY c.id, c.name ORDER BY SUM(r.rows) DESC, COUNT(*) DESC LIMIT ${TOP_CONNECTIONS}`;
  const ids = chosen.map((c) => c.id);
  const [buckets, days, lags] = await Promise.all([
    ids.length
      ? db().$queryRaw<{ at: Date; connectionId: string; durationMs: number | null; rows: bigint }[]>`
          SELECT date_trunc(${unit}, r."startedAt") AS at, r."connectionId",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (r."finishedAt" - r."startedAt")) * 1000) AS "durationMs",
            SUM(r.rows) AS rows
          FROM "Run" r
          WHERE r."connectionId" = ANY(${ids}::uuid[]) AND r."startedAt" >= ${since} AND r."finishedAt" IS NOT NULL AND r.trigger <> 'stream'
          GROUP BY 1, 2 ORDER BY 1`
      : Promise.resolve([]),
    db().$queryRaw<{ day: Date; syncRuns: number; syncFailed: number; modelRuns: number; modelFailed: number }[]>`
      WITH days AS (SELECT generate_series(date_trunc('day', now()) - interval '13 days', date_trunc('day', now()), interval '1 day') AS day),
      s AS (SELECT d.day, c.n, c.failed FROM days d CROSS JOIN LATERAL (
              SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE status = 'failed')::int AS failed FROM "Run"
              WHERE "finishedAt" >= d.day AND "finishedAt" < d.day + interval '1 day' AND trigger <> 'stream') c),
      m AS (SELECT date_trunc('day', "finishedAt") AS day, COUNT(*)::int AS n, COUNT(*) FILTER (WHERE status = 'failed')::int AS failed
            FROM "ModelRun" WHERE "finishedAt" >= date_trunc('day', now()) - interval '13 days' AND status IN ('succeeded', 'failed') GROUP BY 1)
      SELECT d.day, COALESCE(s.n, 0) AS "syncRuns", COALESCE(s.failed, 0) AS "syncFailed", COALESCE(m.n, 0) AS "modelRuns", COALESCE(m.failed, 0) AS "modelFailed"
      FROM days d LEFT JOIN s ON s.day = d.day LEFT JOIN m ON m.day = d.day ORDER BY d.day`,
    streamLags(),
  ]);
  const points = new Map<number, { at: Date; durationMs: Record<string, number>; rows: Record<string, number> }>();
  for (const b of buckets) {
    const point = points.get(b.at.getTime()) ?? { at: b.at, durationMs: {}, rows: {} };
    if (b.durationMs !== null) point.durationMs[b.connectionId] = Math.round(Number(b.durationMs));
    point.rows[b.connectionId] = Number(b.rows);
    points.set(b.at.getTime(), point);
  }
  return {
    range,
    connections: chosen,
    perConnection: [...points.values()],
    failureRate: days,
    lag: lags.slice(0, TOP_LAGGING).map((l) => ({ connectionId: l.connectionId, name: l.name, lag: l.lag })),
    streams: lags.length,
  };
}
