import { describe, expect, it } from "vitest";
import { formatCount, formatExactRows, formatRange, formatRelative, formatSearchSummary, formatSize } from "@/components/catalog/format";

describe("formatCount", () => {
  it("prints small counts as they are", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(950)).toBe("950");
    expect(formatCount(9_870)).toBe("9,870");
  });

  it("abbreviates thousands, millions and billions", () => {
    expect(formatCount(12_345)).toBe("12.3 K");
    expect(formatCount(123_456)).toBe("123 K");
    expect(formatCount(1_234_567)).toBe("1.2 M");
    expect(formatCount(4_000_000_000)).toBe("4 B");
  });

  it("rounds up into the next unit instead of printing 1000 K", () => {
    expect(formatCount(999_999)).toBe("1 M");
    expect(formatCount(999_499)).toBe("999 K");
  });

  it("says a count is unknown", () => {
    expect(formatCount(null)).toBe("—");
    expect(formatCount(undefined)).toBe("—");
  });

  it("gives the exact count for a title", () => {
    expect(formatExactRows(1_234_567)).toBe("1,234,567 rows");
    expect(formatExactRows(1)).toBe("1 row");
    expect(formatExactRows(null)).toBe("Row count unknown");
  });
});

describe("formatSize", () => {
  it("prints bytes for people", () => {
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatSize(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  const ago = (s: number) => new Date(now - s * 1000);

  it("reads recent times relative to now", () => {
    expect(formatRelative(ago(10), now)).toBe("just now");
    expect(formatRelative(ago(5 * 60), now)).toBe("5 min ago");
    expect(formatRelative(ago(3 * 3600), now)).toBe("3 h ago");
    expect(formatRelative(ago(30 * 3600), now)).toBe("yesterday");
    expect(formatRelative(ago(5 * 86_400), now)).toBe("5 days ago");
  });

  it("falls back to the date after a month, and a dash without one", () => {
    expect(formatRelative(new Date("2026-03-12T08:00:00Z"), now)).toBe("12 Mar 2026");
    expect(formatRelative(null, now)).toBe("—");
  });

  it("treats a time slightly in the future (clock skew) as just now", () => {
    expect(formatRelative(new Date(now + 5000), now)).toBe("just now");
  });
});

describe("search summary", () => {
  it("counts datasets and time", () => {
    expect(formatSearchSummary(1234, 12.4)).toBe("1,234 datasets · 12 ms");
    expect(formatSearchSummary(1, 3)).toBe("1 dataset · 3 ms");
  });

  it("says which results a page shows", () => {
    expect(formatRange(25, 25, 1234)).toBe("Showing 26–50 of 1,234");
    expect(formatRange(0, 0, 0)).toBe("None of 0");
  });
});
