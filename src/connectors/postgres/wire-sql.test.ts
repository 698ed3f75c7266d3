// The COPY statement and wire expressions (pure SQL strings): quoting, the inlined cursor literal.
import { describe, expect, it } from "vitest";

import { copySql, wireTextSql } from "@/connectors/postgres/wire-sql";

const int4 = { typeName: "int4", category: "N", typeModifier: -1 };
const tstz = { typeName: "timestamptz", category: "D", typeModifier: -1 };

describe("copySql", () => {
  it("quotes every identifier and inlines the cursor as an escaped, cast literal", () => {
    const sql = copySql({ schema: 'my "schema"', name: "order" }, [{ name: "select", type: int4 }, { name: "dot.ted", type: tstz }], {
      column: "dot.ted",
      castType: "timestamp with time zone",
      after: "2024-01-01 00:00:00+00'; DROP TABLE x; --\\",
    });
    expect(sql).toBe(
      `COPY (SELECT __weir_t."select", __weir_t."dot.ted" FROM "my ""schema"""."order" AS __weir_t ` +
        `WHERE __weir_t."dot.ted" >  E'2024-01-01 00:00:00+00''; DROP TABLE x; --\\\\'::timestamp with time zone ` +
        `ORDER BY __weir_t."dot.ted" ASC NULLS FIRST) TO STDOUT WITH (FORMAT csv)`,
    );
  });

  it("reads in cursor order without a WHERE when there is no state yet, and in any order for a full read", () => {
    expect(copySql({ schema: "s", name: "t" }, [{ name: "id", type: int4 }], { column: "id", castType: "integer", after: null })).toBe(
      `COPY (SELECT __weir_t."id" FROM "s"."t" AS __weir_t ORDER BY __weir_t."id" ASC NULLS FIRST) TO STDOUT WITH (FORMAT csv)`,
    );
    expect(copySql({ schema: "s", name: "t" }, [{ name: "id", type: int4 }])).toBe(`COPY (SELECT __weir_t."id" FROM "s"."t" AS __weir_t) TO STDOUT WITH (FORMAT csv)`);
  });
});

describe("wireTextSql", () => {
  it("leaves types whose output is already wire text alone", () => {
    for (const typeName of ["int4", "int8", "numeric", "text", "uuid", "date", "timestamp", "timestamptz", "jsonb", "interval"]) {
      expect(wireTextSql("c", { typeName, category: "X" })).toBe("c");
    }
  });

  it("uses array_to_json only where its output is the wire array", () => {
    const arrayOf = (typeName: string, category: string) => ({ typeName: `_${typeName}`, category: "A", element: { typeName, category } });
    expect(wireTextSql("c", arrayOf("int4", "N"))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("text", "S"))).toBe("array_to_json(c)::text");
    expect(wireTextSql("c", arrayOf("numeric", "N"))).toContain("unnest(c) WITH ORDINALITY");
    expect(wireTextSql("c", arrayOf("timestamptz", "D"))).toContain("unnest(c) WITH ORDINALITY");
  });
});
