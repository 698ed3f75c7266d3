/**
 * What specs know about the running Weir, and small steps they share.
 */
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { RUN_FILE } from "./global-setup";

export type TWeirRun = {
  admin: { email: string; password: string };
  baseURL: string;
  /** The run's state folder (embedded database, DuckDB files). */
  stateDir: string;
  /** The embedded PostgreSQL, superuser login; the demo `shop` database lives there. */
  pg: { host: string; port: number; user: string; password: string };
};

export function weirRun(): TWeirRun {
  return JSON.parse(readFileSync(RUN_FILE, "utf8")) as TWeirRun;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("user-menu")).toContainText(email);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.com`;
}

/** How long a spec waits for a run it started to end. */
const RUN_TIMEOUT = 120_000;

/** From a connection's page: "Run now", follow the run, wait until it succeeded. */
export async function runNowAndWait(page: Page, timeout = RUN_TIMEOUT): Promise<void> {
  const runNow = page.getByTestId("run-now");
  await expect(runNow).toBeEnabled({ timeout }); // no other run of this connection still active
  await runNow.click();
  await page.getByTestId("run-queued").getByRole("link", { name: "follow it" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  const status = page.getByTestId("run-status");
  await expect(status).toBeVisible();
  await expect(status).toHaveText(/^(succeeded|failed|cancelled)$/, { timeout });
  // On failure, say why (the run's error and its streams' errors) instead of only "failed".
  if ((await status.textContent()) !== "succeeded") {
    const error = await page
      .getByTestId("run-error")
      .textContent()
      .catch(() => null);
    const streams = await page
      .getByTestId("run-streams")
      .textContent()
      .catch(() => null);
    throw new Error(`The run ended ${await status.textContent()}: ${error ?? "(no run error)"}; streams: ${streams ?? "-"}`);
  }
}

/**
 * Calls a tRPC procedure as the signed-in user (for setting up what a spec
 * is not about); a query with GET, a mutation with POST. Throws the
 * server's message on an error.
 */
export async function trpcCall<T = unknown>(page: Page, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const response =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok() || !body.result) throw new Error(`${path}: ${body.error?.json.message ?? response.status()}`);
  return body.result.data.json;
}
