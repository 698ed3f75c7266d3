/**
 * The connections issue's acceptance test, in a browser: an engineer registers
 * the demo shop database as a PostgreSQL source and a DuckDB file as a
 * destination, designs a connection (customers incremental append + dedup,
 * orders full refresh), runs it and watches the run; then changes a few
 * customers at the source, runs again and sees only the changed rows loaded;
 * finally the warehouse file itself holds the right rows.
 */
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { holdDemoCustomerUpdates, shopClient } from "../support/shop";
import { runNowAndWait, signIn, weirRun } from "../support/weir";

const rows = (n: number) => n.toLocaleString("en-US");

async function customerCount(shop: pg.Client): Promise<number> {
  const { rows: r } = await shop.query<{ n: string }>("SELECT count(*) AS n FROM customers");
  return Number(r[0]!.n);
}

/**
 * Opens the DuckDB file read-only. The worker holds the file's write lock only
 * while a run loads; right after a run it may still be closing, so a lock
 * error is retried for a few seconds.
 */
async function openWarehouse(file: string): Promise<DuckDBInstance> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
    } catch (e) {
      if (Date.now() > deadline || !/lock/i.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The Rows cell of a stream on the run page, e.g. "1,000 / ~1,000". */
const streamRows = (page: Page, stream: string) => page.getByTestId(`run-stream-${stream}`).locator("td").nth(2);

test("a PostgreSQL → DuckDB connection syncs, then loads only changed rows incrementally", async ({ page }) => {
  test.setTimeout(300_000);
  const run = weirRun();
  const stamp = Date.now().toString(36);
  const names = { source: `E2E shop ${stamp}`, destination: `E2E warehouse ${stamp}`, connection: `E2E shop → warehouse ${stamp}` };
  const warehouseFile = path.join(run.stateDir, `e2e-warehouse-${stamp}.duckdb`);
  const schema = "e2e";

  const shop = await shopClient(run);
  const releaseHold = await holdDemoCustomerUpdates(shop, "e2e_hold_customer_updates");
  try {
    // 1. Sign in as the printed admin.
    await signIn(page, run.admin.email, run.admin.password);

    // 2. The PostgreSQL source: the demo shop database, through the connector's form.
    await page.goto("/sources/new");
    await page.getByTestId("connector-postgres").click();
    const sourceForm = page.getByTestId("endpoint-form");
    await sourceForm.getByTestId("endpoint-name").fill(names.source);
    await sourceForm.locator("#root_host").fill(run.pg.host);
    await sourceForm.locator("#root_port").fill(String(run.pg.port));
    await sourceForm.locator("#root_database").fill("shop");
    await sourceForm.locator("#root_user").fill(run.pg.user);
    await sourceForm.locator("#root_password").fill(run.pg.password);
    await sourceForm.locator("#root_sslMode").selectOption("disable");
    await sourceForm.getByTestId("test-connection").click();
    await expect(sourceForm.getByTestId("check-result")).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
    await sourceForm.getByTestId("save-endpoint").click();
    await expect(page).toHaveURL(/\/sources\/(?!new$)[^/]+$/);
    const sourceId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("endpoint-title")).toHaveText(names.source);
    await page.getByTestId("discover-streams").click();
    const catalog = page.getByTestId("discover-panel").getByTestId("streams-table");
    await expect(catalog.getByTestId("stream-row-public.customers")).toBeVisible({ timeout: 30_000 });
    await expect(catalog.getByTestId("stream-row-public.orders")).toBeVisible();

    // 3. The DuckDB destination: a file of its own in the run's state folder.
    await page.goto("/destinations/new");
    await page.getByTestId("connector-duckdb").click();
    const destinationForm = page.getByTestId("endpoint-form");
    await destinationForm.getByTestId("endpoint-name").fill(names.destination);
    await destinationForm.locator("#root_path").fill(warehouseFile);
    await destinationForm.getByTestId("test-connection").click();
    await expect(destinationForm.getByTestId("check-result")).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
    await destinationForm.getByTestId("save-endpoint").click();
    await expect(page).toHaveURL(/\/destinations\/(?!new$)[^/]+$/);
    const destinationId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("endpoint-title")).toHaveText(names.destination);

    // 4. The connection: customers incremental append + dedup, orders full refresh overwrite, nothing else; manual.
    await page.goto("/connections/new");
    await page.getByTestId("wizard-source").selectOption(sourceId);
    await page.getByTestId("wizard-destination").selectOption(destinationId);
    await page.getByTestId("wizard-discover").click();
    const streams = page.getByTestId("stream-settings");
    await expect(streams.getByTestId("stream-row-public.customers")).toBeVisible({ timeout: 30_000 });
    await streams.getByTestId("stream-select-all").uncheck();
    await streams.getByTestId("stream-select-public.customers").check();
    await streams.getByTestId("stream-mode-public.customers").selectOption("incremental_dedup");
    await streams.getByTestId("stream-cursor-public.customers").selectOption("updated_at");
    await expect(streams.getByTestId("stream-pk-public.customers").locator("summary")).toHaveText(/^id\b/); // the declared key
    await streams.getByTestId("stream-select-public.orders").check();
    await streams.getByTestId("stream-mode-public.orders").selectOption("full_refresh_overwrite");
    await expect(streams.getByTestId("stream-select-public.products")).not.toBeChecked();
    await expect(streams.getByTestId("stream-select-public.order_items")).not.toBeChecked();
    await page.getByTestId("connection-name").fill(names.connection);
    await page.getByTestId("connection-namespace").fill(schema);
    await page.getByTestId("schedule-manual").check();
    await expect(page.getByTestId("create-connection")).toHaveText("Create connection (2 streams)");
    await page.getByTestId("create-connection").click();
    await expect(page).toHaveURL(/\/connections\/(?!new$)[^/]+$/);
    const connectionUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId("connection-title")).toContainText(names.connection);
    await expect(page.getByTestId("connection-settings")).toContainText(`${schema}.<stream>`);
    await expect(page.getByTestId("connection-settings")).toContainText("manual only");

    // 5. The first run loads every customer; its page shows progress, the log and rows per stream.
    const customersBefore = await customerCount(shop);
    await runNowAndWait(page);
    await expect(page.getByTestId("run-timeline-finished")).toHaveAttribute("data-reached", "true");
    await expect(page.getByTestId("run-progress")).toContainText(/\d rows/);
    await expect(page.getByTestId("run-logs").getByTestId("run-log-line").first()).toBeVisible({ timeout: 10_000 });
    await expect(streamRows(page, "public.customers")).toHaveText(new RegExp(`^${rows(customersBefore)}(\\D|$)`));
    await expect(streamRows(page, "public.orders")).toHaveText(/^[1-9]/);

    // 6. Three customers change and one is new; the second run loads just those four.
    const changed = await shop.query<{ id: string; full_name: string }>(
      `UPDATE customers SET full_name = 'Renamed ' || id || ' ${stamp}', updated_at = now()
       WHERE id IN (SELECT id FROM customers ORDER BY id LIMIT 3) RETURNING id::text, full_name`,
    );
    expect(changed.rowCount).toBe(3);
    await shop.query("INSERT INTO customers (email, full_name, country) VALUES ($1, $2, 'NL')", [`e2e-${stamp}@example.com`, `New ${stamp}`]);
    const customersAfter = await customerCount(shop);
    expect(customersAfter).toBe(customersBefore + 1);

    await page.goto(connectionUrl);
    await expect(page.getByTestId("stream-cursor-value-public.customers")).not.toHaveText("—"); // the first run's cursor
    await runNowAndWait(page);
    await expect(streamRows(page, "public.customers")).toHaveText(/^4(\D|$)/);

    // 7. The warehouse: every customer once, the renamed ones with their new names.
    const db = await openWarehouse(warehouseFile);
    try {
      const conn = await db.connect();
      try {
        const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
        const [counts] = await query(`SELECT count(*) AS n, count(DISTINCT id) AS ids FROM ${schema}.customers`);
        expect(Number(counts!.n), "customers in the warehouse").toBe(customersAfter);
        expect(Number(counts!.ids), "distinct customer ids in the warehouse").toBe(customersAfter);
        const renamed = await query(
          `SELECT CAST(id AS VARCHAR) AS id, full_name FROM ${schema}.customers WHERE id IN (${changed.rows.map((r) => r.id).join(", ")}) ORDER BY id`,
        );
        expect(renamed.map((r) => ({ id: r.id, full_name: r.full_name }))).toEqual([...changed.rows].sort((a, b) => Number(a.id) - Number(b.id)));
        const added = await query(`SELECT full_name FROM ${schema}.customers WHERE email = 'e2e-${stamp}@example.com'`);
        expect(added.map((r) => r.full_name)).toEqual([`New ${stamp}`]);
        const [orders] = await query(`SELECT count(*) AS n FROM ${schema}.orders`);
        expect(Number(orders!.n)).toBeGreaterThan(0);
      } finally {
        conn.closeSync();
      }
    } finally {
      db.closeSync();
    }
  } finally {
    await releaseHold().catch(() => undefined);
    await shop.end();
  }
});
