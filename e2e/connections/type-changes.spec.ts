/**
 * Type fidelity on the connection page, in a browser: the column types
 * table shows how each column travels (the source's money converted by a
 * rule, DuckDB keeping an unconstrained numeric as exact text, a decimal
 * refusing NaN), and a type change the destination cannot apply (text →
 * integer at the source) pauses the connection with the three choices; the
 * engineer keeps the old type and casts, the connection resumes by itself
 * and the next run succeeds. What the spec is not about (source,
 * destination, connection) is set up through the API.
 */
import { expect, test, type Page } from "@playwright/test";
import { shopClient } from "../support/shop";
import { runNowAndWait, signIn, trpcCall, weirRun } from "../support/weir";

/** From the connection's page: "Run now", follow the run, wait until it ended, and return its status. */
async function runNowAndEnd(page: Page): Promise<string> {
  await expect(page.getByTestId("run-now")).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId("run-now").click();
  await page.getByTestId("run-queued").getByRole("link", { name: "follow it" }).click();
  const status = page.getByTestId("run-status");
  await expect(status).toHaveText(/^(succeeded|failed|cancelled)$/, { timeout: 120_000 });
  return (await status.textContent()) ?? "";
}

test("the column types table, and a paused type change resolved by casting", async ({ page }) => {
  test.setTimeout(300_000);
  const run = weirRun();
  const stamp = Date.now().toString(36);
  const table = `e2e_types_${stamp}`;
  const stream = `public.${table}`;
  const shop = await shopClient(run);
  try {
    await shop.query(`
      CREATE TABLE ${table} (id bigint PRIMARY KEY, code text NOT NULL, amount numeric, price numeric(10,2), total money, label text);
      INSERT INTO ${table} SELECT g, g::text, g / 3.0, g * 1.5, g * 2, 'row ' || g FROM generate_series(1, 20) g;`);
    await signIn(page, run.admin.email, run.admin.password);
    const pgConfig = { host: run.pg.host, port: run.pg.port, database: "shop", user: run.pg.user, password: run.pg.password, sslMode: "disable" };
    const source = await trpcCall<{ id: string }>(page, "source.create", { name: `E2E types source ${stamp}`, connector: "postgres", config: pgConfig });
    await trpcCall(page, "source.discover", { id: source.id });
    const warehouse = await trpcCall<{ id: string }>(page, "destination.create", {
      name: `E2E types warehouse ${stamp}`,
      connector: "duckdb",
      config: { path: `${run.stateDir}/e2e-types-${stamp}.duckdb` },
    });
    const connection = await trpcCall<{ id: string }>(page, "connection.create", {
      name: `E2E types ${stamp}`,
      sourceId: source.id,
      destinationId: warehouse.id,
      namespace: "types",
      tablePrefix: "",
      schedule: null,
      schemaChangePolicy: "propagate",
      streams: [{ stream, selected: true, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: ["id"] }],
    });

    // 1. The first run, then the column types: converted and refused cells are marked.
    await page.goto(`/connections/${connection.id}`);
    await runNowAndWait(page);
    await page.goto(`/connections/${connection.id}`);
    const mapping = page.getByTestId("column-type-mapping");
    await mapping.getByTestId("column-types-toggle").click();
    const row = (column: string) => mapping.getByTestId(`type-mapping-${stream}.${column}`);
    await expect(row("label").getByTestId("type-mapping-destination")).toHaveAttribute("data-marked", "exact");
    await expect(row("label").getByTestId("type-mapping-destination")).toHaveText("VARCHAR");
    await expect(row("amount").getByTestId("type-mapping-destination")).toHaveAttribute("data-marked", "converted");
    await expect(row("amount").getByTestId("type-note-converted")).toContainText("exact decimal text");
    await expect(row("price").getByTestId("type-mapping-destination")).toHaveAttribute("data-marked", "refuses");
    await expect(row("price").getByTestId("type-note-refuses")).toContainText("NaN");
    await expect(row("total").getByTestId("type-mapping-source")).toContainText("money");
    await expect(row("total").getByTestId("type-mapping-source").getByTestId("type-note-converted")).toBeVisible();
    await page.screenshot({ path: "e2e/.output/artifacts/column-types.png", fullPage: true });

    // 2. text → integer at the source: the run stops before loading and the connection pauses with the three choices.
    await shop.query(`ALTER TABLE ${table} ALTER COLUMN code TYPE integer USING code::integer; INSERT INTO ${table} VALUES (21, 21, 7, 1.5, 3, 'row 21')`);
    expect(await runNowAndEnd(page)).toBe("failed");
    await expect(page.getByTestId("run-error")).toContainText(`cannot convert ${stream}.code from text to integer`);
    await page.getByTestId("run-connection").click();
    await expect(page.getByTestId("connection-status")).toHaveText("paused");
    await expect(page.getByTestId("paused-reason")).toContainText(
      "rebuild the table from scratch, keep text and cast new values into it, or ignore the column",
    );
    const pending = page.getByTestId(`type-change-${stream}.code`);
    await expect(pending).toContainText("text → integer");
    await expect(page.getByTestId("resume-connection")).toBeDisabled();
    await page.screenshot({ path: "e2e/.output/artifacts/type-change-pending.png", fullPage: true });

    // 3. Keep text and cast: the connection resumes by itself; the next run succeeds and the column stays text.
    // What each choice does is on the page; rebuilding drops the table, so it asks first (here: back out of it).
    await expect(page.getByTestId("type-choice-hints")).toContainText("Drops the destination table");
    await page.getByTestId(`type-choice-rebuild-${stream}.code`).click();
    await expect(page.getByTestId(`type-choice-rebuild-confirm-${stream}.code`)).toBeVisible();
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByTestId(`type-choice-cast-${stream}.code`).click();
    await expect(page.getByTestId("pending-type-changes")).toHaveCount(0);
    await expect(page.getByTestId("connection-status")).toHaveText("active");
    await expect(page.getByTestId("schema-changes")).toContainText("cast");
    await runNowAndWait(page);
    await expect(page.getByTestId(`run-stream-${stream}`).getByTestId("run-stream-committed")).toHaveText("21");
    await page.getByTestId("run-connection").click();
    await page.getByTestId("column-type-mapping").getByTestId("column-types-toggle").click();
    await expect(row("code").getByTestId("type-mapping-weir")).toContainText("text");
    await expect(row("code").getByTestId("type-mapping-choice")).toHaveText("kept: new values cast");
  } finally {
    await shop.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await shop.end();
  }
});
