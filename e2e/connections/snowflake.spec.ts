/**
 * The Snowflake issue's acceptance test, in a browser: an engineer creates a
 * Snowflake destination through the connector's form, pointed at the
 * Snowflake emulator `npm test` starts (fakesnow behind the real
 * snowflake-sdk; there is no Snowflake here), tests it, connects the demo
 * shop to it and syncs; the run page shows the Snowflake query ids, the
 * catalog previews the rows from Snowflake, and Snowflake itself holds them.
 */
import { expect, test } from "@playwright/test";
import snowflake from "snowflake-sdk";
import { holdDemoCustomerUpdates, shopClient } from "../support/shop";
import { runNowAndWait, signIn, weirRun } from "../support/weir";

function emulatorUrl(): string {
  const url = process.env.WEIR_TEST_SNOWFLAKE_URL;
  if (!url) throw new Error("WEIR_TEST_SNOWFLAKE_URL is not set: run the browser tests with `npm test`, which starts the Snowflake emulator.");
  return url;
}

/** Rows of one query on the emulator, as the driver returns them. */
async function snowflakeRows(database: string, sql: string): Promise<Record<string, unknown>[]> {
  snowflake.configure({ logLevel: "OFF" });
  const conn = snowflake.createConnection({
    account: "e2e",
    username: "e2e",
    password: "e2e",
    database,
    schema: "PUBLIC",
    warehouse: "E2E_WH",
    accessUrl: emulatorUrl(),
  });
  await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
  try {
    return await new Promise((resolve, reject) =>
      conn.execute({
        sqlText: sql,
        fetchAsString: ["Number"],
        complete: (err, _stmt, rows) => (err ? reject(err) : resolve((rows ?? []) as Record<string, unknown>[])),
      }),
    );
  } finally {
    conn.destroy(() => undefined);
  }
}

test("a Snowflake destination is created and tested in the form, and the demo shop syncs into it", async ({ page }) => {
  test.setTimeout(300_000);
  const run = weirRun();
  const stamp = Date.now().toString(36).toUpperCase();
  const database = `E2E_${stamp}`;
  const names = { destination: `E2E Snowflake ${stamp}`, connection: `E2E shop → Snowflake ${stamp}` };

  const shop = await shopClient(run);
  const releaseHold = await holdDemoCustomerUpdates(shop, "e2e_hold_snowflake");
  try {
    await signIn(page, run.admin.email, run.admin.password);

    // 1. The destination, through the connector's form; the password is a secret field.
    await page.goto("/destinations/new");
    await page.getByTestId("connector-snowflake").click();
    const form = page.getByTestId("endpoint-form");
    await form.getByTestId("endpoint-name").fill(names.destination);
    await form.locator("#root_account").fill("weir-e2e");
    await form.locator("#root_user").fill("loader");
    await form.locator("#root_password").fill("emulator-password");
    await form.locator("#root_warehouse").fill("LOADING");
    await form.locator("#root_database").fill(database);
    await form.locator("#root_accessUrl").fill(emulatorUrl());
    await form.getByTestId("test-connection").click();
    await expect(form.getByTestId("check-result")).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
    await expect(form.getByTestId("check-result")).toContainText(`database ${database} and schema PUBLIC are usable`);
    await form.getByTestId("save-endpoint").click();
    await expect(page).toHaveURL(/\/destinations\/(?!new$)[^/]+$/);
    const destinationId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("endpoint-title")).toHaveText(names.destination);
    await expect(page.locator("body")).not.toContainText("emulator-password");

    // 2. The demo shop → Snowflake: customers deduplicated on their key, orders replaced on every run.
    await page.goto("/connections/new");
    const sourceId = await page.getByTestId("wizard-source").locator("option", { hasText: "Demo shop" }).getAttribute("value");
    await page.getByTestId("wizard-source").selectOption(sourceId!);
    await page.getByTestId("wizard-destination").selectOption(destinationId);
    await page.getByTestId("wizard-discover").click();
    const streams = page.getByTestId("stream-settings");
    await expect(streams.getByTestId("stream-row-public.customers")).toBeVisible({ timeout: 30_000 });
    await streams.getByTestId("stream-select-all").uncheck();
    await streams.getByTestId("stream-select-public.customers").check();
    await streams.getByTestId("stream-mode-public.customers").selectOption("incremental_dedup");
    await streams.getByTestId("stream-cursor-public.customers").selectOption("updated_at");
    await streams.getByTestId("stream-select-public.orders").check();
    await streams.getByTestId("stream-mode-public.orders").selectOption("full_refresh_overwrite");
    await page.getByTestId("connection-name").fill(names.connection);
    await page.getByTestId("connection-namespace").fill("shop");
    await page.getByTestId("schedule-manual").check();
    await page.getByTestId("create-connection").click();
    await expect(page).toHaveURL(/\/connections\/(?!new$)[^/]+$/);

    // 3. The sync; its page lists the Snowflake query ids of each stream.
    const { rows: counted } = await shop.query<{ customers: string; orders: string }>(
      "SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders",
    );
    await runNowAndWait(page);
    const customersRow = page.getByTestId("run-stream-public.customers");
    await customersRow.getByTestId("query-ids").locator("summary").click();
    await expect(customersRow.getByTestId("query-id").first()).toHaveText(/^[0-9a-f-]{36}$/);
    await page.screenshot({ path: "e2e/.output/artifacts/snowflake-run.png", fullPage: true });

    // 4. Snowflake holds every customer once, upper-case names as Snowflake users query them.
    const [customers] = await snowflakeRows(database, "SELECT COUNT(*) AS N, COUNT(DISTINCT ID) AS IDS FROM SHOP.CUSTOMERS");
    expect(customers).toEqual({ N: counted[0]!.customers, IDS: counted[0]!.customers });
    const [orders] = await snowflakeRows(database, "SELECT COUNT(*) AS N FROM SHOP.ORDERS");
    expect(Number(orders!.N)).toBeGreaterThanOrEqual(Number(counted[0]!.orders));

    // 5. The catalog knows the Snowflake table and previews its rows from Snowflake.
    await page.goto("/catalog");
    await page.getByTestId("catalog-search").fill("customers");
    await expect(page).toHaveURL(/[?&]q=customers/, { timeout: 30_000 });
    // A controlled checkbox: click, then wait for the state (check() fails when React re-renders it a moment later, seen under load).
    await page.getByTestId("facet-platform-snowflake").click({ timeout: 30_000 });
    await expect(page.getByTestId("facet-platform-snowflake")).toBeChecked();
    await page.getByTestId("catalog-result").getByRole("link", { name: "CUSTOMERS", exact: true }).first().click();
    await expect(page.getByTestId("dataset-title")).toHaveText("CUSTOMERS");
    await page.getByTestId("load-preview").click();
    const preview = page.getByTestId("dataset-preview");
    await expect(preview).toBeVisible({ timeout: 30_000 });
    await expect(preview.locator("tbody tr").first()).toBeVisible();
    await page.screenshot({ path: "e2e/.output/artifacts/snowflake-preview.png", fullPage: true });
  } finally {
    await releaseHold().catch(() => undefined);
    await shop.end();
  }
});
