/**
 * Invitations and password resets in a browser: the admin invites, copies
 * the link shown once, and the invitee sets a password in a fresh browser
 * and signs in; a reset link sets a new password and signs the old session
 * out; used and garbled links say what is wrong.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, trpcCall, uniqueEmail, weirRun } from "../support/weir";

async function copyLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.getByTestId("password-link-url").textContent());
  return copied;
}

async function setPasswordInFreshBrowser(browser: Browser, link: string, email: string, password: string, heading: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  await expect(page.getByTestId("link-email")).toHaveText(email);
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Repeat it").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByTestId("password-set")).toContainText(`You can now sign in as ${email}.`);
  return page;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("admin invites; the invitee sets a password from the link in a fresh browser and signs in", async ({ page, browser }) => {
  const { admin } = weirRun();
  const invitee = { email: uniqueEmail("invitee"), password: "invitee-password-1" };
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(invitee.email);
  await form.getByLabel("Role").selectOption("analyst");
  await form.getByRole("button", { name: "Add user" }).click();

  const reveal = page.getByTestId("password-link");
  await expect(reveal).toContainText(`Invitation link for ${invitee.email}`);
  await expect(reveal).toContainText("it will not be shown again");
  const link = await copyLink(page);
  expect(link).toMatch(/\/set-password#[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId(`user-row-${invitee.email}`);
  await expect(row.getByTestId("user-status")).toContainText("invited · link expires");
  await expect(row.getByRole("button", { name: "New invitation link" })).toBeVisible();

  // Before the password is set, the account cannot sign in.
  const before = await (await browser.newContext()).newPage();
  await before.goto("/signin");
  await before.getByLabel("Email").fill(invitee.email);
  await before.getByLabel("Password").fill("any-password-at-all");
  await before.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(before.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");

  const fresh = await setPasswordInFreshBrowser(browser, link, invitee.email, invitee.password, "Welcome to Weir");
  await fresh.getByRole("link", { name: "Sign in" }).click();
  await signIn(fresh, invitee.email, invitee.password);
  await expect(fresh.getByTestId("user-role")).toHaveText("analyst");

  // The link worked once.
  await fresh.goto(link);
  await expect(fresh.getByTestId("link-problem")).toContainText("This invitation was already used");
  await page.reload();
  await expect(row.getByTestId("user-status")).toHaveText("active");
  await expect(row.getByRole("button", { name: "Reset password" })).toBeVisible();
});

test("a reset link sets a new password and signs the old session out", async ({ page, browser }) => {
  const { admin } = weirRun();
  const user = { email: uniqueEmail("forgetful"), old: "old-password-123", fresh: "new-password-456" };
  await signIn(page, admin.email, admin.password);
  await trpcCall(page, "user.create", { email: user.email, role: "engineer", password: user.old });

  const theirs = await (await browser.newContext()).newPage();
  await signIn(theirs, user.email, user.old);

  await page.goto("/admin/users");
  const row = page.getByTestId(`user-row-${user.email}`);
  await row.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByTestId("password-link")).toContainText(`Password reset link for ${user.email}`);
  const link = await copyLink(page);
  await expect(row.getByTestId("user-status")).toContainText("reset link until");

  await setPasswordInFreshBrowser(browser, link, user.email, user.fresh, "Choose a new password");
  await theirs.goto("/");
  await expect(theirs).toHaveURL(/\/signin/);
  await theirs.getByLabel("Email").fill(user.email);
  await theirs.getByLabel("Password").fill(user.old);
  await theirs.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(theirs.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(theirs, user.email, user.fresh);
  await expect(theirs.getByTestId("user-role")).toHaveText("engineer");
});

test("garbled, unknown and missing links say what is wrong", async ({ page }) => {
  await page.goto("/set-password#not-a-whole-link");
  await expect(page.getByTestId("link-problem")).toHaveText("This link is not a complete link: copy the whole address the admin gave you.");
  await page.goto(`/set-password#${"A".repeat(43)}`);
  await expect(page.getByTestId("link-problem")).toContainText("This link is not valid.");
  await page.goto("/set-password");
  await expect(page.getByTestId("link-problem")).toContainText("This page needs the link an admin gave you");
});
