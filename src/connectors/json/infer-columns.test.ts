// inferColumns: JSON records → Weir columns (types, nullability, order).
import { describe, expect, it } from "vitest";

import { parseJson } from "@/connectors/json/exact-json";
import { inferColumns } from "@/connectors/json/infer-columns";
import type { TWeirType } from "@/connectors/types";

const typesOf = (records: Record<string, unknown>[]) => Object.fromEntries(inferColumns(records).map((c) => [c.name, c.type]));
const nullableOf = (records: Record<string, unknown>[]) => Object.fromEntries(inferColumns(records).map((c) => [c.name, c.nullable]));
const t = (kind: Exclude<TWeirType["kind"], "array" | "numeric">): TWeirType => ({ kind }) as TWeirType;

describe("inferColumns", () => {
  it("maps JSON scalars: booleans, int32, int64, floats, text", () => {
    const types = typesOf([
      { b: true, i: 1, big: 2 ** 31, f: 1, s: "x", neg: -(2 ** 31) },
      { b: false, i: -5, big: 1, f: 1.5, s: "y", neg: 0 },
    ]);
    expect(types).toEqual({ b: t("boolean"), i: t("integer"), big: t("bigint"), f: t("float"), s: t("text"), neg: t("integer") });
  });

  it("keeps integers beyond 64 bits as floats", () => {
    expect(typesOf([{ n: 1e20 }])).toEqual({ n: t("float") });
  });

  it("makes numbers a double cannot keep bigint when they are 64-bit integers, else numeric", () => {
    const { value } = parseJson(
      '[{"id": 9223372036854775807, "huge": 18446744073709551616, "dec": 0.12345678901234567890, "mix": 1.5, "arr": [9007199254740993]}, {"id": 1, "huge": 2, "dec": 1, "mix": 9007199254740993, "arr": [2]}]',
    );
    expect(typesOf(value as Record<string, unknown>[])).toEqual({
      id: t("bigint"),
      huge: { kind: "numeric" },
      dec: { kind: "numeric" },
      mix: { kind: "numeric" },
      arr: { kind: "array", items: t("bigint") },
    });
    expect(inferColumns(value as Record<string, unknown>[])[0]?.sourceType).toBe("json number");
  });

  it("recognises dates and timestamps only when every sample parses", () => {
    const types = typesOf([
      { d: "2024-01-02", ts: "2024-01-02T03:04:05Z", mixed: "2024-01-02", notes: "2024-01-02" },
      { d: "2024-02-29", ts: "2024-01-02 03:04:05.123+02:00", mixed: "2024-01-03T00:00:00Z", notes: "soon" },
    ]);
    expect(types).toEqual({ d: t("date"), ts: t("timestamptz"), mixed: t("timestamptz"), notes: t("text") });
  });

  it("makes objects and mixed types json", () => {
    expect(
      typesOf([
        { o: { a: 1 }, m: 1 },
        { o: { b: [2] }, m: "one" },
      ]),
    ).toEqual({ o: t("json"), m: t("json") });
  });

  it("types arrays of one scalar kind, and makes other arrays json", () => {
    const types = typesOf([
      { ints: [1, null, 3], words: ["a"], when: ["2024-01-01"], objs: [{ a: 1 }], mixed: [1, "a"], nested: [[1]], empty: [] },
      { ints: [], words: ["b", "c"], when: [], objs: [], mixed: [], nested: [], empty: [] },
    ]);
    expect(types).toEqual({
      ints: { kind: "array", items: t("integer") },
      words: { kind: "array", items: t("text") },
      when: { kind: "array", items: t("date") },
      objs: t("json"),
      mixed: t("json"),
      nested: t("json"),
      empty: t("json"),
    });
  });

  it("marks a column nullable when a sample lacks it or holds null; an always-null one is text", () => {
    const records = [
      { a: 1, b: null, c: "x" },
      { a: 2, c: "y" },
      { a: 3, c: "z", late: true },
    ];
    expect(nullableOf(records)).toEqual({ a: false, b: true, c: false, late: true });
    expect(typesOf(records).b).toEqual(t("text"));
  });

  it("orders columns by first appearance and names the JSON types seen", () => {
    const columns = inferColumns([
      { z: 1, a: "x" },
      { m: [true], z: "2" },
    ]);
    expect(columns.map((c) => [c.name, c.sourceType])).toEqual([
      ["z", "json number | string"],
      ["a", "json string"],
      ["m", "json array"],
    ]);
  });
});
