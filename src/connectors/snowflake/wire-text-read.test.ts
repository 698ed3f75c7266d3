import { describe, expect, it } from "vitest";

import { respellJson, respellWireText, wireTextSql } from "@/connectors/snowflake/wire-text-read";

describe("reading stored values back as wire text", () => {
  it("writes SQL per type: booleans NULL-safe, timestamps in UTC without trailing zeros, times through a timestamp, JSON and base64", () => {
    expect(wireTextSql("c", { kind: "boolean" })).toBe("CASE WHEN c THEN 'true' WHEN NOT c THEN 'false' END");
    expect(wireTextSql("c", { kind: "timestamptz" })).toBe(
      `REGEXP_REPLACE(TO_VARCHAR(CONVERT_TIMEZONE('UTC', c), 'YYYY-MM-DD HH24:MI:SS.FF6'), '[.]0+$|([.][0-9]*[1-9])0+$', '\\\\1') || '+00'`,
    );
    expect(wireTextSql("c", { kind: "time" })).toMatch(
      /^SUBSTR\(REGEXP_REPLACE\(TO_VARCHAR\(DATEADD\(microsecond, DATEDIFF\(microsecond, CAST\('00:00:00' AS TIME\), c\)/,
    );
    expect(wireTextSql("c", { kind: "array", items: { kind: "bigint" } })).toBe("TO_JSON(c)");
    expect(wireTextSql("c", { kind: "bytes" })).toBe("BASE64_ENCODE(c)");
    expect(wireTextSql("c", { kind: "interval" })).toBe("c");
  });

  it("respells floats and exponent numbers in JSON as JavaScript does, keeping every other digit", () => {
    expect(respellWireText("1e-07", { kind: "float" })).toBe("1e-7");
    expect(respellWireText("-0.0", { kind: "float" })).toBe("0");
    expect(respellWireText("Infinity", { kind: "float" })).toBe("Infinity");
    expect(respellJson('[1.7976931348623157e308, 9223372036854775807, "NaN", null, 0.1000000000000000055511151231257827, 1e400]')).toBe(
      '[1.7976931348623157e+308,9223372036854775807,"NaN",null,0.1000000000000000055511151231257827,1e400]',
    );
    expect(respellJson('{"s": "a \\u00e9 \\"q\\" 1e5", "t": [true, false]}')).toBe('{"s":"a é \\"q\\" 1e5","t":[true,false]}');
    expect(respellWireText(null, { kind: "json" })).toBeNull();
    expect(respellWireText("2024-01-01", { kind: "date" })).toBe("2024-01-01");
  });
});
