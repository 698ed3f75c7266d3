// parseJson / stringifyJson / jsonNumberText: numbers JSON.parse would round are kept, and only texts holding them pay for it.
import { describe, expect, it } from "vitest";

import { benchMessage } from "@/bench/stream-messages";
import { LosslessNumber, isLosslessNumber, jsonNumberText, parseJson, stringifyJson } from "@/connectors/json/exact-json";

describe("parseJson", () => {
  it("keeps integers beyond 2^53, long decimals and far exponents as their text", () => {
    const { value, exact } = parseJson('{"a": 9007199254740993, "b": [0.12345678901234567890123, -1e400, 4.9e-324], "c": 1.5, "d": "9007199254740993"}');
    expect(exact).toBe(true);
    const v = value as { a: unknown; b: unknown[]; c: unknown; d: unknown };
    expect(jsonNumberText(v.a)).toBe("9007199254740993");
    expect(v.b.map(jsonNumberText)).toEqual(["0.12345678901234567890123", "-1e400", "4.9e-324"]);
    // Numbers a double keeps stay plain numbers, strings stay strings.
    expect(v.c).toBe(1.5);
    expect(v.d).toBe("9007199254740993");
    expect(stringifyJson(value, true)).toBe('{"a":9007199254740993,"b":[0.12345678901234567890123,-1e400,4.9e-324],"c":1.5,"d":"9007199254740993"}');
  });

  it("takes the plain JSON.parse path when no number needs it, however long the strings", () => {
    const text = '{"id": 123456789012345, "e": 1e21, "s": "call 0123456789012345678 or a3e123f", "n": [1e-7, 5e-24]}';
    const { value, exact } = parseJson(text);
    expect(exact).toBe(false);
    expect(value).toEqual(JSON.parse(text));
  });

  it("keeps long numbers a double holds (0.30000000000000004, 1234567890123456) on the fast path, and plain on the exact one", () => {
    expect(parseJson('{"x": 0.30000000000000004, "y": [1234567890123456, 5e-324]}')).toEqual({
      value: { x: 0.30000000000000004, y: [1234567890123456, 5e-324] },
      exact: false,
    });
    const { value, exact } = parseJson('{"a":[1,1234567890123456,12345678901234567890],"b":"x"}');
    expect(exact).toBe(true);
    const a = (value as { a: unknown[] }).a;
    expect(a.slice(0, 2)).toEqual([1, 1234567890123456]);
    expect(isLosslessNumber(a[2])).toBe(true);
  });

  it("keeps JSON.parse's rules: the last duplicate key wins, __proto__ is a plain key, bad text throws", () => {
    const { value } = parseJson('{"k": 1, "k": 12345678901234567890, "__proto__": {"x": 1}}');
    expect(jsonNumberText((value as { k: unknown }).k)).toBe("12345678901234567890");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value as object, "__proto__")).toBe(true);
    expect(() => parseJson('{"a": 12345678901234567890,')).toThrow();
    expect(() => parseJson("{'a': 1}")).toThrow();
  });

  it("parses every message of the Kafka benchmark on the fast path", () => {
    for (let seq = 0; seq < 20_000; seq++) expect(parseJson(benchMessage(seq, 1_764_000_000_000 + seq).value).exact).toBe(false);
  });
});

describe("stringifyJson / jsonNumberText", () => {
  it("writes plain values as JSON.stringify does, and LosslessNumbers as their text", () => {
    expect(stringifyJson({ a: [1, "b", null] }, false)).toBe('{"a":[1,"b",null]}');
    expect(stringifyJson({ a: new LosslessNumber("1e400") }, true)).toBe('{"a":1e400}');
    expect(stringifyJson(new LosslessNumber("18446744073709551616"), true)).toBe("18446744073709551616");
    expect(jsonNumberText(2.5)).toBe("2.5");
    expect(jsonNumberText("2.5")).toBeNull();
  });
});
