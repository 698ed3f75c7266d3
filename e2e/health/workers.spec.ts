/**
 * The Health page shows live workers and what they run: a test job queued
 * from the page is picked up by the worker that `npm start` launched.
 */
import { expect, test } from "@playwright/test";
import { signIn, weirRun } from "../support/weir";

test("a queued test job shows up on a live worker, then finishes", async ({ page }) => {
  const { admin } = weirRun();
  await signIn(page, admin.email, admin.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
  const panel = page.getByTestId("workers-panel");
  await expect(panel).toContainText(/\([1-9]\d* alive\)/, { timeout: 20_000 });

  await page.getByRole("button", { name: "Run a test job" }).click();
  const queued = await page.getByTestId("test-job-queued").textContent();
  const jobId = queued!.match(/#(\d+)/)![1];
  await expect(panel.getByText(`system.sleep #${jobId}`)).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText(`system.sleep #${jobId}`)).toHaveCount(0, { timeout: 30_000 });
});
