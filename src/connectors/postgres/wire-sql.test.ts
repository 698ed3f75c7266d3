// The COPY statement and wire expressions (pure SQL strings): quoting, the inlined cursor literal read inclusively,
// bare column references wherever the output already is the wire text.
import { describe, expect, it } from "vitest";

import { copySql, wireTextSql } from "@/connectors/postgres/wire-sql";

const int4 = { typeName: "int4", category: "N", typeModifier: -1 };
const tstz = { typeName: "timestamptz", category: "D", typeModifier: -1 };

describe("copySql", () => {
  it("quotes every identifier and inlines the cursor as an escaped, cast literal, the saved value included (>=)", () => {
    const sql = copySql(
      { schema: 'my "schema"', name: "order" },
      [
        { name: "select", type: int4 },
        { name: "dot.ted", type: tstz },
      ],
      {
        column: "dot.ted",
        castType: "timestamp with time zone",
        from: "2024-01-01 00:00:00+00'; DROP TABLE x; --\\",
      },
    );
    expect(sql).toBe(
      `COPY (SELECT __weir_t."select", __weir_t."dot.ted" FROM "my ""schema"""."order" AS __weir_t ` +
        `WHERE __weir_t."dot.ted" >=  E'2024-01-01 00:00:00+00''; DROP TABLE x; --\\\\'::timestamp with time zone ` +
        `ORDER BY __weir_t."dot.ted" ASC NULLS FIRST) TO STDOUT WITH (FORMAT csv)`,
    );
  });

  it("reads in cursor order without a WHERE when there is no state yet, and in any order for a full read", () => {
    expect(copySql({ schema: "s", name: "t" }, [{ name: "id", type: int4 }], { column: "id", castType: "integer", from: null })).toBe(
      `COPY (SELECT __weir_t."id" FROM "s"."t" AS __weir_t ORDER BY __weir_t."id" ASC NULLS FIRST) TO STDOUT WITH (FORMAT csv)`,
    );
    expect(copySql({ schema: "s", name: "t" }, [{ name: "id", type: int4 }])).toBe(
      `COPY (SELECT __weir_t."id" FROM "s"."t" AS __weir_t) TO STDOUT WITH (FORMAT csv)`,
    );
  });
});

describe("wireTextSql", () => {
  const scalar = (typeName: string, category = "X") => ({ typeName, category });
  const arrayOf = (typeName: string, category: string, extra: object = {}) => ({
    typeName: `_${typeName}`,
    category: "A",
    element: { typeName, category, ...extra },
  });

  it("leaves types whose output is already wire text alone", () => {
    for (const typeName of [
      "int2",
      "int4",
      "int8",
      "oid",
      "numeric",
      "text",
      "bpchar",
      "uuid",
      "date",
      "timestamp",
      "timestamptz",
      "time",
      "timetz",
      "interval",
      "json",
      "jsonb",
      "inet",
      "xml",
    ]) {
      expect(wireTextSql("c", scalar(typeName))).toBe("c");
    }
    expect(wireTextSql("c", scalar("mood", "E"))).toBe("c");
    expect(wireTextSql("c", { typeName: "hstore", category: "U", userDefined: true })).toBe("c");
  });

  it("rewrites booleans, floats, bytea, money and composites", () => {
    expect(wireTextSql("c", scalar("bool"))).toBe("(c)::text");
    expect(wireTextSql("c", scalar("float4"))).toContain("regexp_replace((c)::text");
    expect(wireTextSql("c", scalar("bytea"))).toBe("translate(encode(c, 'base64'), chr(10), '')");
    expect(wireTextSql("c", scalar("money"))).toBe("(c)::numeric");
    expect(wireTextSql("c", scalar("pair", "C"))).toBe("to_json(c)");
  });

  it("writes arrays with array_to_json where it keeps the wire text, through text[] where the output is the wire text", () => {
    expect(wireTextSql("c", arrayOf("int4", "N"))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("text", "S"))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("mood", "E", { userDefined: true }))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("interval", "T"))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("numeric", "N"))).toBe("array_to_json((c)::text[])::text");
    expect(wireTextSql("c", arrayOf("timestamptz", "D"))).toBe("array_to_json((c)::text[])::text");
    expect(wireTextSql("c", arrayOf("jsonb", "U"))).toBe("array_to_json((c)::text[])::text");
    expect(wireTextSql("c", arrayOf("money", "N"))).toBe("array_to_json((c)::numeric[]::text[])::text");
    expect(wireTextSql("c", arrayOf("oid", "N"))).toBe("array_to_json((c)::int8[])::text");
  });

  it("rebuilds arrays element by element, nested by their dimensions, only where no cast gives the wire text", () => {
    for (const type of [arrayOf("float8", "N"), arrayOf("float4", "N"), arrayOf("bytea", "U"), arrayOf("hstore", "U", { userDefined: true })]) {
      const sql = wireTextSql("c", type);
      expect(sql).toContain("unnest(c) WITH ORDINALITY AS __weir_u(e, o)");
      expect(sql).toMatch(/^CASE WHEN c IS NULL THEN NULL WHEN array_ndims\(c\) > 1 THEN /);
    }
    // unnest in FROM would expand a composite element into its fields.
    expect(wireTextSql("c", arrayOf("pair", "C", { userDefined: true }))).toContain(
      "(SELECT unnest(c) AS e, generate_series(1, cardinality(c)) AS o) AS __weir_u",
    );
  });
});
