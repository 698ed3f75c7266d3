// connector.discover of the HTTP source: columns inferred from the first page, keys, cursor candidates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TTestApi, failure, fastSource, httpConfig, startApi, testContext } from "@/connectors/http/api-fixture";
import type { THttpSourceConfig } from "@/connectors/http/config";

const ORDERS = [
  {
    id: 1,
    ref: 3_000_000_000,
    total: 12.5,
    paid: true,
    day: "2024-01-02",
    updated_at: "2024-01-02T03:04:05Z",
    customer: { name: "Ann" },
    tags: ["a"],
    note: null,
  },
  { id: 2, ref: 1, total: 7, paid: false, day: "2024-01-03", updated_at: "2024-01-03T00:00:00.5+01:00", customer: { name: "Bob" }, tags: [], code: "x" },
];

/** 150 records; only those after the 100th have "late". */
const MANY = Array.from({ length: 150 }, (_, i) => (i < 100 ? { n: i } : { n: i, late: "yes" }));

let t: TTestApi;
beforeAll(async () => {
  t = await startApi((req) => {
    if (req.path === "/api/orders") return { json: { data: ORDERS, next: "p2" } };
    if (req.path === "/api/many") return { json: MANY };
    return { json: [] };
  });
});
afterAll(() => t.close());

const discover = (streams: THttpSourceConfig["streams"]) => fastSource.discover(httpConfig(t.baseUrl, streams), testContext());

describe("connector.discover", () => {
  it("infers columns, types and nullability from the first page only", async () => {
    const before = t.requests.length;
    const { streams } = await discover([
      {
        name: "orders",
        path: "/orders",
        recordsPath: "data",
        primaryKey: ["id"],
        pagination: { type: "cursor", cursorPath: "next" },
        incremental: { cursorField: "updated_at", param: "since" },
      },
    ]);
    expect(t.requests.length - before).toBe(1);
    expect(streams).toEqual([
      {
        name: "orders",
        columns: [
          { name: "id", type: { kind: "integer" }, nullable: false, sourceType: "json number" },
          { name: "ref", type: { kind: "bigint" }, nullable: false, sourceType: "json number" },
          {
            name: "total",
            type: { kind: "float" },
            nullable: false,
            sourceType: "json number",
            conversion: expect.stringMatching(/^JSON number → float: the nearest double/),
          },
          { name: "paid", type: { kind: "boolean" }, nullable: false, sourceType: "json boolean" },
          { name: "day", type: { kind: "date" }, nullable: false, sourceType: "json string" },
          {
            name: "updated_at",
            type: { kind: "timestamptz" },
            nullable: false,
            sourceType: "json string",
            conversion: expect.stringMatching(/^ISO 8601 text → timestamptz: the instant in UTC/),
          },
          { name: "customer", type: { kind: "json" }, nullable: false, sourceType: "json object" },
          { name: "tags", type: { kind: "array", items: { kind: "text" } }, nullable: false, sourceType: "json array" },
          { name: "note", type: { kind: "text" }, nullable: true, sourceType: "json null" },
          { name: "code", type: { kind: "text" }, nullable: true, sourceType: "json string" },
        ],
        primaryKey: ["id"],
        cursorCandidates: ["updated_at", "id", "ref", "total", "day"],
        supportsIncremental: true,
      },
    ]);
  });

  it("samples at most 100 records", async () => {
    const { streams } = await discover([{ name: "many", path: "/many" }]);
    expect(streams[0]?.columns.map((c) => c.name)).toEqual(["n"]);
    expect(streams[0]?.supportsIncremental).toBe(false);
  });

  it("fails on an empty first page: there is nothing to infer columns from", async () => {
    expect(await failure(discover([{ name: "empty", path: "/empty" }]))).toMatch(/^Stream "empty": the first page \(GET .*\/api\/empty\) has no records/);
  });

  it("fails when the primary key or cursor field is not among the fields", async () => {
    expect(await failure(discover([{ name: "orders", path: "/orders", recordsPath: "data", primaryKey: ["id", "sku"] }]))).toBe(
      'Stream "orders": primary key fields "sku" not found in the sampled records (fields: id, ref, total, paid, day, updated_at, customer, tags, note, code).',
    );
    expect(await failure(discover([{ name: "orders", path: "/orders", recordsPath: "data", incremental: { cursorField: "modified" } }]))).toContain(
      'cursor field "modified" not found',
    );
  });
});
