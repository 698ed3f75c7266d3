// connector.discover and read of the HTTP source with numbers JSON.parse would round: they arrive digit for digit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TTestApi, discoverStream, httpConfig, readBatches, startApi, wireText } from "@/connectors/http/api-fixture";

/** Raw JSON text: the fixture's JSON.stringify could not write these numbers. */
const ROWS = `[
  {"id": 9223372036854775807, "amount": 12345678901234567890.123456789, "ratio": 0.1, "meta": {"big": 123456789012345678901234567890, "small": 1}, "label": 18446744073709551616, "ids": [9007199254740993, 1]},
  {"id": 9007199254740993, "amount": 1e-7, "ratio": 2.5, "meta": {"x": [1.000000000000000000001]}, "label": "plain", "ids": []}
]`;

let t: TTestApi;
beforeAll(async () => {
  t = await startApi((req) => {
    const json = { "content-type": "application/json" };
    if (req.path === "/api/rows") return { headers: json, text: ROWS };
    if (req.path === "/api/paged") {
      // Cursor pagination whose next cursor is a number beyond 2^64.
      const cursor = req.query.get("cursor");
      if (!cursor) return { headers: json, text: `{"items": [{"n": 1}], "next": 123456789012345678901234567}` };
      return { headers: json, text: cursor === "123456789012345678901234567" ? `{"items": [{"n": 2}], "next": null}` : `{"items": [], "next": null}` };
    }
    return { status: 404 };
  });
});
afterAll(() => t.close());

describe("exact numbers", () => {
  it("infers bigint, numeric and json for numbers a double cannot keep, and reads every digit", async () => {
    const config = httpConfig(t.baseUrl, [{ name: "s", path: "/rows", pagination: { type: "none" } }]);
    const stream = await discoverStream(config, "s");
    expect(stream.columns.map((c) => [c.name, c.type.kind === "array" ? `array of ${c.type.items.kind}` : c.type.kind])).toEqual([
      ["id", "bigint"],
      ["amount", "numeric"],
      ["ratio", "float"],
      ["meta", "json"],
      ["label", "json"],
      ["ids", "array of bigint"],
    ]);
    expect(wireText(await readBatches(config, [{ stream }]))).toBe(
      [
        `9223372036854775807,12345678901234567890.123456789,0.1,"{""big"":123456789012345678901234567890,""small"":1}",18446744073709551616,"[9007199254740993,1]"`,
        `9007199254740993,0.0000001,2.5,"{""x"":[1.000000000000000000001]}","""plain""",[]`,
        "",
      ].join("\n"),
    );
  });

  it("sends a next cursor beyond 2^64 back exactly", async () => {
    const config = httpConfig(t.baseUrl, [
      { name: "s", path: "/paged", recordsPath: "items", pagination: { type: "cursor", cursorPath: "next", param: "cursor" } },
    ]);
    const stream = await discoverStream(config, "s");
    const before = t.requests.length;
    expect(wireText(await readBatches(config, [{ stream }]))).toBe("1\n2\n");
    expect(t.requests.slice(before).map((r) => r.query.get("cursor"))).toEqual([null, "123456789012345678901234567"]);
  });

  it("keeps records at a bigint cursor beyond 2^53, comparing exactly", async () => {
    const config = httpConfig(t.baseUrl, [{ name: "s", path: "/rows", pagination: { type: "none" }, incremental: { cursorField: "id" } }]);
    const stream = await discoverStream(config, "s");
    const read = async (cursor: string) =>
      wireText(await readBatches(config, [{ stream, columns: ["id"], incremental: { cursorField: "id", state: { cursor } } }]));
    expect(await read("9007199254740993")).toBe("9223372036854775807\n9007199254740993\n");
    expect(await read("9007199254740994")).toBe("9223372036854775807\n");
  });
});
