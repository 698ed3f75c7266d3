/**
 * GET /api/metrics and GET /api/health over HTTP through their route
 * handlers: metrics (user counts per role) need an API token with the
 * metrics:read scope or an admin session; anonymous callers get a 401 that
 * says how to get in; health stays public and says nothing about users.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "../../../app/api/health/route";
import * as metricsRoute from "../../../app/api/metrics/route";
import { createToken, revokeToken } from "@/server/api-tokens/api-tokens";
import { serveRoutes, sessionCookie, type THttpApp } from "@/server/testing/http-app";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";

const ADMIN = { id: null, email: "test" } as const;
let teardown: () => Promise<void>;
let app: THttpApp;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  app = await serveRoutes({ "/api/metrics": metricsRoute, "/api/health": healthRoute });
  await buildUser({ role: "analyst" });
});
afterAll(async () => {
  await app.close();
  await teardown();
});

const scrape = (headers: Record<string, string> = {}) => fetch(`${app.url}/api/metrics`, { headers });

describe("GET /api/metrics", () => {
  it("refuses anonymous callers with a 401 that names the token scope, and shows no metrics", async () => {
    const res = await scrape();
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer scope="metrics:read"');
    const body = await res.text();
    expect(JSON.parse(body).error).toBe(
      "Sign in as an admin, or send an API token with the metrics:read scope: Authorization: Bearer weir_… (admins create tokens under Admin → API tokens).",
    );
    expect(body).not.toContain("weir_users");
  });

  it("answers Prometheus with a metrics:read token; other, unknown and revoked tokens are refused", async () => {
    const prometheus = await createToken({ name: "prometheus", scopes: ["metrics:read"] }, ADMIN);
    const ok = await scrape({ authorization: `Bearer ${prometheus.token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toMatch(/^weir_users\{role="analyst",active="true",service="weir-web"\} 1$/m);
    expect(text).toContain("weir_process_cpu_seconds_total");

    const lineage = await createToken({ name: "airflow", scopes: ["lineage:write", "lineage:read"] }, ADMIN);
    const wrongScope = await scrape({ authorization: `Bearer ${lineage.token}` });
    expect(wrongScope.status).toBe(403);
    expect((await wrongScope.json()).error).toBe('The API token "airflow" lacks the metrics:read scope.');

    expect((await scrape({ authorization: "Bearer weir_not-a-real-token" })).status).toBe(401);
    await revokeToken(prometheus.id, ADMIN);
    const revoked = await scrape({ authorization: `Bearer ${prometheus.token}` });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toMatch(/not valid \(unknown or revoked\)/);
  });

  it("answers an admin's session; other roles get 403", async () => {
    const admin = await buildUser({ role: "admin" });
    const asAdmin = await scrape({ cookie: await sessionCookie(admin) });
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.text()).toContain("weir_users{");
    for (const role of ["viewer", "analyst", "engineer"] as const) {
      const res = await scrape({ cookie: await sessionCookie(await buildUser({ role })) });
      expect(res.status, role).toBe(403);
      expect((await res.json()).error).toBe("This needs the admin role.");
    }
    // A session cookie that does not decode is no session.
    expect((await scrape({ cookie: "next-auth.session-token=forged" })).status).toBe(401);
  });
});

describe("GET /api/health", () => {
  it("stays public and minimal: status, database, migrations, workers; nothing about users", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect([200, 503]).toContain(res.status);
    const report = await res.json();
    expect(Object.keys(report).sort()).toEqual(["database", "migrations", "status", "workers"]);
    expect(report.database).toEqual({ ok: true });
    expect(JSON.stringify(report)).not.toMatch(/user|role|admin/i);
  });
});
