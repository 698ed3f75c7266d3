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
