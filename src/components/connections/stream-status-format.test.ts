import { describe, expect, it } from "vitest";
import { deadLetterTopics, formatRate, streamActions, throughputSeries } from "@/components/connections/stream-status-format";

const sample = (at: Date, messagesPerSecond: number) => ({ at, messagesPerSecond, bytesPerSecond: 0, deadLetters: 0, maxLatencyMs: null });

describe("stream status format", () => {
  it("offers only the transitions the server accepts", () => {
    expect(streamActions(null)).toEqual(["start"]);
    expect(streamActions("stopped")).toEqual(["start"]);
    expect(streamActions("running")).toEqual(["pause", "stop"]);
    expect(streamActions("paused")).toEqual(["resume", "stop"]);
  });

  it("fills the last five minutes with one point per 5 s bucket, zero where nothing landed", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 2);
    const points = throughputSeries([sample(new Date(Date.UTC(2026, 0, 1, 12, 0, 0)), 40), sample(new Date(Date.UTC(2026, 0, 1, 11, 50)), 9)], now);
    expect(points).toHaveLength(60);
    expect(points.at(-1)).toEqual({ at: Date.UTC(2026, 0, 1, 12, 0, 0), messagesPerSecond: 40, deadLetters: 0 });
    expect(points[0]!.at).toBe(Date.UTC(2026, 0, 1, 11, 55, 5));
    expect(points.filter((p) => p.messagesPerSecond > 0)).toHaveLength(1); // the sample older than the window is left out
  });

  it("formats rates and names dead-letter topics", () => {
    expect(formatRate(0)).toBe("0");
    expect(formatRate(0.25)).toBe("0.3");
    expect(formatRate(7)).toBe("7");
    expect(formatRate(1234.4)).toBe("1,234");
    expect(deadLetterTopics(["orders"], undefined)).toEqual(["orders.weir-dlq"]);
    expect(deadLetterTopics(["orders"], ".dead")).toEqual(["orders.dead"]);
  });
});
