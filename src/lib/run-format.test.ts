import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatDurationShort, runDurationMs } from "@/lib/run-format";

describe("run-format", () => {
  it("prints bytes and durations for people", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
  });

  it("prints chart-axis durations in one unit", () => {
    expect(formatDurationShort(800)).toBe("800 ms");
    expect(formatDurationShort(45_000)).toBe("45 s");
    expect(formatDurationShort(2_700_000)).toBe("45 min");
    expect(formatDurationShort(5_400_000)).toBe("1.5 h");
    expect([1500, 2000, 90_000, 36_000_000].map(formatDurationShort)).toEqual(["1.5 s", "2 s", "1.5 min", "10 h"]);
  });

  it("measures a running run up to now", () => {
    expect(runDurationMs({ startedAt: new Date(1000), finishedAt: null }, 4000)).toBe(3000);
    expect(runDurationMs({ startedAt: null, finishedAt: null })).toBeNull();
  });
});
