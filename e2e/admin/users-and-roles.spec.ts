/**
 * The foundation's promise in a browser: the printed admin signs in, creates
 * an analyst, signs out; the analyst cannot open Admin (page and API); the
 * audit log shows who created the analyst.
 */
import { expect, test } from "@playwright/test";
import { signIn, signOut, trpcCall, uniqueEmail, weirRun } from "../support/weir";

test("admin creates an analyst, who is kept out of Admin; the audit log records it", async ({ page }) => {
  const { admin } = weirRun();
  const analyst = { email: uniqueEmail("analyst"), password: "analyst-password-1" };

  await signIn(page, admin.email, admin.password);
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(analyst.email);
  await form.getByLabel("Name").fill("Ada Analyst");
  await form.getByLabel("Role").selectOption("analyst");
  await form.getByLabel("Password").fill(analyst.password);
  await form.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId(`user-row-${analyst.email}`);
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Role of ${analyst.email}`)).toHaveValue("analyst");
  await signOut(page);

  await signIn(page, analyst.email, analyst.password);
  await expect(page.getByTestId("user-role")).toHaveText("analyst");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByTestId("no-access")).toContainText("needs the admin role");
  await expect(page.getByTestId("users-table")).toHaveCount(0);

  // The server refuses, whatever the page shows.
  const list = await page.request.get("/api/trpc/user.list");
  expect(list.status()).toBe(403);
  expect((await list.json()).error.json.data.code).toBe("FORBIDDEN");
  const create = await page.request.post("/api/trpc/user.create", {
    data: { json: { email: uniqueEmail("sneaky"), role: "admin", password: "password-123456" } },
  });
  expect(create.status()).toBe(403);
  const audit = await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(audit.status()).toBe(403);
  await signOut(page);

  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/audit");
  await page.getByLabel("Target type").fill("user");
  await page.getByRole("button", { name: "Filter" }).click();
  const event = page.getByTestId("audit-table").locator("tr", { hasText: "user.create" }).filter({ hasText: analyst.email });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText(admin.email);
});

test("sign-in failures say what is wrong, and anonymous API calls are refused", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");

  const res = await page.request.get("/api/trpc/user.list");
  expect(res.status()).toBe(401);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/signin/);
});

test("bad input gets a 400 naming the field, never a 500 or a stack trace", async ({ page }) => {
  const { admin } = weirRun();
  await signIn(page, admin.email, admin.password);
  const bad: [string, unknown][] = [
    ["user.create", { email: "not-an-email", role: "admin" }],
    ["user.create", { email: "x@example.com", role: "superuser", password: "short" }],
    ["user.updateRole", { userId: '\'; DROP TABLE "User"; --', role: "admin" }],
    ["user.setActive", { userId: 42, active: "yes" }],
    ["user.create", "💥".repeat(5000)],
  ];
  for (const [path, input] of bad) {
    const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
    const body = await res.text();
    expect(res.status(), `${path} ${body}`).toBe(400);
    expect(body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expect(body).not.toContain("stack");
  }
  const res = await page.request.post("/api/trpc/user.create", { data: { json: { email: "not-an-email", role: "admin" } } });
  expect((await res.json()).error.json.message).toMatch(/email/);
});

test("health answers anyone; metrics need an admin or a metrics:read token", async ({ page }) => {
  const health = await page.request.get("/api/health");
  expect(health.status()).toBe(200);
  const report = await health.json();
  expect(report.database.ok).toBe(true);
  expect(report.migrations).toEqual({ ok: true, pending: [] });
  await expect.poll(async () => (await (await page.request.get("/api/health")).json()).workers.alive, { timeout: 20_000 }).toBeGreaterThan(0);

  const anonymous = await page.request.get("/api/metrics");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toContain("metrics:read");

  const { admin } = weirRun();
  await signIn(page, admin.email, admin.password);
  expect((await page.request.get("/api/metrics")).status()).toBe(200);
  const { token } = await trpcCall<{ token: string }>(page, "apiToken.create", { name: `prometheus-${Date.now()}`, scopes: ["metrics:read"] });
  await signOut(page);
  const metrics = await page.request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  expect(text).toMatch(/^weir_workers_alive\{service="weir-web"\} [1-9]/m);
  expect(text).toContain("weir_process_cpu_seconds_total");
  expect(text).toMatch(/^weir_users\{role="admin",active="true",service="weir-web"\} [1-9]/m);
});
