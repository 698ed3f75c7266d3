// connector.check of the HTTP source: success, and a useful message for each way it fails, within its time limit.
import { afterEach, describe, expect, it } from "vitest";

import {
  ITEMS,
  type TApiReply,
  type TApiRequest,
  type TTestApi,
  closedPort,
  fastSource,
  httpConfig,
  startApi,
  testContext,
} from "@/connectors/http/api-fixture";
import type { THttpSourceConfig } from "@/connectors/http/config";
import { createHttpSource } from "@/connectors/http/source";

const apis: TTestApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function api(handler: (req: TApiRequest, index: number) => TApiReply): Promise<TTestApi> {
  const started = await startApi(handler);
  apis.push(started);
  return started;
}

async function checkMessage(config: THttpSourceConfig, source = fastSource): Promise<string> {
  const result = await source.check(config, testContext());
  if (result.ok) throw new Error("expected the check to fail");
  return result.message;
}

describe("connector.check", () => {
  it("passes when every stream's first page has records where configured", async () => {
    const t = await api((req) => (req.path === "/api/a" ? { json: ITEMS } : { json: { data: { items: [] } } }));
    const config = httpConfig(t.baseUrl, [
      { name: "a", path: "/a", pagination: { type: "page", sizeParam: "size", size: 3 } },
      { name: "b", path: "/b", recordsPath: "data.items" },
    ]);
    expect(await fastSource.check(config, testContext())).toEqual({ ok: true });
    expect(t.requests.map((r) => `${r.path}?${r.query}`)).toEqual(["/api/a?page=1&size=3", "/api/b?"]);
  });

  it("names the records path that is not in the body, and what is there", async () => {
    const t = await api(() => ({ json: { data: { results: [] }, next: null } }));
    const message = await checkMessage(httpConfig(t.baseUrl, [{ name: "orders", path: "/orders", recordsPath: "data.items" }]));
    expect(message).toMatch(
      /^Stream "orders": recordsPath "data.items" not found in the response of GET 127\.0\.0\.1:\d+\/api\/orders: there is no "items" in "data", which is an object with keys "results"\.$/,
    );
  });

  it("says when the records path holds no array", async () => {
    const t = await api(() => ({ json: { data: { id: 1 } } }));
    expect(await checkMessage(httpConfig(t.baseUrl, [{ name: "one", path: "/one", recordsPath: "data" }]))).toContain(
      'recordsPath "data" is an object with keys "id"',
    );
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const message = await checkMessage(httpConfig(`http://127.0.0.1:${port}`, [{ name: "a", path: "/a" }]));
    expect(message).toBe(`Stream "a": 127.0.0.1:${port} refused the connection (is the API running, and is the port right?); gave up after 3 attempts.`);
  });

  it("reports a timeout", async () => {
    const t = await api(() => "hang");
    const message = await checkMessage(httpConfig(t.baseUrl, [{ name: "a", path: "/a" }], { timeoutSeconds: 0.3, maxRetries: 0 }));
    expect(message).toMatch(/^Stream "a": No response from 127\.0\.0\.1:\d+ within 0\.3 s \(GET 127\.0\.0\.1:\d+\/api\/a\)\.$/);
  });

  it("finishes within its time limit even when the API never answers", async () => {
    const t = await api(() => "hang");
    const source = createHttpSource({ checkTimeLimitMs: 800 });
    const started = Date.now();
    const message = await checkMessage(httpConfig(t.baseUrl, [{ name: "a", path: "/a" }]), source);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(message).toMatch(/No response from 127\.0\.0\.1:\d+ within 0\.8 s/);
  });

  it("reports a body that is not JSON", async () => {
    const t = await api(() => ({ headers: { "content-type": "text/plain" }, text: "OK" }));
    expect(await checkMessage(httpConfig(t.baseUrl, [{ name: "a", path: "/a" }]))).toMatch(
      /^Stream "a": GET .* answered 200 with a body that is not JSON \(content-type: text\/plain\): "OK"\.$/,
    );
  });

  it("reports records that are not objects", async () => {
    const t = await api(() => ({ json: [1, 2] }));
    expect(await checkMessage(httpConfig(t.baseUrl, [{ name: "a", path: "/a" }]))).toContain("must be JSON objects, but record 1 of GET");
  });

  it("reports a configuration it cannot use, naming the field", async () => {
    expect(await checkMessage(httpConfig("ftp://example.test", [{ name: "a", path: "/a" }]))).toBe("HTTP source: baseUrl: must be an http:// or https:// URL.");
    expect(await checkMessage(httpConfig("http://u:p@127.0.0.1:1", [{ name: "a", path: "/a" }]))).toBe(
      "HTTP source: baseUrl: must not hold credentials; use auth.",
    );
    const cursorWithoutPath = { name: "a", path: "/a", pagination: { type: "cursor" } } as unknown as THttpSourceConfig["streams"][number];
    expect(await checkMessage(httpConfig("http://127.0.0.1:1", [cursorWithoutPath]))).toMatch(/^HTTP source: streams\.0\.pagination\.cursorPath: /);
    expect(await checkMessage(httpConfig("http://127.0.0.1:1", [{ name: "a", path: "/a", pagination: { type: "page", sizeParam: "n" } }]))).toBe(
      "HTTP source: streams.0.pagination.size: sizeParam and size go together.",
    );
  });
});
