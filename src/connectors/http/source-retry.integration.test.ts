// connector.read of the HTTP source through failing APIs: 429 with Retry-After, 503s, 500 forever, non-JSON, abort; retries in the run's log.
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
  startApi,
  testContext,
  wireText,
} from "@/connectors/http/api-fixture";
import { connector } from "@/connectors/http/source";
import { encodeWireRows } from "@/connectors/wire-format";
import { until } from "@/lib/testing/until";

const apis: TTestApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function api(handler: (req: TApiRequest, index: number) => TApiReply): Promise<TTestApi> {
  const started = await startApi(handler);
  apis.push(started);
  return started;
}

/** An API paged by ?page= (3 per page) whose handler may fail some requests first. */
function pagedItems(req: TApiRequest): TApiReply {
  const page = Number(req.query.get("page") ?? 1);
  return { json: ITEMS.slice((page - 1) * 3, page * 3) };
}
const pagedConfig = (t: TTestApi, extra = {}) =>
  httpConfig(t.baseUrl, [{ name: "items", path: "/items", pagination: { type: "page", sizeParam: "size", size: 3 } }], extra);

describe("retries", () => {
  it("honours Retry-After on a 429 in the middle of a read, then carries on", async () => {
    let limited = false;
    const t = await api((req) => {
      if (req.query.get("page") === "2" && !limited) {
        limited = true;
        return { status: 429, headers: { "retry-after": "1" }, json: { error: "rate limited" } };
      }
      return pagedItems(req);
    });
    const config = pagedConfig(t);
    const stream = await discoverStream(config, "items");
    // The production connector: its backoff would be 0.5–1 s, Retry-After asks for 1 s.
    const batches: Buffer[] = [];
    for await (const batch of connector.read(config, [{ stream }], testContext())) batches.push(batch.csv);
    expect(Buffer.concat(batches).toString()).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    const [limitedReq, retried] = t.requests.filter((r) => r.query.get("page") === "2");
    expect((retried?.at ?? 0) - (limitedReq?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("tells the run's log (ctx.notice) about each retry and wait, without the query or the key", async () => {
    let failures = 0;
    const t = await api((req) =>
      req.query.get("page") === "2" && failures++ < 2
        ? { status: failures === 1 ? 429 : 500, headers: failures === 1 ? { "retry-after": "0" } : {}, text: "k3y" }
        : pagedItems(req),
    );
    const config = pagedConfig(t, { auth: { type: "apiKey", headerName: "x-api-key", headerValue: "k3y-123" } });
    const stream = await discoverStream(config, "items");
    const notices: string[] = [];
    const batches = await readBatches({ ...config, streams: [{ ...config.streams[0]!, params: { api_key: "k3y-123" } }] }, [{ stream }], {
      notice: (line: string) => notices.push(line),
    });
    expect(wireText(batches)).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    const host = new URL(t.origin).host;
    expect(notices).toHaveLength(2);
    expect(notices[0]).toBe(`HTTP source: GET ${host}/api/items answered 429 Too Many Requests; waiting 0.0 s as its Retry-After asks, then retry 1 of 5.`);
    expect(notices[1]).toMatch(new RegExp(`^HTTP source: GET ${host}/api/items answered 500 Internal Server Error; waiting 0\\.0 s, then retry 2 of 5\\.$`));
    expect(notices.join("\n")).not.toMatch(/k3y|page=|api_key/);
  });

  it("retries 503 twice, then reads everything once", async () => {
    let failures = 0;
    const t = await api((req) => (req.query.get("page") === "1" && failures++ < 2 ? { status: 503, text: "upstream busy" } : pagedItems(req)));
    const config = pagedConfig(t);
    const stream = await discoverStream(config, "items");
    failures = 0;
    const before = t.requests.length;
    expect(wireText(await readBatches(config, [{ stream }]))).toBe(encodeWireRows(stream.columns, itemRows()).toString());
    expect(t.requests.slice(before).map((r) => r.query.get("page"))).toEqual(["1", "1", "1", "2", "3"]);
  });

  it("fails after maxRetries on 500 forever, with status, path and the body", async () => {
    const t = await api(() => ({ status: 500, json: { error: "database exploded" } }));
    const config = { ...pagedConfig(t), maxRetries: 2 };
    const message = await failure(
      readBatches(config, [{ stream: { name: "items", columns: [], primaryKey: [], cursorCandidates: [], supportsIncremental: false } }]),
    );
    expect(message).toBe(
      `The API kept failing: 500 Internal Server Error from GET 127.0.0.1:${new URL(t.origin).port}/api/items?page=1&size=3: "{"error":"database exploded"}"; gave up after 3 attempts.`,
    );
    expect(t.requests).toHaveLength(3);
  });

  it("fails on a body that is not JSON, quoting it", async () => {
    const t = await api(() => ({ headers: { "content-type": "text/html" }, text: "<html><body>Maintenance</body></html>" }));
    const message = await failure(discoverStream(httpConfig(t.baseUrl, [{ name: "items", path: "/items" }]), "items"));
    expect(message).toMatch(/answered 200 with a body that is not JSON \(content-type: text\/html\): "<html><body>Maintenance<\/body><\/html>"\.$/);
  });

  it("stops reading when the signal aborts", async () => {
    const t = await api((req) => (req.query.get("page") === "2" ? "hang" : pagedItems(req)));
    const config = pagedConfig(t);
    const stream = await discoverStream(config, "items");
    const controller = new AbortController();
    const rows: number[] = [];
    const reading = (async () => {
      for await (const batch of connector.read(config, [{ stream }], { ...testContext(controller.signal), maxBatchRows: 1 })) {
        rows.push(batch.rows);
      }
    })();
    // Abort while the read waits on page 2, which never answers.
    await until(
      "the request for page 2",
      () => t.requests.some((r) => r.query.get("page") === "2"),
      5_000,
      () => JSON.stringify(rows),
      10,
    );
    controller.abort(new Error("run cancelled"));
    expect(await failure(reading)).toBe("run cancelled");
    expect(rows).toEqual([1, 1, 1]);
  });
});
