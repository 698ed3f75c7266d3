import { describe, expect, it } from "vitest";

import { describeDeadline, evaluateFreshness, lastDailyDeadline } from "@/engine/alerts/freshness";
import { inScope } from "@/lib/alert-rule-definition";

const at = (iso: string) => new Date(iso);

describe("freshness deadlines", () => {
  it("max_age: due a max age after the last update; never updated is late", () => {
    const deadline = { kind: "max_age" as const, maxAgeSeconds: 7200 };
    expect(evaluateFreshness(deadline, at("2026-01-01T10:00:00Z"), at("2026-01-01T11:59:00Z"))).toEqual({ breached: false, dueAt: at("2026-01-01T12:00:00Z") });
    expect(evaluateFreshness(deadline, at("2026-01-01T10:00:00Z"), at("2026-01-01T12:01:00Z")).breached).toBe(true);
    expect(evaluateFreshness(deadline, null, at("2026-01-01T12:01:00Z")).breached).toBe(true);
  });

  it("daily_by: the day's data must land by the time; before it, yesterday's deadline holds", () => {
    const deadline = { kind: "daily_by" as const, dailyBy: "06:00" };
    expect(lastDailyDeadline("06:00", at("2026-01-02T05:59:00Z"))).toEqual(at("2026-01-01T06:00:00Z"));
    expect(lastDailyDeadline("06:00", at("2026-01-02T06:00:00Z"))).toEqual(at("2026-01-02T06:00:00Z"));
    // Updated yesterday evening: fine until 06:00 today, late after.
    expect(evaluateFreshness(deadline, at("2026-01-01T22:00:00Z"), at("2026-01-02T05:00:00Z")).breached).toBe(false);
    expect(evaluateFreshness(deadline, at("2026-01-01T22:00:00Z"), at("2026-01-02T06:05:00Z"))).toEqual({ breached: true, dueAt: at("2026-01-02T06:00:00Z") });
    // Updated at 01:00 today: on time.
    expect(evaluateFreshness(deadline, at("2026-01-02T01:00:00Z"), at("2026-01-02T09:00:00Z")).breached).toBe(false);
    // Not updated since the day before yesterday: late even before today's 06:00.
    expect(evaluateFreshness(deadline, at("2025-12-31T23:00:00Z"), at("2026-01-02T05:00:00Z")).breached).toBe(true);
  });

  it("says what it is", () => {
    expect(describeDeadline({ kind: "max_age", maxAgeSeconds: 7200 })).toBe("no older than 2 h");
    expect(describeDeadline({ kind: "max_age", maxAgeSeconds: 900 })).toBe("no older than 15 min");
    expect(describeDeadline({ kind: "daily_by", dailyBy: "06:00" })).toBe("updated by 06:00 UTC every day");
  });
});

describe("rule scope", () => {
  const empty = { connectionIds: [], datasetIds: [], tags: [] };
  it("an empty scope covers everything; otherwise any of connection, dataset or tag", () => {
    expect(inScope(empty, {})).toBe(true);
    expect(inScope({ ...empty, connectionIds: ["c1"] }, { connectionId: "c1" })).toBe(true);
    expect(inScope({ ...empty, connectionIds: ["c1"] }, { connectionId: "c2" })).toBe(false);
    expect(inScope({ ...empty, datasetIds: ["d1"] }, { datasetIds: ["d0", "d1"] })).toBe(true);
    expect(inScope({ ...empty, tags: ["pii"] }, { tags: ["gold"] })).toBe(false);
    expect(inScope({ ...empty, tags: ["pii"] }, {})).toBe(false);
  });
});
