// canonicalTime / parseIsoInterval / formatIsoInterval: times and ISO 8601 durations → their wire text, as PostgreSQL writes them.
import { describe, expect, it } from "vitest";

import { canonicalInterval, canonicalTime, formatIsoInterval, parseIsoInterval } from "@/connectors/json/clock-text";

describe("canonicalTime", () => {
  it("writes HH:MM:SS with up to six fractional digits, 24:00:00 included", () => {
    expect(canonicalTime("04:05")).toBe("04:05:00");
    expect(canonicalTime("04:05:06.500")).toBe("04:05:06.5");
    expect(canonicalTime("23:59:59.1234569")).toBe("23:59:59.123456");
    expect(canonicalTime("24:00:00")).toBe("24:00:00");
  });

  it("refuses what is not a time of day", () => {
    for (const text of ["24:00:01", "12:60:00", "7:00", "12:00:00Z", "noon"]) expect(canonicalTime(text), text).toBeNull();
  });
});

describe("intervals", () => {
  it("writes PostgreSQL's iso_8601 style: months into years, the time part normalised, days kept", () => {
    expect(canonicalInterval("P1Y2M3DT4H5M6.5S")).toBe("P1Y2M3DT4H5M6.5S");
    expect(canonicalInterval("P14M40D")).toBe("P1Y2M40D");
    expect(canonicalInterval("PT90M")).toBe("PT1H30M");
    expect(canonicalInterval("P2W")).toBe("P14D");
    expect(canonicalInterval("PT100H")).toBe("PT100H");
    expect(canonicalInterval("PT0S")).toBe("PT0S");
    expect(canonicalInterval("P0D")).toBe("PT0S");
  });

  it("signs each part on its own, as PostgreSQL does", () => {
    expect(canonicalInterval("-P1Y2M3DT4H5M6.5S")).toBe("P-1Y-2M-3DT-4H-5M-6.5S");
    expect(canonicalInterval("P-1Y2M")).toBe("P-10M");
    expect(canonicalInterval("PT-0.25S")).toBe("PT-0.25S");
    expect(formatIsoInterval({ months: -26, days: 3, micros: -360_306_500_000n })).toBe("P-2Y-2M3DT-100H-5M-6.5S");
  });

  it("parses into months, days and microseconds", () => {
    expect(parseIsoInterval("P1Y2M3DT4H5M6.000001S")).toEqual({ months: 14, days: 3, micros: 14_706_000_001n });
  });

  it("refuses what is not an ISO 8601 duration", () => {
    for (const text of ["P", "PT", "P1DT", "1 day", "P1.5Y", "PT1.1234567S", "P1H"]) expect(canonicalInterval(text), text).toBeNull();
  });
});
