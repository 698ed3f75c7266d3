/**
 * What the Chromium benchmarks share: the browser's flags, signing in
 * through the sign-in page, and the reference every page measurement is
 * put against, the load event of the Overview (`/`), a page of the same app
 * shell that asks the server for nothing.
 */
import { type Browser, chromium, type Page } from "@playwright/test";

import { ensureChromium } from "@/cli/ensure-chromium";

export const BROWSER_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("user-menu").filter({ hasText: email }).waitFor({ timeout: 30_000 });
}

/** Navigates to `/` and returns its load event (ms since navigation start). */
export async function homeLoadMs(page: Page): Promise<number> {
  await page.goto("/", { waitUntil: "load" });
  return page.evaluate(`performance.getEntriesByType("navigation")[0].loadEventEnd`) as Promise<number>;
}

/** Headless Chromium (installed first when missing, as `npm test` does). */
export function launchBenchBrowser(log: (line: string) => void): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(log), args: BROWSER_ARGS });
}
