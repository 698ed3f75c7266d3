import { describe, expect, it } from "vitest";

import { describeSnowflakeType } from "@/connectors/snowflake/describe-type";
import { floatText, jsonValue, timestampText, utcText } from "@/connectors/snowflake/snowflake-values";
import { REFUSED, canRefuse, castFromWire, snowflakeType, tryCastFromWire } from "@/connectors/snowflake/type-mapping";
import type { TWeirType } from "@/connectors/types";

const EVERY_TYPE: TWeirType[] = [
  { kind: "boolean" },
  { kind: "integer" },
  { kind: "bigint" },
  { kind: "float" },
  { kind: "numeric", precision: 12, scale: 2 },
  { kind: "numeric" },
  { kind: "numeric", precision: 60, scale: 4 },
  { kind: "numeric", precision: 5, scale: 7 },
  { kind: "text" },
  { kind: "uuid" },
  { kind: "date" },
  { kind: "timestamp" },
  { kind: "timestamptz" },
  { kind: "time" },
  { kind: "interval" },
  { kind: "json" },
  { kind: "bytes" },
  { kind: "array", items: { kind: "array", items: { kind: "integer" } } },
];

describe("Snowflake types", () => {
  it("maps every Weir type; numerics NUMBER cannot hold exactly are text", () => {
    expect(EVERY_TYPE.map(snowflakeType)).toEqual([
      "BOOLEAN",
      "NUMBER(10,0)",
      "NUMBER(19,0)",
      "FLOAT",
      "NUMBER(12,2)",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR(36)",
      "DATE",
      "TIMESTAMP_NTZ(6)",
      "TIMESTAMP_TZ(6)",
      "TIME(6)",
      "VARCHAR",
      "VARIANT",
      "BINARY",
      "VARIANT",
    ]);
  });

  it("describes every type: its column, the rule of a conversion, the classes refused", () => {
    for (const type of EVERY_TYPE) expect(describeSnowflakeType(type).type, type.kind).toBe(snowflakeType(type));
    expect(describeSnowflakeType({ kind: "numeric" }).conversion).toMatch(/exact decimal text/);
    expect(describeSnowflakeType({ kind: "numeric", precision: 12, scale: 2 })).toEqual({ type: "NUMBER(12,2)", refuses: [expect.stringMatching(/NaN/)] });
    expect(describeSnowflakeType({ kind: "bigint" })).toEqual({ type: "NUMBER(19,0)" });
    expect(describeSnowflakeType({ kind: "interval" }).conversion).toMatch(/ISO 8601/);
    expect(describeSnowflakeType({ kind: "json" }).conversion).toMatch(/order of object keys/);
    expect(describeSnowflakeType({ kind: "array", items: { kind: "float" } }).conversion).toMatch(/"NaN"/);
    expect(describeSnowflakeType({ kind: "date" }).refuses?.[0]).toMatch(/years 1–9999/);
    expect(describeSnowflakeType({ kind: "time" }).refuses?.[0]).toMatch(/24:00:00/);
    expect(describeSnowflakeType({ kind: "text" }).conversion).toBeUndefined();
  });

  it("converts wire text set-based: ISO offsets for timestamptz, Snowflake's infinities, JSON and base64, text as it is", () => {
    expect(castFromWire("x", { kind: "float" })).toBe("CAST(CASE x WHEN 'Infinity' THEN 'inf' WHEN '-Infinity' THEN '-inf' ELSE x END AS FLOAT)");
    expect(castFromWire("x", { kind: "timestamptz" })).toContain("WHEN x LIKE '%+00' THEN REPLACE(x, ' ', 'T') || ':00' ELSE x END AS TIMESTAMP_TZ(6))");
    expect(castFromWire("x", { kind: "json" })).toBe("PARSE_JSON(x)");
    expect(castFromWire("x", { kind: "bytes" })).toBe("TO_BINARY(x, 'BASE64')");
    expect(castFromWire("x", { kind: "text" })).toBe("x");
    expect(castFromWire("x", { kind: "numeric" })).toBe("x");
    expect(tryCastFromWire("x", { kind: "array", items: { kind: "text" } })).toBe("TRY_PARSE_JSON(x)");
  });

  it("refuses by Weir's rule what Snowflake would change: years outside 1–9999, BC, infinity, 24:00:00, digits past the scale", () => {
    const refusal = `THEN ${REFUSED}`;
    expect(castFromWire("x", { kind: "date" })).toBe(`CAST(CASE WHEN (SUBSTR(x, 5, 1) <> '-' OR x LIKE '% BC') ${refusal} ELSE x END AS DATE)`);
    expect(castFromWire("x", { kind: "timestamp" })).toContain(`(SUBSTR(x, 5, 1) <> '-' OR x LIKE '% BC') ${refusal}`);
    expect(castFromWire("x", { kind: "timestamptz" })).toContain(`(SUBSTR(x, 5, 1) <> '-' OR x LIKE '% BC') ${refusal}`);
    expect(castFromWire("x", { kind: "time" })).toBe(`CAST(CASE WHEN LEFT(x, 2) = '24' ${refusal} ELSE x END AS TIME(6))`);
    expect(castFromWire("x", { kind: "numeric", precision: 12, scale: 2 })).toBe(
      `CAST(CASE WHEN LENGTH(RTRIM(SPLIT_PART(x, '.', 2), '0')) > 2 ${refusal} ELSE x END AS NUMBER(12,2))`,
    );
    expect(tryCastFromWire("x", { kind: "integer" })).toBe(
      `TRY_CAST(CASE WHEN LENGTH(RTRIM(SPLIT_PART(x, '.', 2), '0')) > 0 ${refusal} ELSE x END AS NUMBER(10,0))`,
    );
    // A float's text kept as NUMBER may have an exponent: the mantissa's last non-zero digit after the point, less the exponent, counts.
    const kept = castFromWire("x", { kind: "numeric", precision: 12, scale: 2 }, { kind: "float" });
    expect(kept).toMatch(
      /^CAST\(CASE WHEN IFF\(CONTAINS\(x, 'e'\) OR CONTAINS\(x, 'E'\), .*, LENGTH\(RTRIM\(SPLIT_PART\(x, '\.', 2\), '0'\)\) > 2\) THEN .* ELSE x END AS NUMBER\(12,2\)\)$/,
    );
    expect(kept).toContain(`- TRY_CAST(SPLIT_PART(LOWER(x), 'e', 2) AS INTEGER) > 2)`);
    // The TRY_ form of a timestamp checks as TIMESTAMP_TZ (same texts; see type-mapping.ts).
    expect(tryCastFromWire("x", { kind: "timestamp" })).toMatch(/^TRY_CAST\(.* AS TIMESTAMP_TZ\(6\)\)$/);
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

describe("columns kept at a type the source no longer sends (castFrom)", () => {
  const refused = (type: TWeirType, from: TWeirType) => castFromWire("x", type, from);

  it("checks the source's texts against the kept type, and only for such columns", () => {
    expect(castFromWire("x", { kind: "integer" })).not.toContain("BETWEEN");
    expect(refused({ kind: "integer" }, { kind: "bigint" })).toContain("NOT (TRY_CAST(x AS NUMBER(38,0)) BETWEEN -2147483648 AND 2147483647)");
    expect(refused({ kind: "bigint" }, { kind: "numeric" })).toContain("BETWEEN -9223372036854775808 AND 9223372036854775807");
    expect(refused({ kind: "float" }, { kind: "bigint" })).toContain("> 15)");
    expect(refused({ kind: "float" }, { kind: "float" })).toBe(castFromWire("x", { kind: "float" }));
    expect(refused({ kind: "date" }, { kind: "timestamp" })).toContain("SUBSTR(x, 11) NOT IN (' 00:00:00', ' 00:00:00+00')");
    expect(refused({ kind: "date" }, { kind: "timestamp" })).toContain("ELSE LEFT(x, 10) END AS DATE)");
    expect(refused({ kind: "bytes" }, { kind: "text" })).toBe(`TO_BINARY(CASE WHEN x IS NOT NULL THEN ${REFUSED} ELSE x END, 'BASE64')`);
    expect(refused({ kind: "text" }, { kind: "integer" })).toBe("x");
  });

  it("refuses texts a VARCHAR column of another type would keep as they are, by failing a conversion of them", () => {
    const numericText = refused({ kind: "numeric" }, { kind: "text" });
    expect(numericText).toMatch(/^IFF\(NOT \(REGEXP_LIKE\(x, .*\), TO_VARCHAR\(TO_NUMBER\('Weir refuses this value in Snowflake' \|\| x\)\), x\)$/);
    expect(tryCastFromWire("x", { kind: "uuid" }, { kind: "text" })).toMatch(/^IFF\(NOT REGEXP_LIKE\(x, .*\), NULL, x\)$/);
    expect(canRefuse({ kind: "text" }, { kind: "integer" })).toBe(false);
    expect(canRefuse({ kind: "interval" }, { kind: "text" })).toBe(true);
  });
});
