/**
 * Fidelity matrix cases of PostgreSQL's structured types: network
 * addresses, geometry, text search, LSNs, ranges and multiranges, system
 * types, and the user-defined enum, domain and composite
 * (USER_TYPES_SQL in pg-value-classes.ts creates those).
 */
import fc from "fast-check";

import { anyText, coordinate, decimal, hexBytes, word } from "@/connectors/testing/fidelity/value-arbitraries";
import { ORDINARY, c, dateRange, int, intRange, multirange, range, type TPgTypeCase } from "@/connectors/testing/fidelity/pg-value-builders";

export const STRUCTURED_TYPE_CASES: TPgTypeCase[] = [
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
