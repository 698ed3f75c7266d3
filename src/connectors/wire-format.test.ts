// encodeValue / encodeWireRows: JavaScript values → wire text, at the edges of each type.
import { describe, expect, it } from "vitest";

import type { TWeirType } from "@/connectors/types";
import { encodeValue, encodeWireRows } from "@/connectors/wire-format";

const arr = (items: TWeirType): TWeirType => ({ kind: "array", items });

describe("encodeValue", () => {
  it("writes dates before year 1 as PostgreSQL does, with BC after the value", () => {
    const bc44 = new Date(Date.UTC(2000, 2, 15, 10, 0, 0));
    bc44.setUTCFullYear(-43); // 44 BC in astronomical numbering
    expect(encodeValue(bc44, { kind: "date" })).toBe("0044-03-15 BC");
    expect(encodeValue(bc44, { kind: "timestamp" })).toBe("0044-03-15 10:00:00 BC");
    expect(encodeValue(bc44, { kind: "timestamptz" })).toBe("0044-03-15 10:00:00+00 BC");
    const year1 = new Date(Date.UTC(2000, 0, 1));
    year1.setUTCFullYear(1);
    expect(encodeValue(year1, { kind: "date" })).toBe("0001-01-01");
    year1.setUTCFullYear(0);
    expect(encodeValue(year1, { kind: "date" })).toBe("0001-01-01 BC");
  });

  it("keeps every digit of bigints inside arrays, at any depth", () => {
    expect(encodeValue(["9223372036854775807", -9007199254740993n, null, 7], arr({ kind: "bigint" }))).toBe("[9223372036854775807,-9007199254740993,null,7]");
    expect(
      encodeValue(
        [
          [1n, 2n],
          [3n, null],
        ],
        arr(arr({ kind: "bigint" })),
      ),
    ).toBe("[[1,2],[3,null]]");
    expect(() => encodeValue([1.5], arr({ kind: "bigint" }))).toThrow(/whole number/);
  });

  it("writes NaN and infinities inside float arrays as strings, never as null", () => {
    expect(encodeValue([0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, 1e-7], arr({ kind: "float" }))).toBe(
      '[0.1,"NaN","Infinity","-Infinity",null,1e-7]',
    );
  });

  it("writes other element types as JSON strings of their wire text", () => {
    expect(encodeValue([new Date("2024-05-01T10:00:00.5Z"), null], arr({ kind: "timestamptz" }))).toBe('["2024-05-01 10:00:00.5+00",null]');
    expect(encodeValue(['q"uote', "a,b"], arr({ kind: "text" }))).toBe('["q\\"uote","a,b"]');
    expect(encodeValue([true, false, null], arr({ kind: "boolean" }))).toBe("[true,false,null]");
    expect(encodeValue(["1.50", "NaN"], arr({ kind: "numeric" }))).toBe('["1.50","NaN"]');
  });

  it("quotes the CSV field of an array only when it needs it", () => {
    expect(encodeWireRows([{ name: "a", type: arr({ kind: "integer" }), nullable: true }], [[[1, 2]], [null], [[]]]).toString()).toBe('"[1,2]"\n\n[]\n');
  });
});
