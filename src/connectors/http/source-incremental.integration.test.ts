// connector.read of the HTTP source, incrementally: the saved cursor goes to the API's parameter and is also filtered here, inclusively.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ITEMS, type TTestApi, discoverStream, failure, httpConfig, itemRows, readBatches, startApi, wireText } from "@/connectors/http/api-fixture";
import type { THttpSourceConfig } from "@/connectors/http/config";
import { atOrAfter, cursorKey, cursorParamValue } from "@/connectors/http/incremental";
import type { TReadRequest } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

let t: TTestApi;
beforeAll(async () => {
  t = await startApi((req) => {
    const since = req.query.get("updated_since");
    // Inclusive, as many APIs are: records updated at or after `since`.
    const inclusive = since ? ITEMS.filter((i) => Date.parse(i.updated_at) >= Date.parse(since)) : ITEMS;
    if (req.path === "/api/inclusive") return { json: { items: inclusive } };
    if (req.path === "/api/ignores") return { json: { items: ITEMS } };
    if (req.path === "/api/by-id") return { json: { items: ITEMS.filter((i) => i.id >= Number(req.query.get("min_id") ?? 0)) } };
    return { status: 404 };
  });
});
afterAll(() => t.close());

const config = (path: string, incremental?: THttpSourceConfig["streams"][number]["incremental"]) =>
  httpConfig(t.baseUrl, [{ name: "items", path, recordsPath: "items", primaryKey: ["id"], incremental }]);

async function readFrom(cfg: THttpSourceConfig, cursorField: string, cursor: string | null) {
  const stream = await discoverStream(cfg, "items");
  const request: TReadRequest = { stream, incremental: { cursorField, state: cursor === null ? null : { cursor } } };
  const before = t.requests.length;
  const batches = await readBatches(cfg, [request]);
  return { stream, text: wireText(batches), queries: t.requests.slice(before).map((r) => r.query.toString()) };
}

describe("incremental reads", () => {
  it("without a state reads everything and sends no cursor", async () => {
    const { stream, text, queries } = await readFrom(config("/inclusive", { cursorField: "updated_at", param: "updated_since" }), "updated_at", null);
    expect(text).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(queries).toEqual([""]);
    expect(stream.supportsIncremental).toBe(true);
  });

  it("sends the saved cursor as ISO 8601 and keeps the records at the saved cursor (the destination drops those it holds)", async () => {
    const { stream, text, queries } = await readFrom(
      config("/inclusive", { cursorField: "updated_at", param: "updated_since" }),
      "updated_at",
      "2024-05-01 10:00:05+00",
    );
    expect(queries).toEqual([new URLSearchParams({ updated_since: "2024-05-01T10:00:05Z" }).toString()]);
    expect(text).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(4))).toString());
  });

  it("filters here when the API ignores the parameter, comparing instants rather than text", async () => {
    // The warehouse may give the cursor back in another spelling: +00:00 and six fractional digits.
    const { stream, text } = await readFrom(
      config("/ignores", { cursorField: "updated_at", param: "updated_since" }),
      "updated_at",
      "2024-05-01T11:00:03.000000+01:00",
    );
    expect(text).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(2))).toString());
  });

  it("filters without sending anything when the stream has no cursor parameter", async () => {
    const { stream, text, queries } = await readFrom(config("/ignores", { cursorField: "updated_at" }), "updated_at", "2024-05-01 10:00:06+00");
    expect(queries).toEqual([""]);
    expect(text).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(5))).toString());
  });

  it("sends numeric cursors as they are and compares them as numbers", async () => {
    const { stream, text, queries } = await readFrom(config("/by-id", { cursorField: "id", param: "min_id" }), "id", "5");
    expect(queries).toEqual(["min_id=5"]);
    expect(text).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(4))).toString());
  });

  it("does not send the parameter for a cursor field other than the configured one, but still filters by it", async () => {
    const { stream, text, queries } = await readFrom(config("/inclusive", { cursorField: "updated_at", param: "updated_since" }), "id", "6");
    expect(queries).toEqual([""]);
    expect(text).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(5))).toString());
  });

  it("refuses a saved cursor that is not a value of the cursor's type", async () => {
    expect(await failure(readFrom(config("/inclusive", { cursorField: "updated_at", param: "updated_since" }), "updated_at", "last tuesday"))).toBe(
      'Stream "items": the saved cursor "last tuesday" is not a timestamptz value of "updated_at"; reset the stream\'s state.',
    );
  });
});

describe("cursorKey / atOrAfter / cursorParamValue", () => {
  it("compares numeric cursors digit for digit, beyond what a double keeps", () => {
    const numeric = { kind: "numeric" } as const;
    const key = (text: string) => cursorKey(numeric, text)!;
    expect(atOrAfter(numeric, key("100.00000000000000001"), key("100.00000000000000000"))).toBe(true);
    expect(atOrAfter(numeric, key("100.00000000000000000"), key("100.00000000000000001"))).toBe(false);
    expect(atOrAfter(numeric, key("1.5e3"), key("1500"))).toBe(true);
    expect(cursorKey(numeric, "lots")).toBeNull();
  });

  it("orders numbers numerically and timestamps as instants", () => {
    const int = { kind: "bigint" } as const;
    expect((cursorKey(int, "10") as bigint) > (cursorKey(int, "9") as bigint)).toBe(true);
    const tz = { kind: "timestamptz" } as const;
    expect(cursorKey(tz, "2024-05-01 10:00:00+00")).toBe(cursorKey(tz, "2024-05-01T12:00:00+02:00"));
    expect(cursorKey(tz, "soon")).toBeNull();
    expect(cursorParamValue(tz, "2024-05-01 10:00:00.25+00")).toBe("2024-05-01T10:00:00.25Z");
    expect(cursorParamValue({ kind: "date" }, "2024-05-01")).toBe("2024-05-01");
  });
});
