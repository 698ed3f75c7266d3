// Type fidelity against a real PostgreSQL: every type of type-cases.ts, read alone and in 2-D arrays with NULL
// elements, must arrive as the wire text its documented rule gives (written out by hand in the cases), with the Weir
// type and conversion rule discover states; arrays keep any number of dimensions and drop lower bounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, discoverStream, readAll, testContext } from "@/connectors/postgres/postgres-fixture";
import { nestedJsonSql } from "@/connectors/postgres/array-json-sql";
import { connector } from "@/connectors/postgres/source";
import { TYPE_CASES, TYPE_CASES_SETUP, type TTypeCase } from "@/connectors/postgres/type-cases";
import type { TCatalog, TWeirType } from "@/connectors/types";
import { encodeValue, encodeWireRows, quoteField } from "@/connectors/wire-format";

let db: TSourceDatabase;
let catalog: TCatalog;

const tableOf = (index: number) => `case_${index}`;
const arrayOf = (items: TWeirType): TWeirType => ({ kind: "array", items });

/** The wire text of an array value as deep as it is (a column's type gives the declared depth, which values may exceed). */
function encodeArray(value: unknown, items: TWeirType): string {
  let type = arrayOf(items);
  for (let v = value; Array.isArray(v) && Array.isArray(v[0]); v = v[0]) type = arrayOf(type);
  return encodeValue(value, type)!;
}

/** A 2 × n array of the case's values, the second row starting with NULL: as SQL, and as the wire texts it holds. */
function matrix(c: TTypeCase): { sql: string; texts: (string | null)[][] } {
  const cast = (sql: string) => `(${sql})::${c.type}`;
  const first = c.values.map(([sql]) => cast(sql));
  const second = [`NULL::${c.type}`, ...first.slice(1)];
  const texts = c.values.map(([, text]) => text);
  return { sql: `ARRAY[ARRAY[${first.join(", ")}], ARRAY[${second.join(", ")}]]`, texts: [texts, [null, ...texts.slice(1)]] };
}

beforeAll(async () => {
  db = await createSourceDatabase();
  const statements = [TYPE_CASES_SETUP];
  TYPE_CASES.forEach((c, index) => {
    const rows = c.values.map(([sql], i) => `(${i + 1}, (${sql})::${c.type}, NULL)`);
    rows.push(`(${c.values.length + 1}, NULL, ${matrix(c).sql})`, `(${c.values.length + 2}, NULL, '{}')`);
    statements.push(
      `CREATE TABLE ${tableOf(index)} (id int PRIMARY KEY, v ${c.type}, a ${c.type}[][]);`,
      `INSERT INTO ${tableOf(index)} VALUES ${rows.join(", ")};`,
    );
  });
  await db.exec(statements.join("\n"));
  catalog = await connector.discover(db.config, testContext());
});
afterAll(() => db?.drop());

describe("read: every type arrives as its documented wire text", () => {
  it.each(TYPE_CASES.map((c, index) => [c.type, c, index] as const))("%s", async (_name, c, index) => {
    const stream = catalog.streams.find((s) => s.name === `public.${tableOf(index)}`)!;
    const [, v, a] = stream.columns;
    expect(v?.type).toEqual(c.weir);
    expect(Boolean(v?.conversion)).toBe(!c.exact);
    expect(a?.type).toEqual(arrayOf(arrayOf(c.weir)));
    expect(a?.conversion).toMatch(/lower bounds other than 1 are not kept/);
    if (v?.conversion) expect(a?.conversion?.startsWith(v.conversion)).toBe(true);

    const { csv } = await readAll(db.config, [{ stream, incremental: { cursorField: "id", state: null } }]);
    const rows: unknown[][] = c.values.map(([, text], i) => [i + 1, text, null]);
    rows.push([c.values.length + 1, null, matrix(c).texts], [c.values.length + 2, null, []]);
    expect(csv).toBe(encodeWireRows(stream.columns, rows).toString("utf8"));
  });
});

describe("read: arrays", () => {
  it("keeps every dimension (up to PostgreSQL's 6) whatever the declared ones, drops lower bounds, for each way arrays are written", async () => {
    // int (array_to_json), numeric (through text[]) and float (element by element) arrays of the same shapes.
    const shapes = [
      "{1,NULL,3}",
      "[0:2]={1,2,3}",
      "[-5:-4][3:4]={{1,2},{3,NULL}}",
      "{{{1,2},{3,4}},{{5,6},{7,8}}}",
      "{{{{{{1,2}},{{3,4}}}}}}",
      "{{1},{2},{3}}",
      "{}",
    ];
    await db.exec(`CREATE TABLE shapes (id int PRIMARY KEY, i int[], n numeric[], f float8[], b bytea[]);`);
    await db.query(
      "INSERT INTO shapes SELECT o, s::int[], s::numeric[], s::float8[], s::int[]::text[]::bytea[] FROM unnest($1::text[]) WITH ORDINALITY AS u(s, o)",
      [shapes],
    );
    const stream = await discoverStream(db.config, "public.shapes");
    const { csv } = await readAll(db.config, [{ stream, incremental: { cursorField: "id", state: null } }]);
    const nested = [
      [1, null, 3],
      [1, 2, 3],
      [
        [1, 2],
        [3, null],
      ],
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      [[[[[[1, 2]], [[3, 4]]]]]],
      [[1], [2], [3]],
      [],
    ];
    const asText = (v: unknown): unknown => (Array.isArray(v) ? v.map(asText) : v === null ? null : String(v));
    const asBase64 = (v: unknown): unknown => (Array.isArray(v) ? v.map(asBase64) : v === null ? null : Buffer.from(String(v)).toString("base64"));
    const lines = nested.map((v, i) =>
      [
        String(i + 1),
        encodeArray(v, { kind: "integer" }),
        encodeArray(asText(v), { kind: "numeric" }),
        encodeArray(v, { kind: "float" }),
        encodeArray(asBase64(v), { kind: "bytes" }),
      ]
        .map(quoteField)
        .join(","),
    );
    expect(csv).toBe(`${lines.join("\n")}\n`);
    expect(csv.split("\n")[4]).toBe(
      '5,"[[[[[[1,2]],[[3,4]]]]]]","[[[[[[""1"",""2""]],[[""3"",""4""]]]]]]","[[[[[[1,2]],[[3,4]]]]]]","[[[[[[""MQ=="",""Mg==""]],[[""Mw=="",""NA==""]]]]]]"',
    );
  });

  it("nests element-by-element arrays as array_to_json does, for random shapes, lower bounds and NULLs", async () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const literals: string[] = [];
    for (let i = 0; i < 300; i++) {
      const lengths = Array.from({ length: 1 + random(6) }, () => 1 + random(3));
      const bounds = lengths
        .map((n) => {
          const lower = random(3) - 1;
          return `[${lower}:${lower + n - 1}]`;
        })
        .join("");
      const body = (depth: number): string =>
        `{${Array.from({ length: lengths[depth]! }, () => (depth + 1 < lengths.length ? body(depth + 1) : random(5) === 0 ? "NULL" : String(random(1000) - 500))).join(",")}}`;
      literals.push(`${bounds}=${body(0)}`);
    }
    const nested = nestedJsonSql("x", (e) => `(${e})::text`);
    const differing = await db.query<{ literal: string }>(
      `SELECT literal FROM unnest($1::text[]) AS l(literal), LATERAL (SELECT literal::int[] AS x) AS v WHERE (${nested}) IS DISTINCT FROM array_to_json(x)::text`,
      [literals],
    );
    expect(differing).toEqual([]);
  });

  it("writes a declared 1-D column holding 2-D values as nested arrays, never flattened (text, numeric, float)", async () => {
    await db.exec(`
      CREATE TABLE flat_declared (id int PRIMARY KEY, t text[], n numeric[], f real[]);
      INSERT INTO flat_declared VALUES (1, '{{a,b},{c,d}}', '{{1.5,NaN},{2,3}}', '{{NaN,0.1},{Infinity,-0}}');
    `);
    const stream = await discoverStream(db.config, "public.flat_declared");
    expect(stream.columns.map((c) => c.type)).toEqual([
      { kind: "integer" },
      arrayOf({ kind: "text" }),
      arrayOf({ kind: "numeric" }),
      arrayOf({ kind: "float" }),
    ]);
    const { csv } = await readAll(db.config, [{ stream }]);
    expect(csv).toBe('1,"[[""a"",""b""],[""c"",""d""]]","[[""1.5"",""NaN""],[""2"",""3""]]","[[""NaN"",0.1],[""Infinity"",0]]"\n');
  });
});
