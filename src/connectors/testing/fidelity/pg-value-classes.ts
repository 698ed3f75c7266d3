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
  coordinate,
  dateIn,
  decimal,
  finiteDouble,
  finiteFloat,
  hexBytes,
  interval,
  offset,
  timeOfDay,
  timestampIn,
  word,
} from "@/connectors/testing/fidelity/value-arbitraries";

export type TValueClass = { name: string; edges?: string[]; generated?: fc.Arbitrary<string> };

export type TPgTypeCase = {
  /** pg_type.typname this case covers (user-defined kinds: "enum", "domain", "composite"). */
  typname: string;
  /** The column type in CREATE TABLE. */
  sql: string;
  classes: TValueClass[];
  /** No array columns (types without an array type). */
  noArrays?: boolean;
  /** The type's array delimiter (pg_type.typdelim) when it is not a comma: box's is ";". */
  delimiter?: string;
};

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

const ORDINARY = "ordinary";
const c = (name: string, edges: string[], generated?: fc.Arbitrary<string>): TValueClass => ({ name, edges, generated });

const int = (min: number | bigint, max: number | bigint) =>
  typeof min === "bigint" ? fc.bigInt({ min, max: max as bigint }).map(String) : fc.integer({ min, max: max as number }).map(String);

const range = (bound: fc.Arbitrary<[string, string]>) =>
  bound.chain(([a, b]) => fc.constantFrom(`[${a},${b})`, `(${a},${b}]`, `[${a},${b}]`, `[${a},)`, `(,${b})`));
const ordered = <T>(arb: fc.Arbitrary<T>, cmp: (a: T, b: T) => number, text: (v: T) => string) =>
  fc.tuple(arb, arb).map(([a, b]) => (cmp(a, b) <= 0 ? [text(a), text(b)] : [text(b), text(a)]) as [string, string]);
const intRange = ordered(fc.integer({ min: -1_000_000, max: 1_000_000 }), (a, b) => a - b, String);
const dateRange = ordered(
  fc.integer({ min: -600_000, max: 2_900_000 }),
  (a, b) => a - b,
  (d) => new Date(d * 86_400_000).toISOString().slice(0, 10),
);
const multirange = (r: fc.Arbitrary<[string, string]>) => fc.array(r, { maxLength: 3 }).map((rs) => `{${rs.map(([a, b]) => `[${a},${b})`).join(",")}}`);

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
  {
    typname: "inet",
    sql: "inet",
    classes: [
      c(
        ORDINARY,
        ["0.0.0.0", "255.255.255.255/32", "::1", "192.168.1.5/24"],
        fc.oneof(
          fc.ipV4(),
          fc.ipV6(),
          fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, m]) => `${ip}/${m}`),
        ),
      ),
    ],
  },
  {
    typname: "cidr",
    sql: "cidr",
    classes: [
      c(
        ORDINARY,
        ["10.0.0.0/8", "192.168.0.0/16", "::/0", "2001:db8::/32"],
        fc.ipV4().map((ip) => `${ip}/32`),
      ),
    ],
  },
  {
    typname: "macaddr",
    sql: "macaddr",
    classes: [
      c(
        ORDINARY,
        ["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"],
        hexBytes(6).map((h) => h.match(/../g)!.join(":")),
      ),
    ],
  },
  {
    typname: "macaddr8",
    sql: "macaddr8",
    classes: [
      c(
        ORDINARY,
        ["00:00:00:00:00:00:00:00"],
        hexBytes(8).map((h) => h.match(/../g)!.join(":")),
      ),
    ],
  },
  {
    typname: "point",
    sql: "point",
    classes: [
      c(
        ORDINARY,
        ["(0,0)", "(-1.5,2e+100)"],
        fc.tuple(coordinate, coordinate).map(([x, y]) => `(${x},${y})`),
      ),
    ],
  },
  {
    typname: "line",
    sql: "line",
    classes: [
      c(
        ORDINARY,
        ["{1,-1,0}"],
        fc.tuple(fc.integer({ min: 1, max: 1000 }), coordinate, coordinate).map(([a, b, cc]) => `{${a},${b},${cc}}`),
      ),
    ],
  },
  {
    typname: "lseg",
    sql: "lseg",
    classes: [
      c(
        ORDINARY,
        ["[(0,0),(1,1)]"],
        fc.tuple(coordinate, coordinate, coordinate, coordinate).map(([a, b, x, y]) => `[(${a},${b}),(${x},${y})]`),
      ),
    ],
  },
  {
    typname: "box",
    sql: "box",
    delimiter: ";",
    classes: [
      c(
        ORDINARY,
        ["(1,1),(0,0)"],
        fc.tuple(coordinate, coordinate, coordinate, coordinate).map(([a, b, x, y]) => `(${a},${b}),(${x},${y})`),
      ),
    ],
  },
  {
    typname: "path",
    sql: "path",
    classes: [
      c(
        ORDINARY,
        ["[(0,0),(1,1),(2,0)]", "((0,0),(1,1),(2,0))"],
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 4 }).map((ps) => `[${ps.map(([x, y]) => `(${x},${y})`).join(",")}]`),
      ),
    ],
  },
  {
    typname: "polygon",
    sql: "polygon",
    classes: [
      c(
        ORDINARY,
        ["((0,0),(1,1),(2,0))"],
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 4 }).map((ps) => `(${ps.map(([x, y]) => `(${x},${y})`).join(",")})`),
      ),
    ],
  },
  {
    typname: "circle",
    sql: "circle",
    classes: [
      c(
        ORDINARY,
        ["<(0,0),1>"],
        fc.tuple(coordinate, coordinate, fc.double({ min: 0, max: 1e6, noNaN: true })).map(([x, y, r]) => `<(${x},${y}),${r}>`),
      ),
    ],
  },
  {
    typname: "tsvector",
    sql: "tsvector",
    classes: [
      c(
        ORDINARY,
        ["", "a:1 b:2A", "'quoted word' x"],
        fc.array(word, { maxLength: 5 }).map((w) => w.join(" ")),
      ),
    ],
  },
  {
    typname: "tsquery",
    sql: "tsquery",
    classes: [
      c(
        ORDINARY,
        ["a & b", "!c | (d <-> e)"],
        fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" & ")),
      ),
    ],
  },
  {
    typname: "pg_lsn",
    sql: "pg_lsn",
    classes: [
      c(
        ORDINARY,
        ["0/0", "FFFFFFFF/FFFFFFFF"],
        fc.tuple(hexBytes(2), hexBytes(4)).map(([a, b]) => `${a.toUpperCase()}/${b.toUpperCase()}`),
      ),
    ],
  },
  { typname: "int4range", sql: "int4range", classes: [c(ORDINARY, ["empty", "(,)", "[1,2)"], range(intRange))] },
  { typname: "int8range", sql: "int8range", classes: [c(ORDINARY, ["empty", "[-9223372036854775808,9223372036854775807)"], range(intRange))] },
  {
    typname: "numrange",
    sql: "numrange",
    classes: [
      c(
        ORDINARY,
        ["empty", "[0.5,1.25]"],
        range(intRange.map(([a, b]) => [`${a}.5`, `${b}.75`] as [string, string]).filter(([a, b]) => Number(a) <= Number(b))),
      ),
    ],
  },
  { typname: "daterange", sql: "daterange", classes: [c(ORDINARY, ["empty", "[2024-01-01,2024-02-01)"], range(dateRange))] },
  {
    typname: "tsrange",
    sql: "tsrange",
    classes: [
      c(
        ORDINARY,
        ["empty", '["2024-01-01 10:00:00","2024-01-01 11:00:00")'],
        range(dateRange.map(([a, b]) => [`"${a} 10:00:00"`, `"${b} 11:00:00"`] as [string, string])),
      ),
    ],
  },
  {
    typname: "tstzrange",
    sql: "tstzrange",
    classes: [
      c(ORDINARY, ["empty", '["2024-01-01 10:00:00+00",)'], range(dateRange.map(([a, b]) => [`"${a} 10:00:00+00"`, `"${b} 11:00:00+00"`] as [string, string]))),
    ],
  },
  { typname: "int4multirange", sql: "int4multirange", classes: [c(ORDINARY, ["{}", "{[1,3),[5,7)}"], multirange(intRange))] },
  { typname: "int8multirange", sql: "int8multirange", classes: [c(ORDINARY, ["{}", "{[1,3)}"], multirange(intRange))] },
  { typname: "nummultirange", sql: "nummultirange", classes: [c(ORDINARY, ["{}", "{[0.5,1.5)}"], multirange(intRange))] },
  { typname: "datemultirange", sql: "datemultirange", classes: [c(ORDINARY, ["{}", "{[2024-01-01,2024-02-01)}"], multirange(dateRange))] },
  { typname: "tsmultirange", sql: "tsmultirange", classes: [c(ORDINARY, ["{}", '{["2024-01-01 10:00:00","2024-01-02 10:00:00")}'])] },
  { typname: "tstzmultirange", sql: "tstzmultirange", classes: [c(ORDINARY, ["{}", '{["2024-01-01 10:00:00+00","2024-01-02 10:00:00+00")}'])] },
  { typname: "txid_snapshot", sql: "txid_snapshot", classes: [c(ORDINARY, ["10:20:10,14,15", "1:1:"])] },
  { typname: "pg_snapshot", sql: "pg_snapshot", classes: [c(ORDINARY, ["10:20:10,14,15", "1:1:"])] },
  { typname: "aclitem", sql: "aclitem", classes: [c(ORDINARY, ["postgres=arwdDxt/postgres", "=r/postgres"])] },
  { typname: "cid", sql: "cid", classes: [c(ORDINARY, ["0", "4294967295"], int(0, 4294967295))] },
  { typname: "xid", sql: "xid", classes: [c(ORDINARY, ["0", "4294967295"], int(0, 4294967295))] },
  { typname: "xid8", sql: "xid8", classes: [c(ORDINARY, ["0", "18446744073709551615"], fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String))] },
  {
    typname: "tid",
    sql: "tid",
    classes: [
      c(
        ORDINARY,
        ["(0,1)", "(4294967295,65535)"],
        fc.tuple(int(0, 4294967295), int(0, 65535)).map(([b, o]) => `(${b},${o})`),
      ),
    ],
  },
  { typname: "refcursor", sql: "refcursor", classes: [c(ORDINARY, ["<unnamed portal 1>"], anyText(20))] },
  { typname: "jsonpath", sql: "jsonpath", classes: [c(ORDINARY, ["$", "$.a[*] ? (@ > 1)", 'strict $."key with space"'])] },
  { typname: "regclass", sql: "regclass", classes: [c(ORDINARY, ["pg_class", "pg_catalog.pg_type"])] },
  { typname: "regtype", sql: "regtype", classes: [c(ORDINARY, ["integer", "timestamp with time zone"])] },
  { typname: "regproc", sql: "regproc", classes: [c(ORDINARY, ["now", "pi"])] },
  { typname: "regprocedure", sql: "regprocedure", classes: [c(ORDINARY, ["now()", "lower(text)"])] },
  { typname: "regoper", sql: "regoper", classes: [c(ORDINARY, ["||/", "|/"])] },
  { typname: "regoperator", sql: "regoperator", classes: [c(ORDINARY, ["+(integer,integer)", "||(text,text)"])] },
  { typname: "regnamespace", sql: "regnamespace", classes: [c(ORDINARY, ["pg_catalog", "public"])] },
  { typname: "regrole", sql: "regrole", classes: [c(ORDINARY, ["postgres", "pg_monitor"])] },
  { typname: "regconfig", sql: "regconfig", classes: [c(ORDINARY, ["english", "simple"])] },
  { typname: "regdictionary", sql: "regdictionary", classes: [c(ORDINARY, ["simple", "english_stem"])] },
  { typname: "regcollation", sql: "regcollation", classes: [c(ORDINARY, ['"C"', '"POSIX"'])] },
  { typname: "enum", sql: "fidelity_mood", classes: [c(ORDINARY, ["sad", "ok", 'ünï "q", x'])] },
  {
    typname: "domain",
    sql: "fidelity_amount",
    classes: [
      c(
        ORDINARY,
        ["0.01", "99999999.99"],
        decimal(8, 2).filter((v) => Number(v) > 0),
      ),
    ],
  },
  {
    typname: "composite",
    sql: "fidelity_address",
    classes: [
      c(
        ORDINARY,
        ['("Main St, 1",12345,"{a,b}",2024-01-02)', "(,,,)", '("q""uote",-1,{},)'],
        fc.tuple(word, fc.integer()).map(([s, z]) => `(${s},${z},"{${s}}",)`),
      ),
    ],
  },
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
