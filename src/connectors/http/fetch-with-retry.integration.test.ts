// fetchWithRetry: backoff, Retry-After, which failures are retried, messages, abort, timeouts, redirects.
import { afterEach, describe, expect, it } from "vitest";

import { type TApiReply, type TApiRequest, type TTestApi, closedPort, failure, startApi } from "@/connectors/http/api-fixture";
import { type TFetchPolicy, backoffDelay, fetchWithRetry, parseRetryAfter } from "@/connectors/http/fetch-with-retry";
import { networkFailure } from "@/connectors/http/http-failure";
import { AppError } from "@/lib/app-error";
import { logger } from "@/lib/logger";

const apis: TTestApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function api(handler: (req: TApiRequest, index: number) => TApiReply | Promise<TApiReply>): Promise<TTestApi> {
  const started = await startApi(handler);
  apis.push(started);
  return started;
}

function policy(overrides: Partial<TFetchPolicy> = {}): TFetchPolicy {
  return {
    headers: { authorization: "Bearer s3cret-token" },
    timeoutMs: 5000,
    maxRetries: 5,
    timing: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 },
    secrets: ["s3cret-token"],
    signal: new AbortController().signal,
    log: logger,
    ...overrides,
  };
}

const url = (t: TTestApi, path = "/items?api_key=k3y&page=1") => new URL(`${t.baseUrl}${path}`);

describe("parseRetryAfter / backoffDelay", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2024-05-01T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 May 2024 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it("doubles per retry up to the cap, with half of each step random", () => {
    const timing = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };
    expect([0, 1, 2, 5, 10].map((r) => backoffDelay(r, timing, () => 0))).toEqual([500, 1000, 2000, 15_000, 15_000]);
    expect(backoffDelay(1, timing, () => 0.999_999)).toBe(2000);
  });
});

describe("fetchWithRetry", () => {
  it("waits out a 429's Retry-After, then succeeds", async () => {
    const t = await api((_req, i) => (i === 0 ? { status: 429, headers: { "retry-after": "1" }, json: { error: "slow down" } } : { json: [1] }));
    const res = await fetchWithRetry(url(t), policy());
    expect(res.text).toBe("[1]");
    expect(t.requests).toHaveLength(2);
    const waited = (t.requests[1]?.at ?? 0) - (t.requests[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
  });

  it("retries 503 twice, then succeeds", async () => {
    const t = await api((_req, i) => (i < 2 ? { status: 503, text: "busy" } : { json: { ok: true } }));
    const res = await fetchWithRetry(url(t), policy());
    expect(res.status).toBe(200);
    expect(t.requests).toHaveLength(3);
  });

  it("tells the run's log each retry and wait: host and path, status, wait; no query, body or secret", async () => {
    const t = await api((_req, i) =>
      i === 0 ? { status: 429, headers: { "retry-after": "1" }, text: "s3cret-token" } : i === 1 ? { status: 503, text: "busy" } : { json: [] },
    );
    const notices: string[] = [];
    await fetchWithRetry(url(t, "/s3cret-token/items?api_key=k3y&page=1"), policy({ notice: (line) => notices.push(line), random: () => 0 }));
    const host = new URL(t.origin).host;
    expect(notices).toEqual([
      `HTTP source: GET ${host}/api/[secret]/items answered 429 Too Many Requests; waiting 1.0 s as its Retry-After asks, then retry 1 of 5.`,
      `HTTP source: GET ${host}/api/[secret]/items answered 503 Service Unavailable; waiting 0.0 s, then retry 2 of 5.`,
    ]);
  });

  it("tells the run's log the cause of a retried network failure", async () => {
    const port = await closedPort();
    const notices: string[] = [];
    await failure(fetchWithRetry(new URL(`http://127.0.0.1:${port}/x?token=abc`), policy({ maxRetries: 1, notice: (line) => notices.push(line) })));
    expect(notices).toEqual([`HTTP source: GET 127.0.0.1:${port}/x got no response (connection refused); waiting 0.0 s, then retry 1 of 1.`]);
  });

  it("gives up on 500 after maxRetries with status, path and excerpt, no secrets", async () => {
    const t = await api(() => ({ status: 500, text: "internal error; token was s3cret-token" }));
    const message = await failure(fetchWithRetry(url(t), policy({ maxRetries: 3 })));
    expect(t.requests).toHaveLength(4);
    expect(message).toContain("500 Internal Server Error");
    expect(message).toContain("/api/items?api_key=[secret]&page=1");
    expect(message).toContain("gave up after 4 attempts");
    expect(message).toContain('"internal error; token was [secret]"');
    expect(message).not.toMatch(/s3cret|k3y/);
  });

  it("fails a 404 at once, naming status, path and the body", async () => {
    const t = await api(() => ({ status: 404, json: { error: "no such endpoint" } }));
    const e = await fetchWithRetry(url(t, "/nope"), policy()).catch((err: unknown) => err);
    expect(t.requests).toHaveLength(1);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("BAD_INPUT");
    expect((e as AppError).message).toBe(`The API answered 404 Not Found from GET ${new URL(t.origin).host}/api/nope: "{"error":"no such endpoint"}".`);
  });

  it("says the credentials were refused on 401 and 403", async () => {
    const t = await api(() => ({ status: 403, text: "" }));
    expect(await failure(fetchWithRetry(url(t), policy()))).toMatch(/^The API refused the credentials \(403 Forbidden from GET /);
  });

  it("retries refused connections and names the cause", async () => {
    const port = await closedPort();
    const message = await failure(fetchWithRetry(new URL(`http://127.0.0.1:${port}/x`), policy({ maxRetries: 2 })));
    expect(message).toBe(`127.0.0.1:${port} refused the connection (is the API running, and is the port right?); gave up after 3 attempts.`);
  });

  it("times out an attempt that gets no answer, and retries it", async () => {
    const t = await api((_req, i) => (i === 0 ? "hang" : { json: [] }));
    const res = await fetchWithRetry(url(t), policy({ timeoutMs: 200 }));
    expect(res.text).toBe("[]");
    expect(t.requests).toHaveLength(2);
    const silent = await api(() => "hang");
    const message = await failure(fetchWithRetry(url(silent), policy({ timeoutMs: 200, maxRetries: 0 })));
    expect(message).toBe(
      `No response from ${new URL(silent.origin).host} within 0.2 s (GET ${new URL(silent.origin).host}/api/items?api_key=[secret]&page=1).`,
    );
  });

  it("stops waiting at the deadline and reports the last failure", async () => {
    const t = await api(() => ({ status: 503, headers: { "retry-after": "2" }, text: "maintenance" }));
    const started = Date.now();
    const message = await failure(fetchWithRetry(url(t), policy({ deadline: { at: Date.now() + 1000, limit: "the check's 1 s" } })));
    expect(Date.now() - started).toBeLessThan(900);
    expect(message).toContain("gave up after 1 attempt, as another would pass the check's 1 s limit");
  });

  it("aborts during a backoff wait when the signal fires", async () => {
    const t = await api(() => ({ status: 429, headers: { "retry-after": "3" } }));
    const controller = new AbortController();
    const notices: string[] = [];
    // The notice is the last thing before the 3 s wait: abort on the next turn, once the wait has begun.
    const notice = (line: string) => {
      notices.push(line);
      setImmediate(() => controller.abort(new Error("cancelled by the user")));
    };
    const started = Date.now();
    expect(await failure(fetchWithRetry(url(t), policy({ signal: controller.signal, notice })))).toBe("cancelled by the user");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(notices).toEqual([expect.stringMatching(/waiting 3\.0 s as its Retry-After asks, then retry 1 of 5\.$/)]);
    expect(t.requests).toHaveLength(1);
  });

  it("follows redirects on the same origin only", async () => {
    const other = await api(() => ({ json: { leaked: true } }));
    const t = await api((req) => {
      if (req.path === "/api/old") return { status: 301, headers: { location: "/api/new" } };
      if (req.path === "/api/new") return { json: { moved: true } };
      return { status: 302, headers: { location: `${other.origin}/steal` } };
    });
    expect((await fetchWithRetry(url(t, "/old"), policy())).text).toBe('{"moved":true}');
    expect(await failure(fetchWithRetry(url(t, "/away"), policy()))).toContain("redirects to another host");
    expect(other.requests).toHaveLength(0);
  });

  it("classifies network errors by their system code", () => {
    const where = new URL("http://api.example.test/x");
    const dns = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }) });
    expect(networkFailure(dns, where, 1000, false)).toEqual({
      kind: "unknown-host",
      message: 'unknown host "api.example.test": the name does not resolve',
      brief: "unknown host",
    });
    expect(networkFailure(new TypeError("fetch failed"), where, 1500, true).message).toBe(
      "no response from api.example.test within 1.5 s (GET api.example.test/x)",
    );
  });
});
