// PostgreSQL → Weir type mapping, the conversion rules, and cursor candidates (pure).
import { describe, expect, it } from "vitest";

import { cursorCandidates, describePostgresType, mapPostgresType, numericPrecisionScale } from "@/connectors/postgres/type-mapping";
import type { TWeirType } from "@/connectors/types";

/** atttypmod of numeric(p, s). */
const numericTypmod = (p: number, s: number) => ((p << 16) | (s & 0x7ff)) + 4;
const scalar = (typeName: string, category = "U", typeModifier = -1) => ({ typeName, category, typeModifier });
const array = (element: ReturnType<typeof scalar>) => ({ typeName: `_${element.typeName}`, category: "A", typeModifier: element.typeModifier, element });

describe("describePostgresType", () => {
  it.each<[string, TWeirType]>([
    ["int2", { kind: "integer" }],
    ["int4", { kind: "integer" }],
    ["int8", { kind: "bigint" }],
    ["oid", { kind: "bigint" }],
    ["float8", { kind: "float" }],
    ["text", { kind: "text" }],
    ["varchar", { kind: "text" }],
    ["bpchar", { kind: "text" }],
    ["citext", { kind: "text" }],
    ["name", { kind: "text" }],
    ["char", { kind: "text" }],
    ["bool", { kind: "boolean" }],
    ["date", { kind: "date" }],
    ["timestamp", { kind: "timestamp" }],
    ["timestamptz", { kind: "timestamptz" }],
    ["time", { kind: "time" }],
    ["interval", { kind: "interval" }],
    ["json", { kind: "json" }],
    ["jsonb", { kind: "json" }],
    ["uuid", { kind: "uuid" }],
    ["bytea", { kind: "bytes" }],
  ])("maps %s exactly", (typeName, expected) => {
    expect(describePostgresType(scalar(typeName))).toEqual({ type: expected });
    expect(mapPostgresType(scalar(typeName))).toEqual(expected);
  });

  it("keeps numeric precision and scale, and leaves them out when unconstrained", () => {
    expect(mapPostgresType(scalar("numeric", "N", numericTypmod(12, 2)))).toEqual({ kind: "numeric", precision: 12, scale: 2 });
    expect(mapPostgresType(scalar("numeric", "N", numericTypmod(10, 0)))).toEqual({ kind: "numeric", precision: 10, scale: 0 });
    expect(describePostgresType(scalar("numeric", "N"))).toEqual({ type: { kind: "numeric" } });
  });

  it("decodes the negative scales PostgreSQL 15 allows", () => {
    expect(numericPrecisionScale(numericTypmod(5, -3))).toEqual({ precision: 5, scale: -3 });
  });

  it("states the rule of every converted type", () => {
    expect(describePostgresType(scalar("float4", "N"))).toEqual({
      type: { kind: "float" },
      conversion: expect.stringMatching(/^real → float: the 32-bit value's shortest decimal .* read as a 64-bit float$/),
    });
    expect(describePostgresType({ ...scalar("money", "N"), moneyScale: 3 })).toEqual({
      type: { kind: "numeric", precision: 19, scale: 3 },
      conversion: expect.stringMatching(/^money → numeric\(19,3\): .*lc_monetary.* 3 decimal places, without the symbol$/),
    });
    expect(mapPostgresType(scalar("money", "N"))).toEqual({ kind: "numeric", precision: 19, scale: 2 });
    expect(describePostgresType(scalar("timetz", "D"))).toEqual({
      type: { kind: "text" },
      conversion: expect.stringMatching(/^time with time zone → text: PostgreSQL's text output/),
    });
    expect(describePostgresType({ ...scalar("mood", "E"), userDefined: true })).toEqual({
      type: { kind: "text" },
      conversion: "enum mood → text: the value's label",
    });
    expect(describePostgresType({ ...scalar("pair", "C"), userDefined: true })).toEqual({
      type: { kind: "json" },
      conversion: "composite pair → json: to_json of the record, its field names as keys",
    });
  });

  it("reads every other type as text, PostgreSQL's output, whatever it is named", () => {
    for (const name of [
      "inet",
      "cidr",
      "macaddr",
      "macaddr8",
      "bit",
      "varbit",
      "tsvector",
      "tsquery",
      "point",
      "polygon",
      "xml",
      "pg_lsn",
      "int4range",
      "int4multirange",
      "txid_snapshot",
    ]) {
      expect(describePostgresType(scalar(name))).toEqual({ type: { kind: "text" }, conversion: `${name} → text: PostgreSQL's text output` });
    }
    // A type created in the database is read by its output function even when it borrows a built-in name.
    expect(describePostgresType({ ...scalar("int4"), userDefined: true })).toEqual({
      type: { kind: "text" },
      conversion: "int4 → text: PostgreSQL's text output",
    });
    expect(describePostgresType({ ...scalar("citext", "S"), userDefined: true })).toEqual({ type: { kind: "text" } });
  });

  it("nests arrays by their declared dimensions, at least one, and says how values arrive", () => {
    const rule = /arrays arrive as JSON arrays nested as each value's own dimensions.*lower bounds other than 1 are not kept/;
    expect(describePostgresType(array(scalar("int4", "N")))).toEqual({
      type: { kind: "array", items: { kind: "integer" } },
      conversion: expect.stringMatching(rule),
    });
    expect(mapPostgresType({ ...array(scalar("int4", "N")), dimensions: 0 })).toEqual({ kind: "array", items: { kind: "integer" } });
    expect(mapPostgresType({ ...array(scalar("text", "S")), dimensions: 2 })).toEqual({ kind: "array", items: { kind: "array", items: { kind: "text" } } });
    expect(mapPostgresType({ ...array(scalar("int8", "N")), dimensions: 3 })).toEqual({
      kind: "array",
      items: { kind: "array", items: { kind: "array", items: { kind: "bigint" } } },
    });
    expect(mapPostgresType(array(scalar("numeric", "N", numericTypmod(10, 2))))).toEqual({
      kind: "array",
      items: { kind: "numeric", precision: 10, scale: 2 },
    });
    expect(mapPostgresType(array(scalar("interval", "T")))).toEqual({ kind: "array", items: { kind: "interval" } });
    const floats = describePostgresType(array(scalar("float4", "N")));
    expect(floats.type).toEqual({ kind: "array", items: { kind: "float" } });
    expect(floats.conversion).toMatch(/^real → float: .*; arrays arrive as JSON arrays/);
    expect(describePostgresType({ ...array(scalar("money", "N")), moneyScale: 0 }).type).toEqual({
      kind: "array",
      items: { kind: "numeric", precision: 19, scale: 0 },
    });
    expect(describePostgresType(array(scalar("inet", "I"))).conversion).toMatch(/^inet → text: PostgreSQL's text output; arrays/);
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
