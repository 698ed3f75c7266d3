import { describe, expect, it } from "vitest";

import { castFromWire, snowflakeType, tryCastFromWire } from "@/connectors/snowflake/type-mapping";
import { floatText, jsonValue, timestampText, utcText } from "@/connectors/snowflake/snowflake-values";

describe("Snowflake types", () => {
  it("maps every Weir type", () => {
    expect(
      (
        [
          { kind: "boolean" },
          { kind: "integer" },
          { kind: "bigint" },
          { kind: "float" },
          { kind: "numeric", precision: 12, scale: 2 },
          { kind: "numeric" },
          { kind: "numeric", precision: 60, scale: 4 },
          { kind: "text" },
          { kind: "uuid" },
          { kind: "date" },
          { kind: "timestamp" },
          { kind: "timestamptz" },
          { kind: "json" },
          { kind: "bytes" },
          { kind: "array", items: { kind: "integer" } },
        ] as const
      ).map((t) => snowflakeType(t)),
    ).toEqual(["BOOLEAN", "NUMBER(10,0)", "NUMBER(19,0)", "FLOAT", "NUMBER(12,2)", "NUMBER(38,9)", "NUMBER(38,9)", "VARCHAR", "VARCHAR(36)", "DATE", "TIMESTAMP_NTZ(6)", "TIMESTAMP_TZ(6)", "VARIANT", "BINARY", "VARIANT"]);
  });

  it("converts wire text set-based: ISO offsets for timestamptz, Snowflake's infinities, JSON and base64", () => {
    expect(castFromWire("x", { kind: "timestamptz" })).toBe("CAST(CASE WHEN x LIKE '%+00' THEN REPLACE(x, ' ', 'T') || ':00' ELSE x END AS TIMESTAMP_TZ(6))");
    expect(castFromWire("x", { kind: "float" })).toBe("CAST(CASE x WHEN 'Infinity' THEN 'inf' WHEN '-Infinity' THEN '-inf' ELSE x END AS FLOAT)");
    expect(castFromWire("x", { kind: "json" })).toBe("PARSE_JSON(x)");
    expect(castFromWire("x", { kind: "bytes" })).toBe("TO_BINARY(x, 'BASE64')");
    expect(castFromWire("x", { kind: "text" })).toBe("x");
    expect(tryCastFromWire("x", { kind: "integer" })).toBe("TRY_CAST(x AS NUMBER(10,0))");
    expect(tryCastFromWire("x", { kind: "array", items: { kind: "text" } })).toBe("TRY_PARSE_JSON(x)");
  });
});

describe("Snowflake values", () => {
  it("spells timestamps as the wire format does, in UTC, before 1970 too", () => {
    expect(utcText(1_704_164_645, 123_456_000)).toBe("2024-01-02 03:04:05.123456");
    expect(utcText(Date.UTC(1965, 0, 1, 3, 6, 7) / 1000, 110_000_000)).toBe("1965-01-01 03:06:07.11");
    const sf = Object.assign(new Date(0), { getEpochSeconds: () => 86_400, getNanoSeconds: () => 0 });
    expect(timestampText(sf, "timestamp_tz")).toBe("1970-01-02 00:00:00+00");
    expect(timestampText(sf, "timestamp_ntz")).toBe("1970-01-02 00:00:00");
    expect(timestampText(sf, "date")).toBe("1970-01-02");
  });

  it("gives numbers that fit as numbers, others as exact text", () => {
    expect(jsonValue("42", { name: "n", type: "fixed", scale: 0 })).toBe(42);
    expect(jsonValue("9223372036854775807", { name: "n", type: "fixed", scale: 0 })).toBe("9223372036854775807");
    expect(jsonValue("12.50", { name: "n", type: "fixed", scale: 2 })).toBe("12.50");
    expect(jsonValue("-inf", { name: "f", type: "real", scale: 0 })).toBe(Number.NEGATIVE_INFINITY);
    expect(jsonValue(Buffer.from("hi"), { name: "b", type: "binary", scale: 0 })).toBe("aGk=");
    expect(floatText("inf")).toBe("Infinity");
  });
});
