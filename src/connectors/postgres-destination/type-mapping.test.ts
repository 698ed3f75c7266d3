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

  it("maps arrays of scalars to PostgreSQL arrays and arrays of arrays to jsonb", () => {
    expect(pgType({ kind: "array", items: { kind: "integer" } })).toBe("integer[]");
    expect(pgType({ kind: "array", items: { kind: "numeric", precision: 12, scale: 2 } })).toBe("numeric(12,2)[]");
    expect(pgType({ kind: "array", items: { kind: "json" } })).toBe("jsonb[]");
    expect(pgType({ kind: "array", items: { kind: "array", items: { kind: "integer" } } })).toBe("jsonb");
  });
});

describe("castFromWire", () => {
  it("casts scalars, decodes base64 and keeps text as is", () => {
    expect(castFromWire("s.c1", { kind: "integer" })).toBe("(s.c1)::integer");
    expect(castFromWire("s.c1", { kind: "bytes" })).toBe("decode(s.c1, 'base64')");
    expect(castFromWire("s.c1", { kind: "text" })).toBe("s.c1");
  });

  it("turns a JSON array into a typed array, NULL staying NULL and order kept", () => {
    const sql = castFromWire("s.c1", { kind: "array", items: { kind: "timestamptz" } });
    expect(sql).toContain("CASE WHEN s.c1 IS NULL THEN NULL");
    expect(sql).toContain("jsonb_array_elements_text((s.c1)::jsonb) WITH ORDINALITY");
    expect(sql).toContain("(e.v)::timestamptz");
    expect(sql).toContain("ORDER BY e.n)::timestamptz[]");
  });
});

describe("wireFromValue", () => {
  it("writes base64 without line breaks", () => {
    expect(wireFromValue("t.b", { kind: "bytes" })).toBe("translate(encode(t.b, 'base64'), E'\\n', '')");
  });

  it("keeps integers and booleans as JSON values inside arrays and writes other items as JSON strings of their wire text", () => {
    expect(wireFromValue("t.a", { kind: "array", items: { kind: "integer" } })).toContain("array_to_json(ARRAY(SELECT to_json(u.e) FROM unnest(t.a) WITH ORDINALITY");
    expect(wireFromValue("t.a", { kind: "array", items: { kind: "bytes" } })).toContain("to_json(translate(encode(u.e, 'base64')");
    expect(wireFromValue("t.a", { kind: "array", items: { kind: "numeric" } })).toContain("to_json((u.e)::text)");
  });

  it("writes floats in JavaScript's layout", () => {
    expect(wireFromValue("t.f", { kind: "float" })).toContain("BETWEEN -6 AND 20 THEN (((t.f)::text)::numeric)::text");
  });
});
