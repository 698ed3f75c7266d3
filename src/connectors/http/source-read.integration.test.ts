// connector.read of the HTTP source: projection onto columns, wire encodings, batch bounds, type drift.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TTestApi, discoverStream, failure, httpConfig, readBatches, startApi, wireText } from "@/connectors/http/api-fixture";
import type { TColumn } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

const PAGE_1 = [
  { id: 1, name: 'Smith, "Ann"', score: 1.5, at: "2024-01-02T03:04:05.120+02:00", meta: { a: [1, 2] }, tags: ["x", "y,z"], days: ["2024-01-01"], any: "text" },
  { id: 2, name: "multi\nline", score: 2, at: "2024-01-02T00:00:00Z", meta: { b: null }, tags: [], days: [], any: 5 },
];
/** A later page: a field missing, an extra field, nulls. */
const PAGE_2 = [
  { id: 3, score: null, at: "2024-01-03 00:00:00", meta: "plain string", tags: null, days: ["2024-02-29"], any: { k: true }, extra: "ignored" },
  { id: 4, name: "", score: -0.25, at: "2024-01-04T00:00:00Z", meta: [1], tags: ["q"], days: [], any: null },
];

let t: TTestApi;
beforeAll(async () => {
  t = await startApi((req) => {
    const page = req.query.get("page") ?? "1";
    if (req.path === "/api/rows") return { json: page === "1" ? PAGE_1 : page === "2" ? PAGE_2 : [] };
    if (req.path === "/api/drift") return { json: page === "1" ? [{ id: 1 }, { id: 2 }] : page === "2" ? [{ id: 3 }, { id: "four" }] : [] };
    if (req.path === "/api/big") return { json: page === "1" ? Array.from({ length: 25 }, (_, i) => ({ id: i, pad: "x".repeat(50) })) : [] };
    return { status: 404 };
  });
});
afterAll(() => t.close());

const config = (path: string) => httpConfig(t.baseUrl, [{ name: "s", path, pagination: { type: "page" } }]);

describe("connector.read", () => {
  it("projects records onto the discovered columns: missing → NULL, extras ignored, nested values as JSON, canonical text", async () => {
    const stream = await discoverStream(config("/rows"), "s");
    expect(stream.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", { kind: "integer" }],
      ["name", { kind: "text" }],
      ["score", { kind: "float" }],
      ["at", { kind: "timestamptz" }],
      ["meta", { kind: "json" }],
      ["tags", { kind: "array", items: { kind: "text" } }],
      ["days", { kind: "array", items: { kind: "date" } }],
      ["any", { kind: "json" }],
    ]);
    const batches = await readBatches(config("/rows"), [{ stream }]);
    const expected = encodeWireRows(stream.columns, [
      [1, 'Smith, "Ann"', 1.5, "2024-01-02 01:04:05.12+00", { a: [1, 2] }, ["x", "y,z"], ["2024-01-01"], '"text"'],
      [2, "multi\nline", 2, "2024-01-02 00:00:00+00", { b: null }, [], [], 5],
      [3, null, null, "2024-01-03 00:00:00+00", '"plain string"', null, ["2024-02-29"], { k: true }],
      [4, "", -0.25, "2024-01-04 00:00:00+00", [1], ["q"], [], null],
    ]);
    expect(wireText(batches)).toBe(expected.toString());
    expect(batches.map((b) => [b.stream, b.rows, b.columns.length])).toEqual([["s", 4, 8]]);
    expect(batches[0]?.extractedAt).toBeInstanceOf(Date);
  });

  it("reads the requested columns in the requested order", async () => {
    const stream = await discoverStream(config("/rows"), "s");
    const batches = await readBatches(config("/rows"), [{ stream, columns: ["at", "id"] }]);
    const cols = ["at", "id"].map((n) => stream.columns.find((c) => c.name === n) as TColumn);
    expect(wireText(batches)).toBe(
      encodeWireRows(cols, [
        ["2024-01-02 01:04:05.12+00", 1],
        ["2024-01-02 00:00:00+00", 2],
        ["2024-01-03 00:00:00+00", 3],
        ["2024-01-04 00:00:00+00", 4],
      ]).toString(),
    );
    expect(batches[0]?.columns).toEqual(["at", "id"]);
    expect(await failure(readBatches(config("/rows"), [{ stream, columns: ["nope"] }]))).toBe('Stream "s" has no column "nope"; discover the source again.');
  });

  it("closes batches at maxBatchRows and at maxBatchBytes, each of complete lines", async () => {
    const stream = await discoverStream(config("/big"), "s");
    const all = encodeWireRows(
      stream.columns,
      Array.from({ length: 25 }, (_, i) => [i, "x".repeat(50)]),
    ).toString();
    const byRows = await readBatches(config("/big"), [{ stream }], { maxBatchRows: 10 });
    expect(byRows.map((b) => b.rows)).toEqual([10, 10, 5]);
    expect(wireText(byRows)).toBe(all);
    const byBytes = await readBatches(config("/big"), [{ stream }], { maxBatchBytes: 200 });
    expect(byBytes.map((b) => b.rows)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    expect(byBytes.every((b) => b.csv.toString().endsWith("\n") && b.csv.toString().split("\n").length === b.rows + 1)).toBe(true);
    expect(wireText(byBytes)).toBe(all);
  });

  it("fails clearly when a later page holds a value the discovered type cannot take", async () => {
    const stream = await discoverStream(config("/drift"), "s");
    expect(await failure(readBatches(config("/drift"), [{ stream }]))).toMatch(
      /^Stream "s": record 2 of page 2 \(GET 127\.0\.0\.1:\d+\/api\/drift\?page=2\): field "id" is "four", which is not an integer \(discover inferred an integer from the first page\)\./,
    );
  });

  it("refuses a stream the configuration does not have", async () => {
    const stream = await discoverStream(config("/rows"), "s");
    expect(await failure(readBatches(config("/rows"), [{ stream: { ...stream, name: "other" } }]))).toBe(
      'The HTTP source has no stream "other" (configured: s).',
    );
  });
});
