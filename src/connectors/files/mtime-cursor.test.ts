// formatMtime and parseMtimeCursor: the incremental cursor's wire text and the spellings read back.
import { describe, expect, it } from "vitest";

import { formatMtime, parseMtimeCursor } from "@/connectors/files/mtime-cursor";

const micros = (iso: string, extraMicros = 0) => BigInt(Date.parse(iso)) * 1000n + BigInt(extraMicros);

describe("formatMtime", () => {
  it("writes UTC with up to six fractional digits, no trailing zeros", () => {
    expect(formatMtime(micros("2024-05-01T00:00:00Z"))).toBe("2024-05-01 00:00:00+00");
    expect(formatMtime(micros("2024-05-01T10:20:30.250Z", 7))).toBe("2024-05-01 10:20:30.250007+00");
    expect(formatMtime(micros("1969-12-31T23:59:59.999Z", 500))).toBe("1969-12-31 23:59:59.9995+00");
    expect(formatMtime(micros("2024-05-01T00:00:00.5Z"))).toBe("2024-05-01 00:00:00.5+00");
  });
});

describe("parseMtimeCursor", () => {
  it("reads back what formatMtime writes", () => {
    for (const m of [micros("2024-05-01T00:00:00Z"), micros("2024-05-01T10:20:30.250Z", 7), micros("1999-12-31T23:59:59.999Z", 999)]) {
      expect(parseMtimeCursor(formatMtime(m))).toBe(m);
    }
  });

  it("accepts the spellings warehouses give back", () => {
    const expected = micros("2024-05-01T10:20:30.5Z");
    for (const text of [
      "2024-05-01 10:20:30.5+00",
      "2024-05-01T10:20:30.500000Z",
      "2024-05-01 10:20:30.5+00:00",
      "2024-05-01 12:20:30.5+02",
      "2024-05-01 05:50:30.500000000-04:30",
      "2024-05-01 10:20:30.5",
    ]) {
      expect(parseMtimeCursor(text)).toBe(expected);
    }
  });

  it("refuses a cursor that is not a timestamp", () => {
    expect(() => parseMtimeCursor("42")).toThrow(/not a timestamp/);
  });
});
