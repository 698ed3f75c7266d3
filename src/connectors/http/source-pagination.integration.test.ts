// connector.read of the HTTP source: every pagination style, records paths, and the pagination-loop guards.
import { afterEach, describe, expect, it } from "vitest";

import {
  ITEMS,
  type TApiReply,
  type TApiRequest,
  type TTestApi,
  discoverStream,
  failure,
  httpConfig,
  itemRows,
  readBatches,
  readStream,
  startApi,
  wireText,
} from "@/connectors/http/api-fixture";
import { encodeWireRows } from "@/connectors/wire-format";

const apis: TTestApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function api(handler: (req: TApiRequest, index: number) => TApiReply): Promise<TTestApi> {
  const started = await startApi(handler);
  apis.push(started);
  return started;
}

const num = (q: URLSearchParams, name: string, fallback: number) => Number(q.get(name) ?? fallback);

describe("pagination", () => {
  it("none: one request; the body is the array", async () => {
    const t = await api(() => ({ json: ITEMS }));
    const { stream, batches } = await readStream(httpConfig(t.baseUrl, [{ name: "items", path: "/items" }]), "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(stream.columns.map((c) => [c.name, c.type.kind])).toEqual([
      ["id", "integer"],
      ["name", "text"],
      ["updated_at", "timestamptz"],
    ]);
    expect(t.requests.map((r) => r.path)).toEqual(["/api/items", "/api/items"]); // discover, then read
  });

  it("page: page number and size parameters; a short page is the last", async () => {
    const t = await api((req) => {
      const page = num(req.query, "p", 1);
      const size = num(req.query, "per_page", 2);
      return { json: { items: ITEMS.slice((page - 1) * size, page * size) } };
    });
    const config = httpConfig(t.baseUrl, [
      { name: "items", path: "items", recordsPath: "items", pagination: { type: "page", param: "p", sizeParam: "per_page", size: 3 } },
    ]);
    const { stream, batches } = await readStream(config, "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(1).map((r) => r.query.toString())).toEqual(["p=1&per_page=3", "p=2&per_page=3", "p=3&per_page=3"]);
  });

  it("page without a size: reads until an empty page, from the configured start", async () => {
    const t = await api((req) => ({ json: ITEMS.slice(num(req.query, "page", 0) * 3, num(req.query, "page", 0) * 3 + 3) }));
    const config = httpConfig(t.baseUrl, [{ name: "items", path: "/items", pagination: { type: "page", start: 0 } }]);
    const { stream, batches } = await readStream(config, "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(1).map((r) => r.query.get("page"))).toEqual(["0", "1", "2", "3"]);
  });

  it("offset: offset and limit parameters", async () => {
    const t = await api((req) => {
      const offset = num(req.query, "skip", 0);
      return { json: { data: ITEMS.slice(offset, offset + num(req.query, "take", 100)) } };
    });
    const config = httpConfig(t.baseUrl, [
      { name: "items", path: "/items", recordsPath: "data", pagination: { type: "offset", offsetParam: "skip", limitParam: "take", limit: 3 } },
    ]);
    const { stream, batches } = await readStream(config, "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(1).map((r) => r.query.toString())).toEqual(["skip=0&take=3", "skip=3&take=3", "skip=6&take=3"]);
  });

  it("cursor: the next cursor from a nested path of the body, sent in a parameter", async () => {
    const t = await api((req) => {
      const start = Number(req.query.get("after")?.replace("c", "") ?? 0);
      const next = start + 3 < ITEMS.length ? `c${start + 3}` : null;
      return { json: { data: { items: ITEMS.slice(start, start + 3) }, meta: { next_cursor: next } } };
    });
    const config = httpConfig(t.baseUrl, [
      {
        name: "items",
        path: "/items",
        params: { status: "all" },
        recordsPath: "data.items",
        pagination: { type: "cursor", cursorPath: "meta.next_cursor", param: "after" },
      },
    ]);
    const { stream, batches } = await readStream(config, "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(1).map((r) => r.query.toString())).toEqual(["status=all", "status=all&after=c3", "status=all&after=c6"]);
  });

  it("link: follows rel=next in the Link header, relative or absolute", async () => {
    const t = await api((req) => {
      const page = num(req.query, "page", 1);
      const links = [
        page === 1 ? '<items?page=2>; rel="next"' : page === 2 ? `<${t.baseUrl}/items?page=3>; rel="next"` : "",
        '</api/items?page=3>; rel="last"',
      ];
      return { headers: { link: links.filter(Boolean).join(", ") }, json: ITEMS.slice((page - 1) * 3, page * 3) };
    });
    const { stream, batches } = await readStream(httpConfig(t.baseUrl, [{ name: "items", path: "/items", pagination: { type: "link" } }]), "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(1).map((r) => r.query.get("page"))).toEqual([null, "2", "3"]);
  });

  it("finds records at a nested path with an array index", async () => {
    const t = await api(() => ({ json: { response: { results: [{ rows: ITEMS.slice(0, 2) }] }, total: 2 } }));
    const config = httpConfig(t.baseUrl, [{ name: "items", path: "/items", recordsPath: "response.results.0.rows" }]);
    const { stream, batches } = await readStream(config, "items");
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows(ITEMS.slice(0, 2))).toString());
  });

  it("treats null at the records path as an empty page", async () => {
    const t = await api((_req, i) => ({ json: { data: i === 0 ? ITEMS.slice(0, 1) : null } }));
    const { batches } = await readStream(httpConfig(t.baseUrl, [{ name: "items", path: "/items", recordsPath: "data" }]), "items");
    expect(batches).toEqual([]);
  });
});

describe("pagination loops", () => {
  it("stops with an error when the API returns the same cursor twice", async () => {
    const t = await api(() => ({ json: { items: ITEMS.slice(0, 2), next: "abc" } }));
    const config = httpConfig(t.baseUrl, [
      { name: "items", path: "/items", recordsPath: "items", pagination: { type: "cursor", cursorPath: "next", param: "cursor" } },
    ]);
    const stream = await discoverStream(config, "items");
    const message = await failure(readBatches(config, [{ stream }]));
    expect(message).toContain('Stream "items": the API returned the next cursor "abc" again');
    expect(message).toContain("cursor=abc");
    expect(t.requests).toHaveLength(3);
  });

  it("stops with an error when a next link points back to a page already read", async () => {
    const t = await api((req) => ({ headers: { link: `<items?page=${req.query.get("page") === "2" ? 1 : 2}>; rel="next"` }, json: ITEMS.slice(0, 1) }));
    const config = httpConfig(t.baseUrl, [{ name: "items", path: "/items?page=1", pagination: { type: "link" } }]);
    const stream = await discoverStream(config, "items");
    const message = await failure(readBatches(config, [{ stream }]));
    expect(message).toMatch(/^Stream "items": the API sent the next link 127\.0\.0\.1:\d+\/api\/items\?page=1 again/);
  });

  it("stops with an error when the API ignores the page parameter", async () => {
    const t = await api(() => ({ json: ITEMS.slice(0, 3) }));
    const config = httpConfig(t.baseUrl, [{ name: "items", path: "/items", pagination: { type: "page", sizeParam: "size", size: 3 } }]);
    const stream = await discoverStream(config, "items");
    const message = await failure(readBatches(config, [{ stream }]));
    expect(message).toMatch(/page=2&size=3 returned the same records as GET .*page=1&size=3, so the API seems to ignore the paging parameter/);
  });

  it("refuses a next link to another host", async () => {
    const t = await api(() => ({ headers: { link: '<http://127.0.0.2:9/elsewhere>; rel="next"' }, json: ITEMS.slice(0, 1) }));
    const config = httpConfig(t.baseUrl, [{ name: "items", path: "/items", pagination: { type: "link" } }]);
    const stream = await discoverStream(config, "items");
    expect(await failure(readBatches(config, [{ stream }]))).toContain("the next link points to another host (127.0.0.2:9)");
  });
});
