import { describe, expect, it } from "vitest";

import { castFromWire, pgType, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import type { TWeirType } from "@/connectors/types";

describe("pgType", () => {
  it("maps every scalar Weir type", () => {
    const cases: [TWeirType, string][] = [
      [{ kind: "boolean" }, "boolean"],
      [{ kind: "integer" }, "integer"],
      [{ kind: "bigint" }, "bigint"],
      [{ kind: "float" }, "double precision"],
      [{ kind: "numeric" }, "numeric"],
      [{ kind: "numeric", precision: 12, scale: 2 }, "numeric(12,2)"],
      [{ kind: "numeric", precision: 10 }, "numeric(10)"],
      [{ kind: "text" }, "text"],
      [{ kind: "uuid" }, "uuid"],
      [{ kind: "date" }, "date"],
      [{ kind: "timestamp" }, "timestamp"],
      [{ kind: "timestamptz" }, "timestamptz"],
      [{ kind: "time" }, "time"],
      [{ kind: "interval" }, "interval"],
      [{ kind: "json" }, "jsonb"],
      [{ kind: "bytes" }, "bytea"],
    ];
    for (const [type, sql] of cases) expect(pgType(type), type.kind).toBe(sql);
  });

  it("falls back to unconstrained numeric when precision or scale are out of PostgreSQL's range", () => {
    expect(pgType({ kind: "numeric", precision: 0, scale: 0 })).toBe("numeric");
    expect(pgType({ kind: "numeric", precision: 1001 })).toBe("numeric");
    expect(pgType({ kind: "numeric", precision: 3, scale: 5 })).toBe("numeric");
    expect(pgType({ kind: "numeric", scale: 2 })).toBe("numeric");
  });

  it("maps arrays of any depth PostgreSQL holds to one array type, and deeper ones to jsonb", () => {
    const nest = (depth: number): TWeirType => (depth === 0 ? { kind: "integer" } : { kind: "array", items: nest(depth - 1) });
    expect(pgType({ kind: "array", items: { kind: "numeric", precision: 12, scale: 2 } })).toBe("numeric(12,2)[]");
    expect(pgType({ kind: "array", items: { kind: "json" } })).toBe("jsonb[]");
    expect(pgType(nest(1))).toBe("integer[]");
    expect(pgType(nest(6))).toBe("integer[]");
    expect(pgType(nest(7))).toBe("jsonb");
  });
});

describe("castFromWire", () => {
  it("casts scalars, decodes base64 and keeps text as is", () => {
    expect(castFromWire("s.c1", { kind: "integer" })).toBe("(s.c1)::integer");
    expect(castFromWire("s.c1", { kind: "interval" })).toBe("(s.c1)::interval");
    expect(castFromWire("s.c1", { kind: "bytes" })).toBe("decode(s.c1, 'base64')");
    expect(castFromWire("s.c1", { kind: "text" })).toBe("s.c1");
  });

  it("reads arrays of numbers, booleans, dates and times through one jsonb parse into array input, marking empty sub-arrays so they fail", () => {
    const sql = castFromWire("s.c1", { kind: "array", items: { kind: "array", items: { kind: "bigint" } } });
    expect(sql).toBe(
      `(translate(replace(replace(((s.c1)::jsonb)::text, '[[]', '[["!empty sub-array"]'), ', []', ', ["!empty sub-array"]'), '[]', '{}'))::bigint[]`,
    );
  });

  it("reads arrays of text, json, bytes and uuids level by level, by the value's own depth, NULL staying NULL and order kept", () => {
    const sql = castFromWire("s.c1", { kind: "array", items: { kind: "array", items: { kind: "bytes" } } });
    expect(sql).toContain("CASE WHEN s.c1 IS NULL THEN NULL ELSE CASE length(substring(((s.c1)::jsonb)::text from '^\\[+'))");
    expect(sql).toContain(
      "WHEN 2 THEN (ARRAY(SELECT ARRAY(SELECT CASE jsonb_typeof(e2.v) WHEN 'string' THEN decode((e2.v #>> '{}'), 'base64') WHEN 'null' THEN NULL",
    );
    expect(sql).toContain("FROM jsonb_array_elements((s.c1)::jsonb) WITH ORDINALITY AS e1(v, n) ORDER BY e1.n))::bytea[]");
    expect(sql).toContain("WHEN 6 THEN");
  });
});

describe("wireFromValue", () => {
  it("writes base64 without line breaks", () => {
    expect(wireFromValue("t.b", { kind: "bytes" })).toBe("translate(encode(t.b, 'base64'), E'\\n', '')");
  });

  it("writes arrays of integers, booleans and text with array_to_json, whatever their dimensions", () => {
    expect(wireFromValue("t.a", { kind: "array", items: { kind: "integer" } })).toBe("(array_to_json(t.a))::text");
  });

  it("writes other arrays element by element, nested by their dimensions at run time", () => {
    const sql = wireFromValue("t.a", { kind: "array", items: { kind: "bytes" } });
    expect(sql).toContain("WHEN array_ndims(t.a) IS NULL THEN '[]' ELSE CASE array_ndims(t.a) WHEN 1 THEN");
    expect(sql).toContain("to_json(translate(encode((t.a)[i1][i2], 'base64')");
    expect(sql).toContain("FROM generate_subscripts(t.a, 6) AS i6");
  });

  it("writes floats in JavaScript's layout", () => {
    expect(wireFromValue("t.f", { kind: "float" })).toContain("BETWEEN -6 AND 20 THEN (((t.f)::text)::numeric)::text");
  });
});
