/**
 * The runs of a time window for the health page's timeline, in four lanes:
 * syncs, stream hours, model builds and checks, each with its status and a
 * link. A window with more than MAX_ITEMS runs comes back as counts per
 * time slot and status (the page draws them as density) plus every failure
 * on its own, so a week of a hundred thousand runs is one small answer;
 * zooming in (a shorter window) brings the single runs back.
 */
import { z } from "zod";
import { zDateInput } from "@/lib/input-rules";

import { db } from "@/db/client";

export const MAX_ITEMS = 1500;
const SLOTS = 120;
const MAX_FAILURES = 500;
/** Runs longer than this that started before the window are not looked for (the index bounds the scan). */
const LONGEST_RUN_MS = 24 * 3600 * 1000;

export const ZTimelineInput = z
  .object({ from: zDateInput(), to: zDateInput() })
  .refine((w) => w.to.getTime() > w.from.getTime(), "to must be after from")
  .refine((w) => w.to.getTime() - w.from.getTime() <= 31 * 24 * 3600 * 1000, "a window of at most 31 days");

export const LANES = ["sync", "stream", "model", "check"] as const;
const ZLane = z.enum(LANES);
const ZItem = z.object({ lane: ZLane, id: z.string(), label: z.string(), status: z.string(), start: z.date(), end: z.date().nullable(), href: z.string() });
const ZSlot = z.object({ lane: ZLane, slot: z.number(), status: z.string(), count: z.number() });

export const ZTimelineOutput = z.object({
  from: z.date(),
  to: z.date(),
  /** "items": every run in `items`; "slots": counts in `slots` (SLOTS per window), failures in `items`. */
  mode: z.enum(["items", "slots"]),
  slotCount: z.number(),
  total: z.number(),
  items: z.array(ZItem),
  slots: z.array(ZSlot),
});
export type TTimelineOutput = z.output<typeof ZTimelineOutput>;
type TItem = z.output<typeof ZItem>;

/** Which rows of each source fall in the window: $1 from, $2 to, $3 the earliest start looked for. */
const IN_WINDOW = {
  run: `r."startedAt" >= $3 AND r."startedAt" < $2 AND COALESCE(r."finishedAt", now()) >= $1`,
  model: `m."startedAt" >= $3 AND m."startedAt" < $2 AND COALESCE(m."finishedAt", now()) >= $1`,
  check: `cr."createdAt" >= $1 AND cr."createdAt" < $2`,
};
const RUN_LANE = `CASE WHEN r.trigger = 'stream' THEN 'stream' ELSE 'sync' END`;
const CHECK_START = `cr."createdAt" - make_interval(secs => cr."durationMs" / 1000.0)`;

/** Every run of the window as one row source (lane, id, label, status, start, end, href). */
const RUNS_SQL = `
    SELECT ${RUN_LANE} AS lane, r.id::text AS id, c.name AS label, r.status::text AS status,
      r."startedAt" AS start, r."finishedAt" AS "end", '/runs/' || r.id AS href
    FROM "Run" r JOIN "Connection" c ON c.id = r."connectionId" WHERE ${IN_WINDOW.run}
    UNION ALL
    SELECT 'model', m.id::text, mo.name, m.status::text, m."startedAt", m."finishedAt", '/models/runs/' || m."transformRunId"
    FROM "ModelRun" m JOIN "Model" mo ON mo.id = m."modelId" WHERE ${IN_WINDOW.model}
    UNION ALL
    SELECT 'check', cr.id::text, ch.name || ' on ' || ch."datasetSchema" || '.' || ch."datasetTable", cr.status::text,
      ${CHECK_START}, cr."createdAt", '/quality/checks/' || ch.id
    FROM "CheckResult" cr JOIN "Check" ch ON ch.id = cr."checkId" WHERE ${IN_WINDOW.check}`;

/** The same runs with only what the slot counts need (no joins, no labels). */
const COUNT_SQL = `
    SELECT ${RUN_LANE} AS lane, r.status::text AS status, r."startedAt" AS start FROM "Run" r WHERE ${IN_WINDOW.run}
    UNION ALL
    SELECT 'model', m.status::text, m."startedAt" FROM "ModelRun" m WHERE ${IN_WINDOW.model}
    UNION ALL
    SELECT 'check', cr.status::text, ${CHECK_START} FROM "CheckResult" cr WHERE ${IN_WINDOW.check}`;

export async function healthTimeline(input: z.input<typeof ZTimelineInput>): Promise<TTimelineOutput> {
  const { from, to } = ZTimelineInput.parse(input);
  const since = new Date(from.getTime() - LONGEST_RUN_MS);
  const spanMs = to.getTime() - from.getTime();
  // Counts per slot first: their sum is the window's total, so a busy window
  // needs no separate COUNT pass, and a quiet one (cheap to count) then
  // fetches its single runs. The failures are asked for alongside, not after:
  // a busy window needs them, and in a quiet one they are a small query.
  const [slots, failures] = await Promise.all([
    db().$queryRawUnsafe<{ lane: TItem["lane"]; slot: number; status: string; count: number }[]>(
      `SELECT lane, LEAST(${SLOTS - 1}, GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (GREATEST(start, $1) - $1)) * 1000 / ${spanMs / SLOTS})))::int AS slot, status, COUNT(*)::int AS count
       FROM (${COUNT_SQL}) t GROUP BY 1, 2, 3`,
      from,
      to,
      since,
    ),
    db().$queryRawUnsafe<TItem[]>(
      `SELECT * FROM (${RUNS_SQL}) t WHERE status IN ('failed', 'error', 'blocked') ORDER BY start DESC LIMIT ${MAX_FAILURES}`,
      from,
      to,
      since,
    ),
  ]);
  const total = slots.reduce((sum, s) => sum + s.count, 0);
  if (total <= MAX_ITEMS) {
    const items = await db().$queryRawUnsafe<TItem[]>(`SELECT * FROM (${RUNS_SQL}) t ORDER BY start`, from, to, since);
    return { from, to, mode: "items", slotCount: SLOTS, total, items, slots: [] };
  }
  return { from, to, mode: "slots", slotCount: SLOTS, total, items: failures, slots };
}
