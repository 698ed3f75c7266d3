// connector.check and connector.discover of the files source, on real files in a temp folder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TFilesFolder, createFilesFolder, discoverStream, testContext } from "@/connectors/files/files-fixture";
import { connector } from "@/connectors/files/source";
import type { TWeirType } from "@/connectors/types";

let folder: TFilesFolder;

const ORDERS_CSV = 'id,customer,amount,note,created_at\n1,"Smith, Ann",12.50,"",2024-01-02 03:04:05\n2,"Multi\nline",7,,2024-01-03 00:00:00\n';
const EVENTS_NDJSON = [
  '{"id": 1, "user": {"name": "Ann", "tags": ["x", "y"]}, "scores": [1, 2, 3], "items": [{"sku": "A", "q": 1}], "day": "2024-01-02", "ok": true, "ratio": 1.5}',
  '{"id": 2, "user": {"name": "Bob", "tags": []}, "scores": [], "items": [], "day": null, "ok": false, "ratio": 5}',
].join("\n");

beforeAll(async () => {
  folder = createFilesFolder();
  folder.write("orders/2024-01.csv", ORDERS_CSV);
  folder.write("orders/2024-02.csv", "id,customer,amount,note,created_at\n3,Cy,1.25,x,2024-02-01 00:00:00\n");
  folder.write("semi/a.csv", "code;label\n007;James\n");
  folder.write("events/1.ndjson", EVENTS_NDJSON);
  await folder.writeParquet(
    "facts/f.parquet",
    `SELECT 1::INTEGER AS id, 2::BIGINT AS big, 12.50::DECIMAL(10,2) AS price, 0.1::FLOAT AS f, 1.0::DOUBLE AS d, true AS flag,
       'a' AS name, DATE '2024-02-29' AS day, TIMESTAMP '2024-01-02 03:04:05' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' AS tstz,
       '\\x00\\xFF'::BLOB AS raw, [1, NULL, 3]::INTEGER[] AS ints, {'k': 1} AS obj, MAP {'a': 1} AS m, 18446744073709551615::UBIGINT AS huge
     FROM range(3)`,
  );
  folder.write("bad/good.ndjson", '{"a": 1}\n');
  folder.write("bad/broken.ndjson", '{"a": 1}\n{"a": \n');
  folder.write("badparquet/x.parquet", "this is not parquet");
});
afterAll(() => folder.remove());

const typesOf = (columns: { name: string; type: TWeirType }[]) => Object.fromEntries(columns.map((c) => [c.name, c.type]));

describe("connector.discover", () => {
  it("types CSV columns from DuckDB's inference and adds the file columns", async () => {
    const stream = await discoverStream(folder.config({ name: "orders", pattern: "orders/*.csv", format: "csv", primaryKey: ["id"] }), "orders");
    expect(typesOf(stream.columns)).toEqual({
      id: { kind: "bigint" },
      customer: { kind: "text" },
      amount: { kind: "float" },
      note: { kind: "text" },
      created_at: { kind: "timestamp" },
      _weir_file: { kind: "text" },
      _weir_file_mtime: { kind: "timestamptz" },
    });
    expect(stream).toMatchObject({ primaryKey: ["id"], cursorCandidates: ["_weir_file_mtime"], supportsIncremental: true });
  });

  it("honours the delimiter option", async () => {
    const stream = await discoverStream(folder.config({ name: "semi", pattern: "semi/*.csv", format: "csv", csv: { delimiter: ";" } }), "semi");
    expect(stream.columns.map((c) => c.name)).toEqual(["code", "label", "_weir_file", "_weir_file_mtime"]);
  });

  it("types nested NDJSON: objects and lists of objects as json, lists of scalars as arrays", async () => {
    const stream = await discoverStream(folder.config({ name: "events", pattern: "events/*.ndjson", format: "ndjson" }), "events");
    expect(typesOf(stream.columns)).toMatchObject({
      id: { kind: "bigint" },
      user: { kind: "json" },
      scores: { kind: "array", items: { kind: "bigint" } },
      items: { kind: "json" },
      day: { kind: "date" },
      ok: { kind: "boolean" },
      ratio: { kind: "float" },
    });
  });

  it("maps Parquet's types and estimates rows from the footers", async () => {
    const stream = await discoverStream(folder.config({ name: "facts", pattern: "facts/*.parquet", format: "parquet" }), "facts");
    expect(typesOf(stream.columns)).toMatchObject({
      id: { kind: "integer" },
      big: { kind: "bigint" },
      price: { kind: "numeric", precision: 10, scale: 2 },
      f: { kind: "float" },
      d: { kind: "float" },
      flag: { kind: "boolean" },
      name: { kind: "text" },
      day: { kind: "date" },
      ts: { kind: "timestamp" },
      tstz: { kind: "timestamptz" },
      raw: { kind: "bytes" },
      ints: { kind: "array", items: { kind: "integer" } },
      obj: { kind: "json" },
      m: { kind: "json" },
      huge: { kind: "numeric" },
    });
    expect(stream.estimatedRows).toBe(3);
  });

  it("rejects a primary key the files do not have", async () => {
    const config = folder.config({ name: "orders", pattern: "orders/*.csv", format: "csv", primaryKey: ["order_id"] });
    await expect(connector.discover(config, testContext())).rejects.toThrow(/primary key column "order_id" not found/);
  });
});

describe("connector.check", () => {
  it("passes when every stream's files parse", async () => {
    const config = folder.config(
      { name: "orders", pattern: "orders/*.csv", format: "csv" },
      { name: "events", pattern: "events/*.ndjson", format: "ndjson" },
      { name: "facts", pattern: "facts/*.parquet", format: "parquet" },
    );
    await expect(connector.check(config, testContext())).resolves.toEqual({ ok: true });
  });

  it("names the stream and the pattern that match no files", async () => {
    const config = folder.config({ name: "orders", pattern: "orders/*.csv", format: "csv" }, { name: "refunds", pattern: "refunds/*.csv", format: "csv" });
    const result = await connector.check(config, testContext());
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Stream "refunds": pattern "refunds/*.csv" matches no files') });
    expect(result.ok === false && result.message).not.toContain('"orders"');
  });

  it("names the file that fails to parse, with DuckDB's message", async () => {
    const result = await connector.check(folder.config({ name: "bad", pattern: "bad/*.ndjson", format: "ndjson" }), testContext());
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(/Stream "bad": file "bad\/broken.ndjson" cannot be read as ndjson: .*Malformed JSON/);
  });

  it("names a file that is not Parquet", async () => {
    const result = await connector.check(folder.config({ name: "p", pattern: "badparquet/*.parquet", format: "parquet" }), testContext());
    expect(result.ok === false && result.message).toMatch(/file "badparquet\/x.parquet" cannot be read as parquet: .*magic bytes/);
  });

  it("says when basePath does not exist", async () => {
    const result = await connector.check({ basePath: `${folder.dir}/nope`, streams: [{ name: "s", pattern: "*.csv", format: "csv" }] }, testContext());
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/basePath .*\/nope does not exist/) });
  });

  it("rejects a pattern that leaves basePath", async () => {
    const result = await connector.check(folder.config({ name: "s", pattern: "../*.csv", format: "csv" }), testContext());
    expect(result).toEqual({ ok: false, message: expect.stringContaining("streams.0.pattern: must not leave basePath") });
  });
});
