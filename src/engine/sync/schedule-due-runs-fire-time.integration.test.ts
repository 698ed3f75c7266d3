import { describe, expect, it } from "vitest";
import { lastFireTime } from "@/engine/sync/schedule-due-runs";

describe("lastFireTime", () => {
  it("is the latest tick at or before now, in UTC", () => {
    expect(lastFireTime("*/5 * * * *", new Date("2024-01-01T10:07:30Z")).toISOString()).toBe("2024-01-01T10:05:00.000Z");
    expect(lastFireTime("*/5 * * * *", new Date("2024-01-01T10:05:00Z")).toISOString()).toBe("2024-01-01T10:05:00.000Z");
    expect(lastFireTime("0 6 * * *", new Date("2024-01-01T05:59:00Z")).toISOString()).toBe("2023-12-31T06:00:00.000Z");
  });
});
