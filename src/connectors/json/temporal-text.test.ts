// temporal-text: ISO dates and timestamps as APIs write them → Weir's wire text and back.
import { describe, expect, it } from "vitest";

import { formatIsoUtc, formatWireTimestamptz, isIsoDate, parseDateOrTimestamp, parseIsoTimestamp } from "@/connectors/json/temporal-text";

const wire = (text: string) => {
  const micros = parseIsoTimestamp(text);
  return micros === null ? null : formatWireTimestamptz(micros);
};

describe("isIsoDate", () => {
  it("accepts real calendar days only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("0001-01-01")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(isIsoDate("20240101")).toBe(false);
  });
});

describe("parseIsoTimestamp / formatWireTimestamptz", () => {
  it("normalises offsets, Z and missing offsets (UTC) to wire text in UTC", () => {
    expect(wire("2024-05-01T10:00:00Z")).toBe("2024-05-01 10:00:00+00");
    expect(wire("2024-05-01T12:30:00+02:00")).toBe("2024-05-01 10:30:00+00");
    expect(wire("2024-05-01T00:30:00-0130")).toBe("2024-05-01 02:00:00+00");
    expect(wire("2024-05-01 10:00:00")).toBe("2024-05-01 10:00:00+00");
    expect(wire("2024-05-01T10:00Z")).toBe("2024-05-01 10:00:00+00");
    expect(wire("2024-01-01T00:30:00+01:00")).toBe("2023-12-31 23:30:00+00");
  });

  it("keeps microseconds, drops trailing zeros and cuts nanoseconds", () => {
    expect(wire("2024-05-01T10:00:00.250Z")).toBe("2024-05-01 10:00:00.25+00");
    expect(wire("2024-05-01T10:00:00.123456789Z")).toBe("2024-05-01 10:00:00.123456+00");
    expect(wire("2024-05-01T10:00:00.000Z")).toBe("2024-05-01 10:00:00+00");
  });

  it("handles dates before 1970 and early years", () => {
    expect(wire("1965-03-04T05:06:07.89Z")).toBe("1965-03-04 05:06:07.89+00");
    expect(wire("0099-12-31T23:59:59Z")).toBe("0099-12-31 23:59:59+00");
  });

  it("refuses text that is not a timestamp", () => {
    for (const text of ["2024-05-01", "2024-05-01T25:00:00Z", "2024-02-30T00:00:00Z", "yesterday", "2024-05-01T10:00:00+2", "1714557600"]) {
      expect(parseIsoTimestamp(text), text).toBeNull();
    }
  });

  it("reads the spellings warehouses give back for a saved cursor", () => {
    const expected = parseIsoTimestamp("2024-05-01T10:00:09.5Z");
    expect(parseDateOrTimestamp("2024-05-01 10:00:09.5+00")).toBe(expected);
    expect(parseDateOrTimestamp("2024-05-01 10:00:09.500000+00:00")).toBe(expected);
    expect(parseDateOrTimestamp("2024-05-01")).toBe(parseIsoTimestamp("2024-05-01T00:00:00Z"));
  });

  it("formats ISO 8601 UTC for query parameters", () => {
    expect(formatIsoUtc(parseIsoTimestamp("2024-05-01 10:00:09.5+00") as bigint)).toBe("2024-05-01T10:00:09.5Z");
  });
});
