// PostgreSQL → Weir type mapping and cursor candidates (pure).
import { describe, expect, it } from "vitest";

import { cursorCandidates, mapPostgresType, numericPrecisionScale } from "@/connectors/postgres/type-mapping";
import type { TWeirType } from "@/connectors/types";

/** atttypmod of numeric(p, s). */
const numericTypmod = (p: number, s: number) => ((p << 16) | (s & 0x7ff)) + 4;
const scalar = (typeName: string, category = "U", typeModifier = -1) => ({ typeName, category, typeModifier });
const array = (element: ReturnType<typeof scalar>) => ({ typeName: `_${element.typeName}`, category: "A", typeModifier: element.typeModifier, element });

describe("mapPostgresType", () => {
  it.each<[string, TWeirType]>([
    ["int2", { kind: "integer" }],
    ["int4", { kind: "integer" }],
    ["int8", { kind: "bigint" }],
    ["float4", { kind: "float" }],
    ["float8", { kind: "float" }],
    ["text", { kind: "text" }],
    ["varchar", { kind: "text" }],
    ["bpchar", { kind: "text" }],
    ["citext", { kind: "text" }],
    ["bool", { kind: "boolean" }],
    ["date", { kind: "date" }],
    ["timestamp", { kind: "timestamp" }],
    ["timestamptz", { kind: "timestamptz" }],
    ["json", { kind: "json" }],
    ["jsonb", { kind: "json" }],
    ["uuid", { kind: "uuid" }],
    ["bytea", { kind: "bytes" }],
  ])("maps %s", (typeName, expected) => {
    expect(mapPostgresType(scalar(typeName))).toEqual(expected);
  });

  it("keeps numeric precision and scale, and leaves them out when unconstrained", () => {
    expect(mapPostgresType(scalar("numeric", "N", numericTypmod(12, 2)))).toEqual({ kind: "numeric", precision: 12, scale: 2 });
    expect(mapPostgresType(scalar("numeric", "N", numericTypmod(10, 0)))).toEqual({ kind: "numeric", precision: 10, scale: 0 });
    expect(mapPostgresType(scalar("numeric", "N"))).toEqual({ kind: "numeric" });
  });

  it("decodes the negative scales PostgreSQL 15 allows", () => {
    expect(numericPrecisionScale(numericTypmod(5, -3))).toEqual({ precision: 5, scale: -3 });
  });

  it("maps enums, and every type it does not know, to text", () => {
    expect(mapPostgresType(scalar("mood", "E"))).toEqual({ kind: "text" });
    for (const name of ["interval", "money", "inet", "point", "xml", "tsvector", "my_composite"]) expect(mapPostgresType(scalar(name))).toEqual({ kind: "text" });
  });

  it("maps arrays by their element type", () => {
    expect(mapPostgresType(array(scalar("int4", "N")))).toEqual({ kind: "array", items: { kind: "integer" } });
    expect(mapPostgresType(array(scalar("text", "S")))).toEqual({ kind: "array", items: { kind: "text" } });
    expect(mapPostgresType(array(scalar("numeric", "N", numericTypmod(10, 2))))).toEqual({ kind: "array", items: { kind: "numeric", precision: 10, scale: 2 } });
    expect(mapPostgresType(array(scalar("mood", "E")))).toEqual({ kind: "array", items: { kind: "text" } });
    expect(mapPostgresType(array(scalar("inet")))).toEqual({ kind: "array", items: { kind: "text" } });
  });
});

describe("cursorCandidates", () => {
  const col = (name: string, kind: TWeirType["kind"]) => ({ name, type: { kind } as TWeirType });

  it("offers integer, bigint, numeric, date and timestamp columns, updated_at-like names first", () => {
    const columns = [
      col("id", "integer"),
      col("name", "text"),
      col("created_at", "timestamptz"),
      col("amount", "numeric"),
      col("flag", "boolean"),
      col("updated_at", "timestamptz"),
      col("big", "bigint"),
      col("day", "date"),
      col("ts", "timestamp"),
      col("ratio", "float"),
      col("uid", "uuid"),
    ];
    expect(cursorCandidates(columns)).toEqual(["updated_at", "id", "created_at", "amount", "big", "day", "ts"]);
  });

  it("recognises the usual spellings of updated_at", () => {
    const names = ["modified_on", "last_update", "updatedAt", "row_updated", "last_modified_at"];
    expect(cursorCandidates([col("id", "bigint"), ...names.map((n) => col(n, "timestamp"))])).toEqual([...names, "id"]);
  });
});
