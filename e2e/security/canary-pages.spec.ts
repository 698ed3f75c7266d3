/**
 * The canary scan's page half (issue 18, item 1), in a browser against Weir
 * started by its own start command: canaries in a source's bearer token and
 * in alert channels' URL credentials, path token and Authorization header,
 * all sent to a receiver that answers 401 quoting what it got; a test
 * message to each channel, a saved check, a failing run and the alert it
 * fires. Then every page, as viewer, analyst, engineer and admin signed in
 * through next-auth, rendered to the end of its data fetching: neither the
 * server's HTML nor the rendered page holds any form of any canary.
 * (src/server/testing/canary/canary-scan.integration.test.ts scans every tRPC answer,
 * log line and table.)
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { until } from "../../src/lib/testing/until";
import { signIn, trpcCall, uniqueEmail, weirRun } from "../support/weir";

const canaries = new Map<string, string>();
const canary = (field: string) => {
  const value = `cnry${randomBytes(9).toString("hex")}`;
  canaries.set(field, value);
  return value;
};

/** Answers 401 with the credentials, URL and body it received; under /ok/ answers records while `ok` is on. */
async function startEcho() {
  const state = { ok: true };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (state.ok && req.url?.startsWith("/ok/")) return void res.writeHead(200, { "content-type": "application/json" }).end('[{"id":1,"name":"a"}]');
      const basic = /^Basic\s+(\S+)/i.exec(req.headers.authorization ?? "")?.[1];
      const echo = {
        decodedBasic: basic ? Buffer.from(basic, "base64").toString() : null,
        authorization: req.headers.authorization ?? null,
        url: req.url,
        body: body.slice(0, 2000),
      };
      res.writeHead(401, { "content-type": "text/plain" }).end(`denied, you sent: ${JSON.stringify(echo)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Every form a canary could be shown in. */
function formsOf(value: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString("base64").replace(/=+$/, "");
  return [value, value.slice(4, 16), encodeURIComponent(value), b64(value), b64(`hook-user:${value}`)];
}

test("no page shows a secret to any role, even when receivers echo them back", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const run = weirRun();
  const echo = await startEcho();
  try {
    await signIn(page, run.admin.email, run.admin.password);
    const host = echo.origin.replace("http://", "");
    const source = await trpcCall<{ id: string }>(page, "source.create", {
      name: `canary api ${Date.now()}`,
      connector: "http",
      config: {
        baseUrl: `${echo.origin}/ok`,
        auth: { type: "bearer", token: canary("source http bearer token") },
        streams: [{ name: "items", path: "/items" }],
        maxRetries: 0,
      },
    });
    await trpcCall(page, "source.discover", { id: source.id });
    const destination = await trpcCall<{ id: string }>(page, "destination.create", {
      name: `canary duckdb ${Date.now()}`,
      connector: "duckdb",
      config: { path: path.join(run.stateDir, "canary.duckdb") },
    });
    const connection = await trpcCall<{ id: string }>(page, "connection.create", {
      name: `canary ${Date.now()}`,
      sourceId: source.id,
      destinationId: destination.id,
      namespace: "canary",
      streams: [{ stream: "items", syncMode: "full_refresh_overwrite" }],
    });
    const channels = [
      { kind: "webhook", config: { url: `http://hook-user:${canary("webhook url password")}@${host}/hook/${canary("webhook url path")}` } },
      { kind: "webhook", config: { url: `${echo.origin}/hook`, authorization: `Bearer ${canary("webhook authorization")}` } },
      { kind: "slack", config: { url: `${echo.origin}/services/T0/B0/${canary("slack url token")}` } },
    ];
    const channelIds: string[] = [];
    for (const [i, ch] of channels.entries()) {
      const created = await trpcCall<{ id: string }>(page, "alert.createChannel", { name: `canary ${i} ${Date.now()}`, ...ch });
      channelIds.push(created.id);
      expect((await trpcCall<{ ok: boolean }>(page, "alert.testChannel", { id: created.id })).ok).toBe(false);
    }
    await trpcCall(page, "alert.createRule", {
      name: `canary run failed ${Date.now()}`,
      params: { kind: "run_failed" },
      scope: { connectionIds: [connection.id] },
      channelIds,
    });
    echo.state.ok = false;
    expect((await trpcCall<{ ok: boolean }>(page, "source.check", { id: source.id })).ok).toBe(false);
    const started = await trpcCall<{ id: string }>(page, "connection.runNow", { id: connection.id });
    await until(
      "the run to fail",
      async () => ((await trpcCall<{ status: string }>(page, "run.get", { id: started.id }, "query")).status === "failed" ? true : undefined),
      120_000,
    );
    const alerts = await until(
      "the alert's deliveries to fail once",
      async () => {
        const list = await trpcCall<{ id: string; ruleName: string; deliveries: { lastError: string | null }[] }[]>(
          page,
          "alert.list",
          { status: "all", limit: 500 },
          "query",
        );
        const mine = list.filter((a) => a.deliveries.length === channels.length && a.deliveries.every((d) => d.lastError));
        return mine.length ? mine : undefined;
      },
      120_000,
    );

    const pages = [
      "/",
      "/connections",
      `/connections/${connection.id}`,
      "/sources",
      `/sources/${source.id}`,
      "/destinations",
      `/destinations/${destination.id}`,
      "/runs",
      `/runs/${started.id}`,
      "/health",
      "/health/alerts",
      "/catalog",
      "/lineage",
      "/quality",
      "/quality/incidents",
      "/models",
      "/models/runs",
      "/admin",
      "/admin/audit",
      "/admin/tokens",
      "/admin/users",
    ];
    const needles = [...canaries].flatMap(([field, value]) => formsOf(value).map((form) => ({ field, form })));
    const hits: string[] = [];
    const password = "canary-pages-password-1";
    let rendered = 0;
    for (const role of ["viewer", "analyst", "engineer", "admin"] as const) {
      const email = uniqueEmail(`canary-${role}`);
      await trpcCall(page, "user.create", { email, role, password });
      const context = await browser.newContext();
      const as: Page = await context.newPage();
      await signIn(as, email, password);
      for (const url of pages) {
        const response = await as.goto(url);
        await as.waitForLoadState("networkidle");
        const texts = [`${url} HTML`, (await response?.text()) ?? ""] as const;
        const dom = await as.content();
        for (const [where, text] of [texts, [`${url} rendered`, dom]] as const) {
          for (const { field, form } of needles) if (text.includes(form)) hits.push(`${role} ${where}: ${field} (${form})`);
        }
        rendered += 1;
      }
      await context.close();
    }
    console.log(
      `canary pages: ${canaries.size} canaries, ${pages.length} pages × 4 roles = ${rendered} page loads (server HTML and rendered DOM), ${alerts.length} alert(s) with failed deliveries; hits: ${hits.length}`,
    );
    expect(hits).toEqual([]);
  } finally {
    await echo.close();
  }
});
