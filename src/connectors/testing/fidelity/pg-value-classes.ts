/**
 * The value classes of the fidelity matrix: for each PostgreSQL type a
 * column can have, named classes of values (ordinary values, BC dates,
 * infinities, NaN…), each with fixed edge values and a fast-check
 * arbitrary for generated ones, as PostgreSQL input literals. A class is
 * the unit the matrix reports: every value of a class must end the same
 * way in a destination (exact, converted by its rule, or refused), or the
 * matrix test fails.
 *
 * `typname` ties a case to pg_catalog.pg_type: the test lists the catalogue
 * and fails when a type a column can have has no case here and is not in
 * NOT_COLUMN_TYPES.
 */
import fc from "fast-check";

import {
  anyText,
  dateIn,
  decimal,
  finiteDouble,
  finiteFloat,
  interval,
  offset,
  timeOfDay,
  timestampIn,
  word,
} from "@/connectors/testing/fidelity/value-arbitraries";
import { ORDINARY, c, int, type TPgTypeCase } from "@/connectors/testing/fidelity/pg-value-builders";
import { STRUCTURED_TYPE_CASES } from "@/connectors/testing/fidelity/pg-structured-value-classes";

export type { TPgTypeCase, TValueClass } from "@/connectors/testing/fidelity/pg-value-builders";

/** Built-in types that are not data a column holds: planner and index internals with no usable input function. */
export const NOT_COLUMN_TYPES: Record<string, string> = {
  gtsvector: "the text-search index's internal signature; its input function refuses every value",
  pg_node_tree: "planner trees; no input function",
  pg_ndistinct: "extended statistics; no input function",
  pg_dependencies: "extended statistics; no input function",
  pg_mcv_list: "extended statistics; no input function",
  pg_brin_bloom_summary: "BRIN index internals; no input function",
  pg_brin_minmax_multi_summary: "BRIN index internals; no input function",
};

/** Scalars here (numbers, text, time, JSON, binary); then the structured types (network, geometry, text search, ranges, system, user-defined). */
export const PG_TYPE_CASES: TPgTypeCase[] = [
  { typname: "bool", sql: "boolean", classes: [c(ORDINARY, ["true", "false"])] },
  { typname: "int2", sql: "smallint", classes: [c(ORDINARY, ["-32768", "32767", "0"], int(-32768, 32767))] },
  { typname: "int4", sql: "integer", classes: [c(ORDINARY, ["-2147483648", "2147483647", "0"], int(-2147483648, 2147483647))] },
  {
    typname: "int8",
    sql: "bigint",
    classes: [c(ORDINARY, ["-9223372036854775808", "9223372036854775807", "9007199254740993"], int(-(2n ** 63n), 2n ** 63n - 1n))],
  },
  {
    typname: "numeric",
    sql: "numeric",
    classes: [
      c(ORDINARY, ["0", "-0.000001", "12345678901234567890.123456789", "1.50"], decimal(28, 12)),
      c("beyond 38 digits", ["1e-300", "-1e300", "123456789012345678901234567890123456789012345.5"], decimal(60, 40)),
      c("NaN", ["NaN"]),
      c("infinity", ["Infinity", "-Infinity"]),
    ],
  },
  { typname: "numeric", sql: "numeric(12,2)", classes: [c(ORDINARY, ["-9999999999.99", "0.00", "0.5"], decimal(10, 2)), c("NaN", ["NaN"])] },
  { typname: "numeric", sql: "numeric(60,20)", classes: [c(ORDINARY, ["-1234567890123456789012345678901234567890.12345678901234567890"], decimal(40, 20))] },
  { typname: "numeric", sql: "numeric(5,-2)", classes: [c(ORDINARY, ["1234500", "-9999900", "0"])] },
  {
    typname: "float4",
    sql: "real",
    classes: [c(ORDINARY, ["0.1", "1.4e-45", "3.4028235e+38", "-0"], finiteFloat), c("NaN and infinities", ["NaN", "Infinity", "-Infinity"])],
  },
  {
    typname: "float8",
    sql: "double precision",
    classes: [
      c(ORDINARY, ["0.1", "5e-324", "1.7976931348623157e+308", "-0", "1e+21", "123456789012345680000"], finiteDouble),
      c("NaN and infinities", ["NaN", "Infinity", "-Infinity"]),
    ],
  },
  {
    typname: "money",
    sql: "money",
    classes: [
      c(
        ORDINARY,
        ["-92233720368547758.08", "92233720368547758.07", "0.01"],
        fc.integer({ min: -1e9, max: 1e9 }).map((cents) => (cents / 100).toFixed(2)),
      ),
    ],
  },
  { typname: "oid", sql: "oid", classes: [c(ORDINARY, ["0", "4294967295"], int(0, 4294967295))] },
  { typname: "text", sql: "text", classes: [c(ORDINARY, ["", " ", "\\.", "\\N", "NULL", '"', ",", "\r\n", "ünï 🚀 中文", "x".repeat(5000)], anyText())] },
  {
    typname: "varchar",
    sql: "varchar(10)",
    classes: [
      c(
        ORDINARY,
        ["", "abcdefghij"],
        anyText(10).filter((s) => [...s].length <= 10),
      ),
    ],
  },
  { typname: "bpchar", sql: "char(5)", classes: [c(ORDINARY, ["a", "abcde", ""], fc.stringMatching(/^[a-zA-Z0-9 ,"]{0,5}$/))] },
  { typname: "name", sql: "name", classes: [c(ORDINARY, ["pg_class", "x".repeat(63)], fc.stringMatching(/^[a-z_]{1,30}$/))] },
  { typname: "char", sql: '"char"', classes: [c(ORDINARY, ["a", "Z", " "], fc.stringMatching(/^[a-zA-Z0-9]$/))] },
  { typname: "uuid", sql: "uuid", classes: [c(ORDINARY, ["00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"], fc.uuid())] },
  {
    typname: "date",
    sql: "date",
    classes: [
      c(ORDINARY, ["0001-01-01", "9999-12-31", "1970-01-01", "2024-02-29"], dateIn(1, 9999)),
      c("BC", ["4713-01-01 BC", "0044-03-15 BC", "0001-12-31 BC"], dateIn(-4711, 0)),
      c("after 9999", ["10000-01-01", "5874897-12-31"], dateIn(10_000, 5_874_896)),
      c("infinity", ["infinity", "-infinity"]),
    ],
  },
  {
    typname: "timestamp",
    sql: "timestamp",
    classes: [
      c(ORDINARY, ["0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001"], timestampIn(1, 9999, false)),
      c("BC", ["4713-01-01 00:00:00 BC", "0044-03-15 10:00:00 BC"], timestampIn(-4711, 0, false)),
      c("after 9999", ["10000-01-01 00:00:00", "294246-12-31 23:59:59.999999"], timestampIn(10_000, 294_245, false)),
      c("after 294246", ["294247-01-10 04:00:54.775807", "294276-12-31 23:59:59.999999"], timestampIn(294_248, 294_275, false)),
      c("infinity", ["infinity", "-infinity"]),
    ],
  },
  {
    typname: "timestamptz",
    sql: "timestamptz",
    classes: [
      c(
        ORDINARY,
        ["0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00", "2024-03-31 02:30:00+02", "1969-12-31 23:59:59.999999-12:00"],
        timestampIn(1, 9998, true),
      ),
      c("BC", ["4712-01-01 00:00:00+00 BC", "0044-03-15 10:00:00+01 BC"], timestampIn(-4710, 0, true)),
      c("after 9999", ["10000-01-01 00:00:00+00", "294246-12-31 23:59:59.999999+00"], timestampIn(10_000, 294_245, true)),
      c("after 294246", ["294247-01-10 04:00:54.775807+00", "294276-12-31 23:59:59.999999+00"], timestampIn(294_248, 294_275, true)),
      c("infinity", ["infinity", "-infinity"]),
    ],
  },
  { typname: "time", sql: "time", classes: [c(ORDINARY, ["00:00:00", "23:59:59.999999", "12:00:00.5"], timeOfDay), c("24:00:00", ["24:00:00"])] },
  {
    typname: "timetz",
    sql: "timetz",
    classes: [
      c(
        ORDINARY,
        ["00:00:00+00", "23:59:59.999999-14:59", "24:00:00+01"],
        fc.tuple(timeOfDay, offset).map(([t, o]) => t + o),
      ),
    ],
  },
  {
    typname: "interval",
    sql: "interval",
    classes: [
      c(ORDINARY, ["0", "1 year 2 months 3 days 04:05:06.789", "-1 years +2 months -3 days", "1 microsecond", "-1 microsecond"], interval),
      c("largest", ["178956970 years 7 months 2147483647 days 2562047788:00:54.775807"]),
      c("smallest", ["-178956970 years -7 months -2147483648 days -2562047788:00:54.775807"]),
      c("infinity", ["infinity", "-infinity"]),
    ],
  },
  {
    typname: "json",
    sql: "json",
    classes: [
      c(
        ORDINARY,
        ['{"b":1,"a":[true,null,"x"]}', '  { "spaced" : 1 }  ', '"just a string"', "[]"],
        fc.json({ maxDepth: 3 }).filter((j) => !j.includes("\\u0000")),
      ),
      c("exact numbers", ['{"n":12345678901234567890123,"d":0.1000000000000000055511151231257827}', "1e400", "-0"]),
      c("duplicate keys", ['{"a":1,"a":2}']),
      c("NUL escape", ['{"a":"\\u0000"}']),
    ],
  },
  {
    typname: "jsonb",
    sql: "jsonb",
    classes: [
      c(
        ORDINARY,
        ['{"b":1,"a":[true,null,"x"]}', '"just a string"', "{}"],
        fc.json({ maxDepth: 3 }).filter((j) => !j.includes("\\u0000")),
      ),
      c("exact numbers", ['{"n":12345678901234567890123,"d":0.1000000000000000055511151231257827}', "1e400"]),
    ],
  },
  {
    typname: "xml",
    sql: "xml",
    classes: [
      c(
        ORDINARY,
        ["<a>x &amp; y</a>", "<b/>", "text only"],
        fc.tuple(word, word).map(([t, v]) => `<${t} k="${v}">${v}</${t}>`),
      ),
    ],
  },
  {
    typname: "bytea",
    sql: "bytea",
    classes: [
      c(
        ORDINARY,
        ["\\x", "\\x00", "\\x00ff00"],
        fc.uint8Array({ maxLength: 40 }).map((b) => `\\x${Buffer.from(b).toString("hex")}`),
      ),
    ],
  },
  { typname: "bit", sql: "bit(8)", classes: [c(ORDINARY, ["00000000", "11111111"], fc.stringMatching(/^[01]{8}$/))] },
  { typname: "varbit", sql: "varbit", classes: [c(ORDINARY, ["", "1"], fc.stringMatching(/^[01]{0,64}$/))] },
  ...STRUCTURED_TYPE_CASES,
];

/** SQL creating the user-defined types the cases use. */
export const USER_TYPES_SQL = [
  `CREATE TYPE fidelity_mood AS ENUM ('sad', 'ok', 'ünï "q", x')`,
  `CREATE DOMAIN fidelity_amount AS numeric(10,2) CHECK (VALUE > 0)`,
  `CREATE TYPE fidelity_address AS (street text, zip integer, tags text[], since date)`,
];

/** Literal forms of the array classes built from a scalar class: rows of these are generated per case. */
export const pgArrayLiteral = (values: (string | null)[], delimiter = ","): string =>
  `{${values.map((v) => (v === null ? "NULL" : `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`)).join(delimiter)}}`;

/** A 2-D literal from rows of equal length. */
export const pgMatrixLiteral = (rows: (string | null)[][], delimiter = ","): string => `{${rows.map((r) => pgArrayLiteral(r, delimiter)).join(delimiter)}}`;
