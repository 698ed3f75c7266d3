import { describe, expect, it } from "vitest";

import { MIN_SPAN_MS, placeItems, placeSlots, ticks, xOf, zoomTo } from "@/components/health/timeline-layout";

const w = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") };

describe("timeline layout", () => {
  it("maps time to x and clips items to the window, with a visible minimum width", () => {
    expect(xOf(new Date("2026-01-01T12:00:00Z"), w, 1000)).toBe(500);
    const [early, brief, running] = placeItems(
      [
        {
          lane: "sync",
          id: "a",
          label: "a",
          status: "failed",
          start: new Date("2025-12-31T23:00:00Z"),
          end: new Date("2026-01-01T06:00:00Z"),
          href: "/runs/a",
        },
        { lane: "model", id: "b", label: "b", status: "succeeded", start: new Date("2026-01-01T12:00:00Z"), end: new Date("2026-01-01T12:00:01Z"), href: "/x" },
        { lane: "check", id: "c", label: "c", status: "running", start: new Date("2026-01-01T18:00:00Z"), end: null, href: "/y" },
      ],
      w,
      1000,
      new Date("2026-01-01T21:00:00Z"),
    );
    expect(early).toMatchObject({ x: 0, width: 250, row: 0 });
    expect(brief).toMatchObject({ x: 500, width: 2, row: 2 });
    expect(running).toMatchObject({ x: 750, width: 125, row: 3 });
  });

  it("shades busier slots darker", () => {
    const placed = placeSlots(
      [
        { lane: "sync", slot: 0, status: "succeeded", count: 10 },
        { lane: "sync", slot: 1, status: "succeeded", count: 1 },
      ],
      10,
      1000,
    );
    expect(placed[0]).toMatchObject({ x: 0, opacity: 1 });
    expect(placed[1]!.x).toBe(100);
    expect(placed[1]!.opacity).toBeLessThan(0.5);
  });

  it("zooms to a dragged range, either direction, never below the minimum span", () => {
    expect(zoomTo(w, 750, 250, 1000)).toEqual({ from: new Date("2026-01-01T06:00:00Z"), to: new Date("2026-01-01T18:00:00Z") });
    const tiny = zoomTo(w, 500, 500.1, 1000);
    expect(tiny.to.getTime() - tiny.from.getTime()).toBe(MIN_SPAN_MS);
  });

  it("puts round ticks across the window", () => {
    expect(ticks(w).map((t) => t.toISOString().slice(11, 16))).toEqual(["00:00", "06:00", "12:00", "18:00", "00:00"]);
  });
});
