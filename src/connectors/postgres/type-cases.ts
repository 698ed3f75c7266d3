/**
 * Test data: for each type a PostgreSQL column can have, edge values as SQL
 * and the wire text each must arrive as by the documented rule
 * (docs/connectors/postgres.md, src/connectors/wire-format.ts), written out
 * by hand so the tests compare the source with the rule, not with itself.
 * Used by read-types.integration.test.ts; the cases need the `setup` SQL below.
 */
import type { TWeirType } from "@/connectors/types";

export type TTypeCase = {
  /** The column's declared type. */
  type: string;
  /** The Weir type discover must give it. */
  weir: TWeirType;
  /** Whether every value arrives exactly (no conversion rule on the column). */
  exact: boolean;
  /** [SQL expression of a value, its wire text]. */
  values: [string, string][];
};

/** Types, extensions and domains the cases use. */
export const TYPE_CASES_SETUP = `
  CREATE EXTENSION IF NOT EXISTS hstore;
  CREATE EXTENSION IF NOT EXISTS citext;
  CREATE TYPE mood AS ENUM ('sad', 'happy', 'a "quoted", label');
  CREATE TYPE pair AS (a int, b text, c timestamptz);
  CREATE TYPE public.money AS ENUM ('euro', 'yen');
  CREATE DOMAIN positive_money AS numeric(10,2) CHECK (VALUE >= 0);
  CREATE DOMAIN short_text AS varchar(5);
`;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const same = (...texts: string[]): [string, string][] => texts.map((t) => [q(t), t]);
const tinyNumber = `0.${"0".repeat(299)}1`;

export const TYPE_CASES: TTypeCase[] = [
  { type: "smallint", weir: { kind: "integer" }, exact: true, values: same("-32768", "32767", "0") },
  { type: "integer", weir: { kind: "integer" }, exact: true, values: same("-2147483648", "2147483647") },
  { type: "bigint", weir: { kind: "bigint" }, exact: true, values: same("-9223372036854775808", "9223372036854775807") },
  { type: "oid", weir: { kind: "bigint" }, exact: true, values: same("0", "4294967295") },
  {
    type: "real",
    weir: { kind: "float" },
    exact: false,
    values: [
      ["'0.1'", "0.1"],
      ["'3.4028235e38'", "3.4028235e+38"],
      ["'1e-45'", "1e-45"],
      ["'1.5e-7'", "1.5e-7"],
      ["'-0'", "0"],
      ...same("NaN", "Infinity", "-Infinity", "16777216"),
    ],
  },
  {
    type: "double precision",
    weir: { kind: "float" },
    exact: true,
    values: [
      ["'1e-7'", "1e-7"],
      ["'1e21'", "1e+21"],
      ["'1e20'", "100000000000000000000"],
      ["'5e-324'", "5e-324"],
      ["'1.7976931348623157e308'", "1.7976931348623157e+308"],
      ...same("0.1", "NaN", "Infinity", "-Infinity"),
    ],
  },
  {
    type: "numeric",
    weir: { kind: "numeric" },
    exact: true,
    values: [["'1e-300'", tinyNumber], ...same("NaN", "Infinity", "-Infinity", "12345678901234567890.123456789", "-0.000001", "0")],
  },
  { type: "numeric(12,2)", weir: { kind: "numeric", precision: 12, scale: 2 }, exact: true, values: [["'1.5'", "1.50"], ...same("-9999999999.99", "NaN")] },
  { type: "positive_money", weir: { kind: "numeric", precision: 10, scale: 2 }, exact: true, values: [["'1.5'", "1.50"]] },
  // The test server's lc_monetary (C) has two decimal places.
  {
    type: "pg_catalog.money",
    weir: { kind: "numeric", precision: 19, scale: 2 },
    exact: false,
    values: [
      ["'12.34'", "12.34"],
      ["'-1'", "-1.00"],
      ["'-92233720368547758.08'", "-92233720368547758.08"],
    ],
  },
  { type: "public.money", weir: { kind: "text" }, exact: false, values: same("euro", "yen") },
  { type: "text", weir: { kind: "text" }, exact: true, values: same("", 'comma, "quote"\nnewline\r\nand \\ backslash', "ünïcødé 🚀", " padded ") },
  { type: "varchar(5)", weir: { kind: "text" }, exact: true, values: same("ab", "") },
  { type: "short_text", weir: { kind: "text" }, exact: true, values: same("abc") },
  {
    type: "char(3)",
    weir: { kind: "text" },
    exact: true,
    values: [
      ["'ab'", "ab "],
      ["''", "   "],
    ],
  },
  { type: "name", weir: { kind: "text" }, exact: true, values: same("a name") },
  { type: '"char"', weir: { kind: "text" }, exact: true, values: same("x") },
  { type: "citext", weir: { kind: "text" }, exact: true, values: same("MiXeD") },
  {
    type: "boolean",
    weir: { kind: "boolean" },
    exact: true,
    values: [
      ["true", "true"],
      ["false", "false"],
    ],
  },
  { type: "uuid", weir: { kind: "uuid" }, exact: true, values: [["'0B7C1F44-6D2E-4F51-9A0E-2F7A5C3D9E10'", "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"]] },
  {
    type: "bytea",
    weir: { kind: "bytes" },
    exact: true,
    values: [
      ["'\\x00ff00'", "AP8A"],
      ["''", ""],
      [`'\\x${"ab".repeat(60)}'`, Buffer.alloc(60, 0xab).toString("base64")],
    ],
  },
  {
    type: "date",
    weir: { kind: "date" },
    exact: true,
    values: same("0044-03-15 BC", "4713-01-01 BC", "0001-01-01", "9999-12-31", "2024-02-29", "infinity", "-infinity"),
  },
  {
    type: "timestamp",
    weir: { kind: "timestamp" },
    exact: true,
    values: [
      ...same("0044-03-15 10:00:00 BC", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "infinity", "-infinity"),
      ["'2024-01-01 00:00:00.500'", "2024-01-01 00:00:00.5"],
    ],
  },
  {
    type: "timestamptz",
    weir: { kind: "timestamptz" },
    exact: true,
    values: [
      ["'0044-03-15 10:00:00+02 BC'", "0044-03-15 08:00:00+00 BC"],
      ["'2024-06-30 22:00:00.25+02'", "2024-06-30 20:00:00.25+00"],
      ["'0001-01-01 00:00:00+00'", "0001-01-01 00:00:00+00"],
      ...same("9999-12-31 23:59:59.999999+00", "infinity", "-infinity"),
    ],
  },
  { type: "time", weir: { kind: "time" }, exact: true, values: [...same("24:00:00", "00:00:00", "23:59:59.999999"), ["'10:00:00.500'", "10:00:00.5"]] },
  {
    type: "timetz",
    weir: { kind: "text" },
    exact: false,
    values: [
      ["'10:00:00+02'", "10:00:00+02"],
      ["'10:00:00.25-05:30'", "10:00:00.25-05:30"],
    ],
  },
  {
    type: "interval",
    weir: { kind: "interval" },
    exact: true,
    values: [
      ["'1 year 2 mons 3 days 04:05:06.5'", "P1Y2M3DT4H5M6.5S"],
      ["'0'", "PT0S"],
      ["'-1 year +2 days -3 seconds'", "P-1Y2DT-3S"],
      ["'-0.000001 seconds'", "PT-0.000001S"],
      ["'178000000 years'", "P178000000Y"],
    ],
  },
  { type: "json", weir: { kind: "json" }, exact: true, values: same('{"b": 1,  "a": [1, 2], "b": 2}', "null", '"text"') },
  {
    type: "jsonb",
    weir: { kind: "json" },
    exact: true,
    values: [
      ['\'{"b": 1,  "a": [1, 2.50]}\'', '{"a": [1, 2.50], "b": 1}'],
      ["'null'", "null"],
    ],
  },
  { type: "xml", weir: { kind: "text" }, exact: false, values: same('<a x="1">t &amp; u</a>') },
  { type: "inet", weir: { kind: "text" }, exact: false, values: [["'192.168.0.1/32'", "192.168.0.1"], ...same("10.0.0.0/8", "::1")] },
  { type: "cidr", weir: { kind: "text" }, exact: false, values: same("10.0.0.0/8") },
  { type: "macaddr", weir: { kind: "text" }, exact: false, values: [["'08-00-2B-01-02-03'", "08:00:2b:01:02:03"]] },
  { type: "macaddr8", weir: { kind: "text" }, exact: false, values: same("08:00:2b:01:02:03:04:05") },
  { type: "bit(3)", weir: { kind: "text" }, exact: false, values: same("101") },
  { type: "varbit", weir: { kind: "text" }, exact: false, values: same("1", "") },
  { type: "tsvector", weir: { kind: "text" }, exact: false, values: [["'a fat cat'", "'a' 'cat' 'fat'"]] },
  { type: "tsquery", weir: { kind: "text" }, exact: false, values: [["'fat & rat'", "'fat' & 'rat'"]] },
  { type: "point", weir: { kind: "text" }, exact: false, values: same("(1,2.5)") },
  { type: "box", weir: { kind: "text" }, exact: false, values: same("(1,1),(0,0)") },
  { type: "polygon", weir: { kind: "text" }, exact: false, values: same("((0,0),(1,1),(1,0))") },
  { type: "circle", weir: { kind: "text" }, exact: false, values: same("<(0,0),1>") },
  { type: "path", weir: { kind: "text" }, exact: false, values: same("[(0,0),(1,1)]") },
  { type: "pg_lsn", weir: { kind: "text" }, exact: false, values: same("16/B374D848") },
  { type: "int4range", weir: { kind: "text" }, exact: false, values: [["'[1,5]'", "[1,6)"], ...same("empty")] },
  { type: "tstzrange", weir: { kind: "text" }, exact: false, values: [["'[2024-01-01 00:00+02,)'", '["2023-12-31 22:00:00+00",)']] },
  { type: "int4multirange", weir: { kind: "text" }, exact: false, values: same("{[1,3),[5,7)}") },
  { type: "txid_snapshot", weir: { kind: "text" }, exact: false, values: same("10:20:10,14,15") },
  { type: "hstore", weir: { kind: "text" }, exact: false, values: [["'a=>1, b=>\"x y\"'", '"a"=>"1", "b"=>"x y"']] },
  { type: "mood", weir: { kind: "text" }, exact: false, values: same("happy", 'a "quoted", label') },
  {
    type: "pair",
    weir: { kind: "json" },
    exact: false,
    values: [
      ["ROW(1, 'x,\"y\"', '2024-01-01 00:00+00')", '{"a":1,"b":"x,\\"y\\"","c":"2024-01-01T00:00:00+00:00"}'],
      ["ROW(NULL, NULL, NULL)", '{"a":null,"b":null,"c":null}'],
    ],
  },
];
