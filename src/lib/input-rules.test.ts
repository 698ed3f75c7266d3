/**
 * The input rules on their own: which text PostgreSQL cannot take, how deep
 * is too deep (found without recursion, at any depth), and that the zod
 * builders name the field and keep ids inside a bigint.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { MAX_JSON_DEPTH, findUnsafeInput, jsonTextDepth, unsafeTextReason, zDateInput, zDigitId, zIdentifier, zJsonValue, zName } from "@/lib/input-rules";

const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe("unsafeTextReason", () => {
  it("refuses NUL and lone surrogates, and takes every well-formed string", () => {
    expect(unsafeTextReason("a\u0000b")).toMatch(/NUL/);
    expect(unsafeTextReason("x\uD800")).toMatch(/surrogate/);
    expect(unsafeTextReason("\uDC00x")).toMatch(/surrogate/);
    expect(unsafeTextReason("\uD800\uD800\uDC00")).toMatch(/surrogate/);
    expect(unsafeTextReason("\uD800\uDC00\uDC00")).toMatch(/surrogate/);
    for (const ok of ["", "plain", "😀 pair", "é\u202e\n\t'\"\\", "\uFFFD"]) expect(unsafeTextReason(ok)).toBeNull();
  });
});

describe("findUnsafeInput", () => {
  it("names the path of the first bad string, key or depth", () => {
    expect(findUnsafeInput({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: ["a", "1", "c"], message: expect.stringMatching(/NUL/) });
    expect(findUnsafeInput({ config: { "k\uDFFF": 1 } })).toEqual({ path: ["config"], message: expect.stringMatching(/key .*surrogate/) });
    expect(findUnsafeInput({ facet: deep(MAX_JSON_DEPTH + 5) })?.message).toMatch(/deeper than 64/);
    expect(findUnsafeInput({ facet: deep(MAX_JSON_DEPTH - 2) })).toBeNull();
    expect(findUnsafeInput(new Date())).toBeNull();
  });

  it("walks 1,000,000 levels without overflowing the stack", () => {
    expect(findUnsafeInput(deep(1_000_000))?.path).toHaveLength(MAX_JSON_DEPTH);
  });
});

describe("jsonTextDepth", () => {
  it("counts nesting, not brackets inside strings", () => {
    expect(jsonTextDepth('{"a":[1,{"b":"[[[{{{\\"]]]"}]}')).toBe(3);
    expect(jsonTextDepth("[".repeat(100_000) + "]".repeat(100_000))).toBe(100_000);
    expect(jsonTextDepth('"just a string"')).toBe(0);
  });
});

describe("zod builders", () => {
  const schema = z.object({
    name: zName(10),
    ref: zIdentifier(),
    cursor: zDigitId("an event id").optional(),
    at: zDateInput().optional(),
    doc: zJsonValue().optional(),
  });
  const issues = (input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("name the field that breaks a rule", () => {
    expect(issues({ name: "ok", ref: "r" })).toEqual([]);
    expect(issues({ name: "a\u0000", ref: "r" })).toEqual([expect.stringMatching(/^name: contains a NUL/)]);
    expect(issues({ name: "   ", ref: "r" })).toEqual(["name: is required"]);
    expect(issues({ name: "x".repeat(11), ref: "r" })).toEqual(["name: has at most 10 characters"]);
    expect(issues({ name: "ok", ref: "" })).toEqual(["ref: is required"]);
    expect(issues({ name: "ok", ref: "x".repeat(1_001) })).toEqual(["ref: has at most 1,000 characters"]);
    expect(issues({ name: "ok", ref: "r", doc: { facets: [{ x: "\uD800" }] } })).toEqual([
      expect.stringMatching(/^doc\.facets\.0\.x: contains a lone UTF-16 surrogate/),
    ]);
  });

  it("keep digit ids inside a bigint and dates inside PostgreSQL's range", () => {
    expect(issues({ name: "ok", ref: "r", cursor: "999999999999999999" })).toEqual([]);
    expect(issues({ name: "ok", ref: "r", cursor: "1".repeat(40) })).toEqual(["cursor: must be an event id (at most 18 digits)"]);
    expect(issues({ name: "ok", ref: "r", at: "+275760-09-13T00:00:00Z" })).toEqual(["at: must be before the year 10000"]);
    expect(issues({ name: "ok", ref: "r", at: "not a date" })).toEqual([expect.stringMatching(/^at: /)]);
    expect(issues({ name: "ok", ref: "r", at: null })).toEqual(["at: must be a date"]);
    expect(issues({ name: "ok", ref: "r", at: new Date("2026-01-01") })).toEqual([]);
  });
});
