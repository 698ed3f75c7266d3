// discover against a real database: every supported type, views, keys, cursors, estimates, privileges, odd names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, testContext } from "@/connectors/postgres/postgres-fixture";
import { connector } from "@/connectors/postgres/source";
import type { TCatalog, TStreamDescriptor } from "@/connectors/types";

let db: TSourceDatabase;
let catalog: TCatalog;

const stream = (name: string): TStreamDescriptor => {
  const found = catalog.streams.find((s) => s.name === name);
  if (!found) throw new Error(`no stream ${name}; have ${catalog.streams.map((s) => s.name).join(", ")}`);
  return found;
};

beforeAll(async () => {
  db = await createSourceDatabase(["public", "odd schema.ü"]);
  await db.exec(`
    CREATE TYPE mood AS ENUM ('sad', 'happy');
    CREATE DOMAIN positive_money AS numeric(10,2) CHECK (VALUE >= 0);
    CREATE TYPE pair AS (a int, b text);
    CREATE TABLE every_type (
      id serial PRIMARY KEY,
      c_int2 smallint, c_int4 integer NOT NULL DEFAULT 0, c_int8 bigint,
      c_float4 real, c_float8 double precision,
      c_money numeric(12,2), c_decimal numeric, c_price positive_money,
      c_text text, c_varchar varchar(20), c_char char(3), c_mood mood,
      c_bool boolean, c_date date, c_ts timestamp, c_ts3 timestamp(3), c_tstz timestamptz,
      c_json json, c_jsonb jsonb, c_uuid uuid, c_bytea bytea,
      c_int_array int[], c_text_array text[], c_numeric_array numeric(8,3)[],
      c_interval interval, c_inet inet,
      c_cash money, c_oid oid, c_time time, c_timetz timetz, c_pair pair, c_int_matrix int[][], c_text_cube text[][][], c_real_array real[],
      updated_at timestamptz
    );
    INSERT INTO every_type (c_int4) VALUES (1), (2), (3);
    ANALYZE every_type;
    CREATE TABLE line_items (order_id bigint, line int, sku text, PRIMARY KEY (line, order_id));
    CREATE VIEW big_orders AS SELECT order_id, sum(line) AS lines FROM line_items GROUP BY order_id;
    CREATE TABLE "order" ("select" int PRIMARY KEY, "user" text, "has space" text, "dot.ted" int, "quo""te" text, "ünï" date);
    CREATE TABLE "has space" ("order" int);
    CREATE TABLE "dot.ted" (x int);
    CREATE TABLE "quo""te" (x int);
    CREATE TABLE "ünï" (x int);
    CREATE TABLE no_cursor (name text, flag boolean);
    CREATE SCHEMA "odd schema.ü";
    CREATE TABLE "odd schema.ü"."user" (id int PRIMARY KEY);
    CREATE SCHEMA not_included;
    CREATE TABLE not_included.hidden (id int);
    CREATE TABLE parts (id int, at date NOT NULL) PARTITION BY RANGE (at);
    CREATE TABLE parts_2024 PARTITION OF parts FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
  `);
  catalog = await connector.discover(db.config, testContext());
});
afterAll(() => db?.drop());

describe("discover", () => {
  it("offers every table and view of the included schemas, one stream per relation, and nothing else", () => {
    expect(catalog.streams.map((s) => s.name).sort()).toEqual(
      [
        "odd schema.ü.user",
        "public.big_orders",
        "public.dot.ted",
        "public.every_type",
        "public.has space",
        "public.line_items",
        "public.no_cursor",
        "public.order",
        "public.parts",
        'public.quo"te',
        "public.ünï",
      ].sort(),
    );
    expect(stream("odd schema.ü.user").namespace).toBe("odd schema.ü");
  });

  it("maps every column type, keeping the source's type name", () => {
    const s = stream("public.every_type");
    const byName = Object.fromEntries(s.columns.map((c) => [c.name, c]));
    expect(s.columns.map((c) => [c.name, c.type, c.sourceType])).toEqual([
      ["id", { kind: "integer" }, "integer"],
      ["c_int2", { kind: "integer" }, "smallint"],
      ["c_int4", { kind: "integer" }, "integer"],
      ["c_int8", { kind: "bigint" }, "bigint"],
      ["c_float4", { kind: "float" }, "real"],
      ["c_float8", { kind: "float" }, "double precision"],
      ["c_money", { kind: "numeric", precision: 12, scale: 2 }, "numeric(12,2)"],
      ["c_decimal", { kind: "numeric" }, "numeric"],
      ["c_price", { kind: "numeric", precision: 10, scale: 2 }, "positive_money"],
      ["c_text", { kind: "text" }, "text"],
      ["c_varchar", { kind: "text" }, "character varying(20)"],
      ["c_char", { kind: "text" }, "character(3)"],
      ["c_mood", { kind: "text" }, "mood"],
      ["c_bool", { kind: "boolean" }, "boolean"],
      ["c_date", { kind: "date" }, "date"],
      ["c_ts", { kind: "timestamp" }, "timestamp without time zone"],
      ["c_ts3", { kind: "timestamp" }, "timestamp(3) without time zone"],
      ["c_tstz", { kind: "timestamptz" }, "timestamp with time zone"],
      ["c_json", { kind: "json" }, "json"],
      ["c_jsonb", { kind: "json" }, "jsonb"],
      ["c_uuid", { kind: "uuid" }, "uuid"],
      ["c_bytea", { kind: "bytes" }, "bytea"],
      ["c_int_array", { kind: "array", items: { kind: "integer" } }, "integer[]"],
      ["c_text_array", { kind: "array", items: { kind: "text" } }, "text[]"],
      ["c_numeric_array", { kind: "array", items: { kind: "numeric", precision: 8, scale: 3 } }, "numeric(8,3)[]"],
      ["c_interval", { kind: "interval" }, "interval"],
      ["c_inet", { kind: "text" }, "inet"],
      ["c_cash", { kind: "numeric", precision: 19, scale: 2 }, "money"],
      ["c_oid", { kind: "bigint" }, "oid"],
      ["c_time", { kind: "time" }, "time without time zone"],
      ["c_timetz", { kind: "text" }, "time with time zone"],
      ["c_pair", { kind: "json" }, "pair"],
      ["c_int_matrix", { kind: "array", items: { kind: "array", items: { kind: "integer" } } }, "integer[]"],
      ["c_text_cube", { kind: "array", items: { kind: "array", items: { kind: "array", items: { kind: "text" } } } }, "text[]"],
      ["c_real_array", { kind: "array", items: { kind: "float" } }, "real[]"],
      ["updated_at", { kind: "timestamptz" }, "timestamp with time zone"],
    ]);
    expect(byName.id?.nullable).toBe(false);
    expect(byName.c_int4?.nullable).toBe(false);
    expect(byName.c_text?.nullable).toBe(true);
  });

  it("states a conversion rule exactly for the columns whose values do not arrive as themselves", () => {
    const conversions = Object.fromEntries(
      stream("public.every_type")
        .columns.filter((c) => c.conversion)
        .map((c) => [c.name, c.conversion]),
    );
    expect(Object.keys(conversions)).toEqual([
      "c_float4",
      "c_mood",
      "c_int_array",
      "c_text_array",
      "c_numeric_array",
      "c_inet",
      "c_cash",
      "c_timetz",
      "c_pair",
      "c_int_matrix",
      "c_text_cube",
      "c_real_array",
    ]);
    expect(conversions.c_float4).toMatch(/^real → float/);
    expect(conversions.c_mood).toBe("enum mood → text: the value's label");
    expect(conversions.c_inet).toBe("inet → text: PostgreSQL's text output");
    // The test server's lc_monetary has two decimal places.
    expect(conversions.c_cash).toMatch(/^money → numeric\(19,2\): /);
    expect(conversions.c_pair).toBe("composite pair → json: to_json of the record, its field names as keys");
    expect(conversions.c_int_matrix).toMatch(/lower bounds other than 1 are not kept/);
  });

  it("reads primary keys in key order, not column order", () => {
    expect(stream("public.every_type").primaryKey).toEqual(["id"]);
    expect(stream("public.line_items").primaryKey).toEqual(["line", "order_id"]);
    expect(stream("public.order").primaryKey).toEqual(["select"]);
    expect(stream("public.no_cursor").primaryKey).toEqual([]);
  });

  it("lists cursor candidates, updated_at-like first, and offers incremental only where there is one", () => {
    const s = stream("public.every_type");
    expect(s.cursorCandidates).toEqual([
      "updated_at",
      "id",
      "c_int2",
      "c_int4",
      "c_int8",
      "c_money",
      "c_decimal",
      "c_price",
      "c_date",
      "c_ts",
      "c_ts3",
      "c_tstz",
      "c_cash",
      "c_oid",
    ]);
    expect(s.supportsIncremental).toBe(true);
    expect(stream("public.no_cursor")).toMatchObject({ cursorCandidates: [], supportsIncremental: false });
  });

  it("offers views for full reads only", () => {
    const view = stream("public.big_orders");
    expect(view.columns.map((c) => [c.name, c.type.kind, c.nullable])).toEqual([
      ["order_id", "bigint", true],
      ["lines", "bigint", true],
    ]);
    expect(view).toMatchObject({ primaryKey: [], cursorCandidates: [], supportsIncremental: false });
    expect(view.estimatedRows).toBeUndefined();
  });

  it("estimates rows from pg_class.reltuples, and says nothing when the table was never analysed", () => {
    expect(stream("public.every_type").estimatedRows).toBe(3);
    expect(stream("public.line_items").estimatedRows).toBeUndefined();
  });

  it("offers a partitioned table once, not its partitions", () => {
    expect(stream("public.parts").columns.map((c) => c.name)).toEqual(["id", "at"]);
    expect(catalog.streams.some((s) => s.name === "public.parts_2024")).toBe(false);
  });

  it("handles quotes, spaces, dots, unicode and reserved words in names", () => {
    expect(stream("public.order").columns.map((c) => c.name)).toEqual(["select", "user", "has space", "dot.ted", 'quo"te', "ünï"]);
    expect(stream("public.order").cursorCandidates).toEqual(["select", "dot.ted", "ünï"]);
    expect(stream("public.has space").columns.map((c) => c.name)).toEqual(["order"]);
    expect(stream("odd schema.ü.user").primaryKey).toEqual(["id"]);
  });

  it("leaves out relations and columns the user may not read", async () => {
    const role = `weir_reader_${Date.now().toString(36)}`;
    await db.exec(`
      CREATE ROLE ${role} LOGIN PASSWORD 'reader-pass';
      GRANT SELECT ON "order" TO ${role};
      GRANT SELECT (id, c_int4) ON every_type TO ${role};
    `);
    try {
      const limited = await connector.discover({ ...db.config, user: role, password: "reader-pass" }, testContext());
      expect(limited.streams.map((s) => s.name).sort()).toEqual(["public.every_type", "public.order"]);
      const everyType = limited.streams.find((s) => s.name === "public.every_type");
      expect(everyType?.columns.map((c) => c.name)).toEqual(["id", "c_int4"]);
    } finally {
      await db.exec(`REVOKE ALL ON "order", every_type FROM ${role}; DROP ROLE ${role};`);
    }
  });
});
