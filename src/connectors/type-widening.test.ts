// isWidening: which stored column types a destination converts by itself when the source's type changes.
import { describe, expect, it } from "vitest";

import { isWidening, weirTypeName } from "@/connectors/type-widening";
import type { TWeirType } from "@/connectors/types";

const int: TWeirType = { kind: "integer" };
const big: TWeirType = { kind: "bigint" };
const text: TWeirType = { kind: "text" };
const num = (precision?: number, scale?: number): TWeirType => ({ kind: "numeric", precision, scale });
const arr = (items: TWeirType): TWeirType => ({ kind: "array", items });

describe("isWidening", () => {
  it("applies the changes that keep every old value exactly", () => {
    const widening: [TWeirType, TWeirType][] = [
      [int, int],
      [int, big],
      [int, text],
      [int, { kind: "float" }],
      [int, num(10, 0)],
      [int, num(12, 2)],
      [int, num()],
      [big, num(19, 0)],
      [big, num()],
      [num(10, 2), num(12, 2)],
      [num(10, 2), num(12, 4)],
      [num(10, 2), num()],
      [num(), num()],
      [{ kind: "date" }, { kind: "timestamp" }],
      [{ kind: "date" }, { kind: "timestamptz" }],
      [{ kind: "json" }, text],
      [arr(int), arr(big)],
      [arr(arr(int)), arr(arr(num()))],
      [arr(int), text],
    ];
    for (const [from, to] of widening) expect(isWidening(from, to), `${weirTypeName(from)} → ${weirTypeName(to)}`).toBe(true);
  });

  it("stops at changes that could lose or reinterpret a value", () => {
    const narrowing: [TWeirType, TWeirType][] = [
      [big, int],
      [text, int],
      [big, { kind: "float" }],
      [{ kind: "float" }, num()],
      [int, num(9, 0)],
      [int, num(10, 1)],
      [num(12, 4), num(12, 2)],
      [num(12, 2), num(11, 2)],
      [num(), num(38, 10)],
      [{ kind: "timestamp" }, { kind: "timestamptz" }],
      [{ kind: "timestamptz" }, { kind: "timestamp" }],
      [{ kind: "timestamp" }, { kind: "date" }],
      [text, { kind: "json" }],
      [arr(big), arr(int)],
      [arr(int), int],
      [int, arr(int)],
      [arr(int), arr(arr(int))],
    ];
    for (const [from, to] of narrowing) expect(isWidening(from, to), `${weirTypeName(from)} → ${weirTypeName(to)}`).toBe(false);
  });
});
