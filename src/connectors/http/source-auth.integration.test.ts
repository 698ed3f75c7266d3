// The HTTP source's auth styles against an API that rejects wrong credentials with 401; secrets never in messages.
import type { IncomingHttpHeaders } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ITEMS, type TTestApi, fastSource, httpConfig, readStream, startApi, testContext, wireText } from "@/connectors/http/api-fixture";
import type { THttpSourceConfig } from "@/connectors/http/config";
import { encodeWireRows } from "@/connectors/wire-format";

const TOKEN = "tok-7f3a9c";
const PASSWORD = "pa55:word-é";
const API_KEY = "key-19b2e8";

/** One API per auth style, each accepting only the right credentials. */
const GUARDS: Record<string, (h: IncomingHttpHeaders) => boolean> = {
  bearer: (h) => h.authorization === `Bearer ${TOKEN}`,
  basic: (h) => h.authorization === `Basic ${Buffer.from(`ann:${PASSWORD}`, "utf8").toString("base64")}`,
  apikey: (h) => h["x-api-key"] === API_KEY,
};

let t: TTestApi;
beforeAll(async () => {
  t = await startApi((req) => {
    const style = req.path.split("/")[2] ?? "";
    const guard = GUARDS[style];
    if (guard && !guard(req.headers))
      return { status: 401, json: { error: `bad credentials: got ${req.headers.authorization ?? req.headers["x-api-key"] ?? "none"}` } };
    return { json: ITEMS.slice(0, 2) };
  });
});
afterAll(() => t.close());

const config = (style: string, auth: THttpSourceConfig["auth"], extra: Partial<THttpSourceConfig> = {}) =>
  httpConfig(t.baseUrl, [{ name: "items", path: `/${style}/items` }], { auth, ...extra });

const CASES: [string, THttpSourceConfig["auth"], THttpSourceConfig["auth"], string][] = [
  ["bearer", { type: "bearer", token: TOKEN }, { type: "bearer", token: "wrong-token" }, "wrong-token"],
  ["basic", { type: "basic", username: "ann", password: PASSWORD }, { type: "basic", username: "ann", password: "not-it" }, "not-it"],
  ["apikey", { type: "apiKey", headerName: "X-API-Key", headerValue: API_KEY }, { type: "apiKey", headerName: "X-API-Key", headerValue: "bad-key" }, "bad-key"],
];

describe("auth", () => {
  for (const [style, good, bad, badSecret] of CASES) {
    it(`${style}: reads with the right credentials`, async () => {
      expect(await fastSource.check(config(style, good), testContext())).toEqual({ ok: true });
      const { stream, batches } = await readStream(config(style, good), "items");
      expect(wireText(batches)).toBe(
        encodeWireRows(
          stream.columns,
          ITEMS.slice(0, 2).map((i) => [i.id, i.name, i.updated_at.replace("T", " ").replace("Z", "+00")]),
        ).toString(),
      );
    });

    it(`${style}: check says the API refused the credentials, without repeating them`, async () => {
      const result = await fastSource.check(config(style, bad), testContext());
      expect(result.ok).toBe(false);
      const message = result.ok ? "" : result.message;
      expect(message).toMatch(
        /^Stream "items": The API refused the credentials \(401 Unauthorized from GET 127\.0\.0\.1:\d+\/api\/\w+\/items: "\{"error":"bad credentials: got /,
      );
      expect(message).not.toContain(badSecret);
    });
  }

  it("none sends no Authorization; extra headers are sent and auth wins over a clashing one", async () => {
    const before = t.requests.length;
    await fastSource.check(config("open", { type: "none" }, { headers: { "X-Tenant": "acme" } }), testContext());
    expect(t.requests[before]?.headers.authorization).toBeUndefined();
    expect(t.requests[before]?.headers["x-tenant"]).toBe("acme");
    await fastSource.check(config("bearer", { type: "bearer", token: TOKEN }, { headers: { Authorization: "Bearer other" } }), testContext());
    expect(t.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
