// read against a real database: wire text of every type and edge value (compared with encodeWireRows), column
// selection, odd names, batch cuts around quoted newlines, incremental reads from a state (inclusive: cursor >= state).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, discoverStream, readAll } from "@/connectors/postgres/postgres-fixture";
import type { TStreamDescriptor } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

let db: TSourceDatabase;

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
const allBytesHex = `\\x${Buffer.from(allBytes).toString("hex")}`;

beforeAll(async () => {
  db = await createSourceDatabase(["public", "odd schema.ü"]);
  await db.exec(`
    CREATE TYPE mood AS ENUM ('sad', 'happy');
    CREATE TABLE edge (
      id int PRIMARY KEY,
      c_text text, c_int bigint, c_money numeric(12,2), c_decimal numeric, c_float float8, c_real real,
      c_bool boolean, c_date date, c_ts timestamp, c_tstz timestamptz, c_json jsonb, c_plain_json json, c_uuid uuid, c_bytes bytea,
      c_ints int[], c_texts text[], c_bools bool[], c_uuids uuid[], c_nums numeric[], c_tstzs timestamptz[], c_dates date[], c_floats float8[],
      c_mood mood, c_interval interval, c_char char(3)
    );
    INSERT INTO edge VALUES
      (1, '', 9223372036854775807, -12.50, 12345678901234567890.123456789, 1e-7, 0.1, true, '1969-07-20', '1960-01-01 00:00:00',
       '2024-01-02 03:04:05.123456+00', '{"b": [1, 2, {"c": null}], "a": "x, \\"y\\""}', '{"keep":  "spacing"}',
       '0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10', '${allBytesHex}',
       '{1,NULL,3}', '{"a","b,c","q\\"uote",NULL}', '{true,false,NULL}', '{0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10}',
       '{1.50,-2}', '{"2024-01-02 03:04:05.5+00"}', '{1969-07-20}', '{1e-7,NaN,Infinity,2.5}',
       'happy', '1 day 2 hours', 'ab'),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (3, E'comma, "quote"\\nand a newline', -9223372036854775808, 0.00, -0.000001, 'NaN', 'NaN', false, '0001-01-01', '2024-02-29 23:59:59.999999',
       '1900-06-15 12:00:00.000001+00', '[]', '[]', NULL, '', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 'sad', '-1 second', NULL),
      (4, 'ünïcødé 🚀', 0, 9999999999.99, 7, 'Infinity', '-Infinity', true, '2024-02-29', '1999-12-31 23:59:59',
       '2024-06-30 22:00:00+02', '{"ü": true}', NULL, NULL, '\\x00', NULL, '{"with \\\\ backslash"}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (5, ' leading and trailing ', 42, -0.01, -123.456, -1.7976931348623157e308, 3.4028235e38, NULL, NULL, NULL,
       NULL, '"just a string"', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{-0,1e21,1e-6}', NULL, NULL, NULL);

    CREATE TABLE events (id bigserial PRIMARY KEY, updated_at timestamptz, amount numeric(10,2), day date, note text);
    INSERT INTO events (updated_at, amount, day, note) VALUES
      ('2024-01-01 00:00:00.000002+00', 3.00, '2024-01-03', 'third'),
      ('2024-01-01 00:00:00+00', 1.00, '2024-01-01', 'first'),
      ('2024-01-01 00:00:00.000001+00', 2.00, '2024-01-02', E'second\\nline'),
      (NULL, NULL, NULL, 'no cursor'),
      ('2024-01-02 10:00:00+00', 10.50, '2024-01-10', 'fourth, "quoted"');
    CREATE VIEW events_view AS SELECT id, updated_at, note FROM events;

    CREATE TABLE "order" ("select" int PRIMARY KEY, "user" text, "has space" text, "dot.ted" int, "quo""te" text, "ünï" date);
    INSERT INTO "order" VALUES (1, 'a', 'b c', 4, 'q"', '2024-01-01'), (2, NULL, '', NULL, NULL, NULL), (3, 'x', 'y', 6, 'z', '2024-01-03');
    CREATE SCHEMA "odd schema.ü";
    CREATE TABLE "odd schema.ü"."user" (id int PRIMARY KEY, "quo""te" text);
    INSERT INTO "odd schema.ü"."user" VALUES (1, 'one');
    CREATE TABLE multiline (id int PRIMARY KEY, body text);
    INSERT INTO multiline SELECT i, repeat(E'line\\n"quoted", more\\r\\n', i % 5) || i FROM generate_series(1, 500) i;
  `);
});
afterAll(() => db?.drop());

describe("read: full", () => {
  it("produces the wire text of every type, with edge values, as encodeWireRows would", async () => {
    const stream = await discoverStream(db.config, "public.edge");
    const { csv, rows, batches } = await readAll(db.config, [{ stream }]);
    const expected = encodeWireRows(stream.columns, [
      [
        1,
        "",
        "9223372036854775807",
        "-12.50",
        "12345678901234567890.123456789",
        1e-7,
        0.1,
        true,
        "1969-07-20",
        "1960-01-01 00:00:00",
        "2024-01-02 03:04:05.123456+00",
        '{"a": "x, \\"y\\"", "b": [1, 2, {"c": null}]}',
        '{"keep":  "spacing"}',
        "0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10",
        allBytes,
        [1, null, 3],
        ["a", "b,c", 'q"uote', null],
        [true, false, null],
        ["0b7c1f44-6d2e-4f51-9a0e-2f7a5c3d9e10"],
        ["1.50", "-2"],
        ["2024-01-02 03:04:05.5+00"],
        ["1969-07-20"],
        [1e-7, Number.NaN, Number.POSITIVE_INFINITY, 2.5],
        "happy",
        "P1DT2H",
        "ab ",
      ],
      [2, ...Array.from({ length: 25 }, () => null)],
      [
        3,
        'comma, "quote"\nand a newline',
        "-9223372036854775808",
        "0.00",
        "-0.000001",
        Number.NaN,
        Number.NaN,
        false,
        "0001-01-01",
        "2024-02-29 23:59:59.999999",
        "1900-06-15 12:00:00.000001+00",
        "[]",
        "[]",
        null,
        new Uint8Array(0),
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        "sad",
        "PT-1S",
        null,
      ],
      [
        4,
        "ünïcødé 🚀",
        "0",
        "9999999999.99",
        "7",
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        true,
        "2024-02-29",
        "1999-12-31 23:59:59",
        "2024-06-30 20:00:00+00",
        '{"ü": true}',
        null,
        null,
        new Uint8Array([0]),
        null,
        ["with \\ backslash"],
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        5,
        " leading and trailing ",
        "42",
        "-0.01",
        "-123.456",
        -1.7976931348623157e308,
        3.4028235e38,
        null,
        null,
        null,
        null,
        '"just a string"',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        [-0, 1e21, 1e-6],
        null,
        null,
        null,
      ],
    ]).toString("utf8");
    expect(csv).toBe(expected);
    expect(rows).toBe(5);
    expect(batches.map((b) => [b.stream, b.rows])).toEqual([["public.edge", 5]]);
    expect(batches[0]?.columns).toEqual(stream.columns.map((c) => c.name));
    expect(batches[0]?.extractedAt).toBeInstanceOf(Date);
  });

  it("lays out floats as JavaScript's String(number) does, every value round-tripping exactly", async () => {
    // 1e23 is listed as a literal: whether 10 ** 23 rounds to the same double differs between V8 versions (Node 24's does not).
    const values: number[] = [0, -0, 1, -1, 0.1, 1 / 3, 5e-324, Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, 123456789.125, 1e23];
    for (let e = -30; e <= 30; e++) values.push(10 ** e, 1.5 * 10 ** e, -(10 ** e) * 1.234567);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 2000; i++) values.push((random() - 0.5) * 10 ** Math.floor(random() * 80 - 40));
    await db.exec("CREATE TABLE floats (i int, x float8)");
    await db.query("INSERT INTO floats SELECT i, x FROM unnest($1::float8[]) WITH ORDINALITY AS u(x, i)", [values.map((v) => v.toPrecision(17))]);
    const stream = await discoverStream(db.config, "public.floats");
    const { csv } = await readAll(db.config, [{ stream, columns: ["x"], incremental: { cursorField: "i", state: null } }]);
    const lines = csv.split("\n").slice(0, -1);
    expect(lines.map(Number)).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
    // PostgreSQL's shortest-digits algorithm (Ryu) excludes the ends of a value's rounding interval, JavaScript's includes
    // them: where a shorter decimal sits exactly on that end (1e23; ~0.1 % of random full-precision doubles) the text
    // has one more digit than String(v). Everywhere else it is the same text.
    const differing = values.filter((v, i) => lines[i] !== String(v));
    expect(differing.length).toBeLessThan(values.length / 200);
    for (const v of differing)
      expect(lines[values.indexOf(v)]!.replace(/[-.]|e.*$/g, "").replace(/^0+|0+$/g, "").length).toBeGreaterThan(
        String(v)
          .replace(/[-.]|e.*$/g, "")
          .replace(/^0+|0+$/g, "").length,
      );
    expect(lines[values.indexOf(1e23)]).toBe("9.999999999999999e+22");
    expect(lines.slice(0, 11)).toEqual([
      "0",
      "0",
      "1",
      "-1",
      "0.1",
      "0.3333333333333333",
      "5e-324",
      "1.7976931348623157e+308",
      "9007199254740992",
      "9007199254740994",
      "123456789.125",
    ]);
  });

  it("reads only the requested columns, in the requested order", async () => {
    const stream = await discoverStream(db.config, "public.order");
    const { csv, batches } = await readAll(db.config, [{ stream, columns: ["ünï", "select", 'quo"te'] }]);
    expect(batches[0]?.columns).toEqual(["ünï", "select", 'quo"te']);
    expect(csv).toBe('2024-01-01,1,"q"""\n,2,\n2024-01-03,3,z\n');
  });

  it("reads relations and columns with reserved, quoted, dotted and unicode names, in several streams on one connection", async () => {
    const order = await discoverStream(db.config, "public.order");
    const user = await discoverStream(db.config, "odd schema.ü.user");
    const { batches } = await readAll(db.config, [{ stream: order }, { stream: user }]);
    expect(batches.map((b) => [b.stream, b.csv.toString("utf8")])).toEqual([
      ["public.order", '1,a,b c,4,"q""",2024-01-01\n2,,"",,,\n3,x,y,6,z,2024-01-03\n'],
      ["odd schema.ü.user", "1,one\n"],
    ]);
  });

  it("reads a view in full", async () => {
    const stream = await discoverStream(db.config, "public.events_view");
    expect((await readAll(db.config, [{ stream }])).rows).toBe(5);
  });

  it("cuts batches between records, never inside a quoted multi-line field", async () => {
    const stream = await discoverStream(db.config, "public.multiline");
    const ordered = { stream, incremental: { cursorField: "id", state: null } };
    const whole = await readAll(db.config, [ordered]);
    const rows = await db.query<{ id: number; body: string }>("SELECT id, body FROM multiline ORDER BY id");
    expect(whole.csv).toBe(
      encodeWireRows(
        stream.columns,
        rows.map((r) => [r.id, r.body]),
      ).toString("utf8"),
    );
    for (const limits of [{ maxBatchRows: 7 }, { maxBatchBytes: 300 }, { maxBatchRows: 1 }]) {
      const { batches } = await readAll(db.config, [ordered], limits);
      let at = 0;
      for (const batch of batches) {
        const slice = rows.slice(at, at + batch.rows);
        expect(batch.csv.toString("utf8")).toBe(
          encodeWireRows(
            stream.columns,
            slice.map((r) => [r.id, r.body]),
          ).toString("utf8"),
        );
        if (limits.maxBatchRows) expect(batch.rows).toBeLessThanOrEqual(limits.maxBatchRows);
        if (limits.maxBatchBytes && batch.rows > 1) expect(batch.csv.length).toBeLessThanOrEqual(limits.maxBatchBytes);
        at += batch.rows;
      }
      expect(at).toBe(500);
    }
  });

  it("says to discover again when a column went away", async () => {
    await db.exec("CREATE TABLE shrinking (id int, gone text)");
    const stream = await discoverStream(db.config, "public.shrinking");
    await db.exec("ALTER TABLE shrinking DROP COLUMN gone");
    await expect(readAll(db.config, [{ stream }])).rejects.toThrow(/no longer has .*"gone".*discover the source again/);
  });

  it("says to discover again when a column changed type since discover, rather than send values of another type", async () => {
    await db.exec("CREATE TABLE retyped (id int, n int)");
    const stream = await discoverStream(db.config, "public.retyped");
    await db.exec("ALTER TABLE retyped ALTER COLUMN n TYPE text");
    await expect(readAll(db.config, [{ stream }])).rejects.toMatchObject({
      code: "CONNECTOR_ERROR",
      message: 'PostgreSQL source: column "n" of stream "public.retyped" changed type since discover (integer, now text from text); discover the source again.',
    });
  });
});

describe("read: incremental", () => {
  let events: TStreamDescriptor;
  beforeAll(async () => {
    events = await discoverStream(db.config, "public.events");
  });
  const read = (cursorField: string, cursor: string | null, columns = ["note"]) =>
    readAll(db.config, [{ stream: events, columns: [cursorField, ...columns], incremental: { cursorField, state: cursor === null ? null : { cursor } } }]);

  it("reads everything in cursor order without a state, rows with a NULL cursor first", async () => {
    const { csv } = await read("updated_at", null);
    expect(csv).toBe(
      ",no cursor\n" +
        "2024-01-01 00:00:00+00,first\n" +
        '2024-01-01 00:00:00.000001+00,"second\nline"\n' +
        "2024-01-01 00:00:00.000002+00,third\n" +
        '2024-01-02 10:00:00+00,"fourth, ""quoted"""\n',
    );
  });

  it("reads the records at and after the saved cursor, to the microsecond", async () => {
    expect((await read("updated_at", "2024-01-01 00:00:00.000001+00")).csv).toBe(
      '2024-01-01 00:00:00.000001+00,"second\nline"\n2024-01-01 00:00:00.000002+00,third\n2024-01-02 10:00:00+00,"fourth, ""quoted"""\n',
    );
    expect((await read("updated_at", "2024-01-02 10:00:00+00")).csv).toBe('2024-01-02 10:00:00+00,"fourth, ""quoted"""\n');
    expect((await read("updated_at", "2024-01-02 10:00:00.000001+00")).rows).toBe(0);
  });

  it("takes the state as wire text of numeric, date and bigint cursors, the saved value included", async () => {
    expect((await read("amount", "2.00")).csv).toBe('2.00,"second\nline"\n3.00,third\n10.50,"fourth, ""quoted"""\n');
    expect((await read("day", "2024-01-03")).csv).toBe('2024-01-03,third\n2024-01-10,"fourth, ""quoted"""\n');
    expect((await read("id", "5")).csv).toBe('5,"fourth, ""quoted"""\n');
  });

  it("uses the last cursor a read produced as the next read's state, reading that value again", async () => {
    await db.exec('CREATE TABLE feed ("select" bigint PRIMARY KEY, body text)');
    await db.exec("INSERT INTO feed SELECT i, 'row ' || i FROM generate_series(1, 10) i");
    const feed = await discoverStream(db.config, "public.feed");
    const once = async (cursor: string | null) =>
      readAll(db.config, [{ stream: feed, incremental: { cursorField: "select", state: cursor === null ? null : { cursor } } }], { maxBatchRows: 4 });
    const first = await once(null);
    expect(first.batches.map((b) => b.rows)).toEqual([4, 4, 2]);
    const last = first.csv.trimEnd().split("\n").at(-1)!.split(",")[0]!;
    await db.exec("INSERT INTO feed SELECT i, 'row ' || i FROM generate_series(11, 13) i");
    expect((await once(last)).csv).toBe("10,row 10\n11,row 11\n12,row 12\n13,row 13\n");
  });

  it("reads rows written after a read with the same cursor value as the saved one (cursor ties are not lost)", async () => {
    await db.exec("CREATE TABLE ties (id int PRIMARY KEY, updated_at timestamp NOT NULL)");
    await db.exec("INSERT INTO ties SELECT i, '2024-05-01 12:00:00' FROM generate_series(1, 3) i");
    const ties = await discoverStream(db.config, "public.ties");
    const once = async (cursor: string | null) =>
      readAll(db.config, [{ stream: ties, incremental: { cursorField: "updated_at", state: cursor === null ? null : { cursor } } }]);
    const first = await once(null);
    const saved = first.csv.trimEnd().split("\n").at(-1)!.split(",")[1]!;
    expect(saved).toBe("2024-05-01 12:00:00");
    // 200 rows land later at exactly the saved cursor, and an old row is updated to it.
    await db.exec("INSERT INTO ties SELECT i, '2024-05-01 12:00:00' FROM generate_series(4, 203) i");
    await db.exec("INSERT INTO ties VALUES (0, '2024-04-01 00:00:00')");
    await db.exec("UPDATE ties SET updated_at = '2024-05-01 12:00:00' WHERE id = 0");
    const second = await once(saved);
    const ids = second.csv
      .trimEnd()
      .split("\n")
      .map((line) => Number(line.split(",")[0]));
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 204 }, (_, i) => i));
  });

  it("treats a hostile state as a value, not as SQL", async () => {
    await expect(read("note", "x'; DROP TABLE events; --")).rejects.toThrow(/cannot be a cursor/);
    await expect(read("updated_at", "x'; DROP TABLE events; --")).rejects.toThrow(/invalid input syntax .*22007/);
    expect((await db.query("SELECT count(*)::int AS n FROM events"))[0]).toEqual({ n: 5 });
  });

  it("refuses incremental reads of views and of columns that are no cursor", async () => {
    const view = await discoverStream(db.config, "public.events_view");
    await expect(readAll(db.config, [{ stream: view, incremental: { cursorField: "updated_at", state: null } }])).rejects.toThrow(
      /is a view: it can only be read in full/,
    );
    const noCursor = { stream: events, columns: ["note"], incremental: { cursorField: "missing", state: null } };
    await expect(readAll(db.config, [noCursor])).rejects.toThrow(/has no column "missing"/);
  });
});
