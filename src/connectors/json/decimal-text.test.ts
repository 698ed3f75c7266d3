// plainDecimal: JSON number text → numeric wire text in plain notation, digit for digit.
import { describe, expect, it } from "vitest";

import { plainDecimal } from "@/connectors/json/decimal-text";

describe("plainDecimal", () => {
  it("moves the point instead of rounding", () => {
    expect(plainDecimal("1.5e3")).toBe("1500");
    expect(plainDecimal("1.50e1")).toBe("15.0");
    expect(plainDecimal("-2e-7")).toBe("-0.0000002");
    expect(plainDecimal("123456789012345678901234567890e-10")).toBe("12345678901234567890.1234567890");
    expect(plainDecimal("1E+21")).toBe("1000000000000000000000");
    expect(plainDecimal("0.000e5")).toBe("0");
    expect(plainDecimal("-0e5")).toBe("0");
  });

  it("passes plain text through", () => {
    expect(plainDecimal("12345678901234567890.123456789")).toBe("12345678901234567890.123456789");
    expect(plainDecimal("-0.5")).toBe("-0.5");
  });

  it("refuses what is not a JSON number or lies beyond numeric's digits", () => {
    expect(plainDecimal("1e131073")).toBeNull();
    expect(plainDecimal("1e-16384")).toBeNull();
    expect(plainDecimal("1e1000000000")).toBeNull();
    expect(plainDecimal("NaN")).toBeNull();
    expect(plainDecimal("1.")).toBeNull();
    expect(plainDecimal("1e131071")).toHaveLength(131_072);
  });
});
