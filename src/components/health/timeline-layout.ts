/**
 * Where the health timeline draws each run, pure: x from time, a lane per
 * kind, a colour per status, slots drawn as density, and the window a drag
 * across the chart zooms to.
 */
export const TIMELINE_LANES = ["sync", "stream", "model", "check"] as const;
export type TTimelineLane = (typeof TIMELINE_LANES)[number];

export const LANE_TITLES: Record<TTimelineLane, string> = { sync: "Syncs", stream: "Streams", model: "Models", check: "Checks" };

export const STATUS_COLORS: Record<string, string> = {
  succeeded: "#16a34a",
  passed: "#16a34a",
  failed: "#dc2626",
  error: "#b91c1c",
  blocked: "#ea580c",
  running: "#2563eb",
  queued: "#94a3b8",
  cancelled: "#64748b",
  skipped: "#cbd5e1",
};
export const statusColor = (status: string) => STATUS_COLORS[status] ?? "#94a3b8";

/** The smallest window a zoom goes to. */
export const MIN_SPAN_MS = 5 * 60_000;

export type TWindow = { from: Date; to: Date };
export type TTimelineItem = { lane: TTimelineLane; id: string; label: string; status: string; start: Date; end: Date | null; href: string };
export type TPlacedItem = TTimelineItem & { x: number; width: number; row: number };
export type TTimelineSlot = { lane: TTimelineLane; slot: number; status: string; count: number };
export type TPlacedSlot = { lane: TTimelineLane; row: number; x: number; width: number; status: string; count: number; opacity: number };

export function xOf(t: Date | number, w: TWindow, width: number): number {
  const ms = typeof t === "number" ? t : t.getTime();
  const span = w.to.getTime() - w.from.getTime();
  return ((ms - w.from.getTime()) / span) * width;
}

/** Items on their lane row, clipped to the window, at least 2 px wide so a short run stays visible. */
export function placeItems(items: readonly TTimelineItem[], w: TWindow, width: number, now: Date): TPlacedItem[] {
  return items.map((item) => {
    const start = Math.max(0, xOf(item.start, w, width));
    const end = Math.min(width, xOf(item.end ?? now, w, width));
    return { ...item, x: start, width: Math.max(2, end - start), row: TIMELINE_LANES.indexOf(item.lane) };
  });
}

/** Slots as stacked rectangles per lane: the failures' share on top, shaded by how busy the slot is. */
export function placeSlots(slots: readonly TTimelineSlot[], slotCount: number, width: number): TPlacedSlot[] {
  const busiest = Math.max(1, ...aggregate(slots).values());
  const slotWidth = width / slotCount;
  return slots.map((s) => ({
    lane: s.lane,
    row: TIMELINE_LANES.indexOf(s.lane),
    x: s.slot * slotWidth,
    width: Math.max(1, slotWidth - 0.5),
    status: s.status,
    count: s.count,
    opacity: 0.25 + 0.75 * Math.min(1, aggregate(slots).get(`${s.lane}:${s.slot}`)! / busiest),
  }));
}

function aggregate(slots: readonly TTimelineSlot[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of slots) totals.set(`${s.lane}:${s.slot}`, (totals.get(`${s.lane}:${s.slot}`) ?? 0) + s.count);
  return totals;
}

/** The window between two x positions of a drag (either order), never shorter than MIN_SPAN_MS. */
export function zoomTo(w: TWindow, x1: number, x2: number, width: number): TWindow {
  const span = w.to.getTime() - w.from.getTime();
  const [a, b] = [Math.min(x1, x2), Math.max(x1, x2)].map((x) => w.from.getTime() + (Math.min(Math.max(x, 0), width) / width) * span) as [number, number];
  if (b - a >= MIN_SPAN_MS) return { from: new Date(a), to: new Date(b) };
  const mid = (a + b) / 2;
  return { from: new Date(mid - MIN_SPAN_MS / 2), to: new Date(mid + MIN_SPAN_MS / 2) };
}

/** Tick marks: about `count` round times across the window. */
export function ticks(w: TWindow, count = 6): Date[] {
  const span = w.to.getTime() - w.from.getTime();
  const steps = [60_000, 5 * 60_000, 15 * 60_000, 3600_000, 3 * 3600_000, 6 * 3600_000, 12 * 3600_000, 24 * 3600_000];
  const step = steps.find((s) => span / s <= count) ?? 24 * 3600_000;
  const first = Math.ceil(w.from.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = first; t <= w.to.getTime(); t += step) out.push(new Date(t));
  return out;
}
