// connector.read of the files source: wire output per format, column selection, schema stability, errors.
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TFilesFolder, createFilesFolder, discoverStream, readBatches, wireText } from "@/connectors/files/files-fixture";
import type { TColumn, TStreamDescriptor } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

let folder: TFilesFolder;
const T1 = new Date("2024-05-01T00:00:00Z");
const T2 = new Date("2024-05-02T12:30:00.250Z");

beforeAll(async () => {
  folder = createFilesFolder();
  folder.write(
    "orders/2024-01.csv",
    'id,customer,amount,note,created_at\n1,"Smith, Ann",12.50,"",2024-01-02 03:04:05\n2,"Multi\nline",7,,2024-01-03 00:00:00\n3,"He said ""hi""",-1.25,plain,2024-01-04 10:00:00.5\n',
    T1,
  );
  folder.write("semi/a.csv", 'code;label\n007;"x;y"\n', T1);
  folder.write(
    "events/1.ndjson",
    [
      '{"id": 1, "user": {"name": "Ann", "tags": ["x", "y"]}, "scores": [1, null, 3], "items": [{"sku": "A", "q": 1}], "day": "2024-01-02", "ratio": 1.5}',
      '{"id": 2, "user": {"name": "Bob", "tags": []}, "scores": [], "items": [], "day": null, "ratio": 5}',
    ].join("\n"),
    T1,
  );
  await folder.writeParquet(
    "facts/f.parquet",
    `SELECT 1::INTEGER AS id, 12.50::DECIMAL(10,2) AS price, 0.1::FLOAT AS f, 1.0::DOUBLE AS d, 'nan'::DOUBLE AS nan, true AS flag,
       DATE '2024-02-29' AS day, TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' AS tstz, '\\x00\\xFF'::BLOB AS raw,
       [1, NULL, 3]::INTEGER[] AS ints, ['a,b', 'q"'] AS words, {'k': 1} AS obj`,
    T2,
  );
  folder.write("zips/1.csv", "zip,city\n01234,Ann Arbor\nA-100,Elsewhere\n", T1);
  folder.write("zips/2.csv", "city,zip\nBoston,02134\n", T2);
  folder.write("typo/a.csv", "n\n1\n2\n", T1);
  // Parquet's INTERVAL holds no negative parts.
  await folder.writeParquet(
    "clock/c.parquet",
    `SELECT * FROM (VALUES
       (TIME '04:05:06.5', INTERVAL '1 year 2 months 3 days 04:05:06.5', DATE '0044-03-15 (BC)', TIMESTAMP '-0043-03-15 10:00:00.25', [INTERVAL '90 minutes']),
       (TIME '24:00:00', INTERVAL '14 months', DATE 'infinity', TIMESTAMP 'infinity', [])) t(t, i, d, ts, li)`,
    T1,
  );
  folder.write("clock/times.csv", "at,label\n10:00:00,a\n23:59:59.25,b\n", T1);
});
afterAll(() => folder.remove());

const fileColumns = (rel: string, mtime: string) => [rel, mtime];
const dataColumns = (stream: TStreamDescriptor): TColumn[] => stream.columns;

describe("connector.read", () => {
  it("reads TIME, INTERVAL and dates before year 1 as the wire writes them (PostgreSQL's spellings)", async () => {
    const config = folder.config({ name: "clock", pattern: "clock/*.parquet", format: "parquet" });
    const stream = await discoverStream(config, "clock");
    expect(stream.columns.slice(0, 5).map((c) => c.type)).toEqual([
      { kind: "time" },
      { kind: "interval" },
      { kind: "date" },
      { kind: "timestamp" },
      { kind: "array", items: { kind: "interval" } },
    ]);
    expect(wireText(await readBatches(config, [{ stream, columns: ["t", "i", "d", "ts", "li"] }]))).toBe(
      '04:05:06.5,P1Y2M3DT4H5M6.5S,0044-03-15 BC,0044-03-15 10:00:00.25 BC,"[""PT1H30M""]"\n24:00:00,P1Y2M,infinity,infinity,[]\n',
    );
  });

  it("reads times DuckDB sniffs in CSV as time", async () => {
    const config = folder.config({ name: "times", pattern: "clock/*.csv", format: "csv" });
    const stream = await discoverStream(config, "times");
    expect(stream.columns[0]).toMatchObject({ name: "at", type: { kind: "time" }, sourceType: "TIME" });
    expect(wireText(await readBatches(config, [{ stream, columns: ["at"] }]))).toBe("10:00:00\n23:59:59.25\n");
  });

  it("reads CSV as wire text: quoted commas and newlines, empty string vs NULL, floats in JavaScript's spelling", async () => {
    const config = folder.config({ name: "orders", pattern: "orders/*.csv", format: "csv" });
    const stream = await discoverStream(config, "orders");
    const batches = await readBatches(config, [{ stream }]);
    const file = fileColumns("orders/2024-01.csv", "2024-05-01 00:00:00+00");
    const expected = encodeWireRows(dataColumns(stream), [
      [1, "Smith, Ann", 12.5, "", "2024-01-02 03:04:05", ...file],
      [2, "Multi\nline", 7, null, "2024-01-03 00:00:00", ...file],
      [3, 'He said "hi"', -1.25, "plain", "2024-01-04 10:00:00.5", ...file],
    ]);
    expect(wireText(batches)).toBe(expected.toString());
    expect(batches.map((b) => b.rows)).toEqual([3]);
    expect(batches[0]).toMatchObject({ stream: "orders", columns: stream.columns.map((c) => c.name) });
  });

  it("reads CSV with another delimiter, keeping text that looks like a number", async () => {
    const config = folder.config({ name: "semi", pattern: "semi/*.csv", format: "csv", csv: { delimiter: ";" } });
    const stream = await discoverStream(config, "semi");
    const batches = await readBatches(config, [{ stream }]);
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, [["007", "x;y", "semi/a.csv", "2024-05-01 00:00:00+00"]]).toString());
  });

  it("reads NDJSON: objects as JSON text, arrays as JSON arrays of wire values", async () => {
    const config = folder.config({ name: "events", pattern: "events/*.ndjson", format: "ndjson" });
    const stream = await discoverStream(config, "events");
    const file = fileColumns("events/1.ndjson", "2024-05-01 00:00:00+00");
    const expected = encodeWireRows(stream.columns, [
      [1, { name: "Ann", tags: ["x", "y"] }, [1, null, 3], [{ sku: "A", q: 1 }], "2024-01-02", 1.5, ...file],
      [2, { name: "Bob", tags: [] }, [], [], null, 5, ...file],
    ]);
    expect(wireText(await readBatches(config, [{ stream }]))).toBe(expected.toString());
  });

  it("reads Parquet: decimals, floats, NaN, timestamptz in UTC, bytes as base64, lists and structs", async () => {
    const config = folder.config({ name: "facts", pattern: "facts/*.parquet", format: "parquet" });
    const stream = await discoverStream(config, "facts");
    const row = [
      1,
      "12.50",
      0.1,
      1,
      Number.NaN,
      true,
      "2024-02-29",
      "2024-01-02 03:04:05.123456+00",
      Uint8Array.from([0, 255]),
      [1, null, 3],
      ["a,b", 'q"'],
      { k: 1 },
    ];
    const expected = encodeWireRows(stream.columns, [[...row, "facts/f.parquet", "2024-05-02 12:30:00.25+00"]]);
    expect(wireText(await readBatches(config, [{ stream }]))).toBe(expected.toString());
  });

  it("reads CSV timestamps with offsets as timestamptz in UTC", async () => {
    folder.write("tz/a.csv", "id,at\n1,2024-01-02 05:04:05.5+02\n2,2024-01-02 03:04:05Z\n", T1);
    const config = folder.config({ name: "tz", pattern: "tz/*.csv", format: "csv" });
    const stream = await discoverStream(config, "tz");
    expect(stream.columns[1]).toMatchObject({ name: "at", type: { kind: "timestamptz" } });
    const text = wireText(await readBatches(config, [{ stream, columns: ["id", "at"] }]));
    expect(text).toBe("1,2024-01-02 03:04:05.5+00\n2,2024-01-02 03:04:05+00\n");
  });

  it("reads gzip-compressed CSV, detected by the .gz extension", async () => {
    folder.write("gz/a.csv.gz", gzipSync("id,v\n1,x\n"), T1);
    const config = folder.config({ name: "gz", pattern: "gz/*.csv.gz", format: "csv" });
    const stream = await discoverStream(config, "gz");
    expect(wireText(await readBatches(config, [{ stream }]))).toBe("1,x,gz/a.csv.gz,2024-05-01 00:00:00+00\n");
  });

  it("reads the requested columns in the requested order", async () => {
    const config = folder.config({ name: "orders", pattern: "orders/*.csv", format: "csv" });
    const stream = await discoverStream(config, "orders");
    const batches = await readBatches(config, [{ stream, columns: ["_weir_file", "amount", "id"] }]);
    expect(batches[0]?.columns).toEqual(["_weir_file", "amount", "id"]);
    expect(wireText(batches)).toBe("orders/2024-01.csv,12.5,1\norders/2024-01.csv,7,2\norders/2024-01.csv,-1.25,3\n");
  });

  it("parses every file with the discovered types, so a file alone is not re-inferred", async () => {
    const config = folder.config({ name: "zips", pattern: "zips/*.csv", format: "csv" });
    const stream = await discoverStream(config, "zips");
    const batches = await readBatches(config, [{ stream, incremental: { cursorField: "_weir_file_mtime", state: { cursor: "2024-05-01 00:00:00+00" } } }]);
    // zips/2.csv alone would be sniffed as a number; the stream says text.
    expect(wireText(batches)).toBe("02134,Boston,zips/2.csv,2024-05-02 12:30:00.25+00\n");
  });

  it("tells files apart when the data has a column named file_index, like DuckDB's virtual column", async () => {
    folder.write("shadow/1.csv", "file_index,v\n7,a\n", T1);
    folder.write("shadow/2.csv", "file_index,v\n8,b\n", T2);
    const config = folder.config({ name: "shadow", pattern: "shadow/*.csv", format: "csv" });
    const stream = await discoverStream(config, "shadow");
    const batches = await readBatches(config, [{ stream }]);
    expect(wireText(batches)).toBe("7,a,shadow/1.csv,2024-05-01 00:00:00+00\n8,b,shadow/2.csv,2024-05-02 12:30:00.25+00\n");
  });

  it("fails naming the file when a value no longer fits the discovered type", async () => {
    const config = folder.config({ name: "typo", pattern: "typo/*.csv", format: "csv" });
    const stream = await discoverStream(config, "typo");
    folder.write("typo/b.csv", "n\nthree\n", T2);
    await expect(readBatches(config, [{ stream }])).rejects.toThrow(/Stream "typo": file "typo\/b.csv" cannot be read as csv: .*three/);
  });

  it("fails when a full read's pattern matches nothing, rather than loading an empty copy", async () => {
    const config = folder.config({ name: "gone", pattern: "gone/*.csv", format: "csv" });
    const stream: TStreamDescriptor = { name: "gone", columns: [], primaryKey: [], cursorCandidates: [], supportsIncremental: true };
    await expect(readBatches(config, [{ stream }])).rejects.toThrow(/Stream "gone": pattern "gone\/\*.csv" matches no files/);
  });
});
