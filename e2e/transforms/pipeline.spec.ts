/**
 * The transformations issue's acceptance test, in a browser: an engineer
 * writes a silver model on a synced demo stream and a gold model on it, adds
 * a not-null error check to silver from its page and builds both. Then a
 * customer's email becomes NULL at the source and is synced into bronze: the
 * check fails, the gold build is blocked naming the check, and an incident
 * opens. Once the email is back and synced, the check passes, gold builds and
 * the incident resolves by itself. Screenshots of the main pages go to
 * /tmp/weir-ui-*.png.
 */
import { expect, test, type Page } from "@playwright/test";
import { holdDemoCustomerUpdates, shopClient } from "../support/shop";
import { signIn, weirRun } from "../support/weir";

const RUN_TIMEOUT = 120_000;
const DEMO_CONNECTION = "shop → warehouse";
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/weir-ui-${name}.png`, fullPage: true });

/** Syncs the demo connection from its page and waits until the run succeeded (so bronze holds the source as it is now). */
async function syncDemo(page: Page): Promise<void> {
  await page.goto("/connections");
  await page.getByTestId(`connection-row-${DEMO_CONNECTION}`).getByRole("link", { name: DEMO_CONNECTION }).click();
  await expect(page.getByTestId("connection-title")).toContainText(DEMO_CONNECTION);
  const runNow = page.getByTestId("run-now");
  await expect(runNow).toBeEnabled({ timeout: RUN_TIMEOUT }); // a scheduled run may still be going
  await runNow.click();
  await page.getByTestId("run-queued").getByRole("link", { name: "follow it" }).click();
  const status = page.getByTestId("run-status");
  await expect(status).toHaveText(/^(succeeded|failed|cancelled)$/, { timeout: RUN_TIMEOUT });
  if ((await status.textContent()) !== "succeeded") {
    throw new Error(
      `The demo sync ended ${await status.textContent()}: ${await page
        .getByTestId("run-error")
        .textContent()
        .catch(() => "(no error)")}`,
    );
  }
}

/** Types SQL into the model's editor (CodeMirror), replacing what is there. */
async function setSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId("model-sql").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(sql);
  await expect(editor).toContainText(sql.split("\n")[0]!);
}

/** Creates a model through /models/new and returns its page's path. */
async function createModel(page: Page, m: { name: string; layer: "silver" | "gold"; sql: string; compiledHas: string }): Promise<string> {
  await page.goto("/models");
  await page.getByTestId("new-model").click();
  await expect(page).toHaveURL(/\/models\/new$/);
  await page.getByTestId("model-name").fill(m.name);
  await page.getByTestId("model-layer").selectOption(m.layer);
  await page.getByTestId("model-materialization").selectOption("table");
  await page.getByTestId("model-destination").selectOption({ label: "Warehouse (duckdb)" }); // the demo's; other specs add warehouses
  await page.getByTestId("model-description").fill(`E2E ${m.layer} model`);
  await setSql(page, m.sql);
  await expect(page.getByTestId("compiled-sql")).toContainText(m.compiledHas);
  await page.getByTestId("save-model").click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("model-title")).toContainText(m.name);
  return new URL(page.url()).pathname;
}

/** On a model page: starts a run with the given button, opens it and waits until it ended; returns its status. */
async function runAndFollow(page: Page, modelPath: string, button: string): Promise<string> {
  await page.goto(modelPath);
  await page.getByTestId(button).click();
  await page.getByTestId("transform-run-started").getByRole("link", { name: "follow it" }).click();
  await expect(page).toHaveURL(/\/models\/runs\/[0-9a-f-]{36}$/);
  const status = page.getByTestId("transform-run-status");
  await expect(status).toHaveText(/^(succeeded|failed|cancelled)$/, { timeout: RUN_TIMEOUT });
  return (await status.textContent())!;
}

const modelStatus = (page: Page, model: string) => page.getByTestId(`transform-run-model-status-${model}`);
const modelRows = (page: Page, model: string) => page.getByTestId(`transform-run-model-${model}`).locator("td").nth(2);

test("a silver and a gold model build; a failing check blocks gold and opens an incident; fixed, gold builds and the incident resolves", async ({ page }) => {
  test.setTimeout(900_000);
  const run = weirRun();
  const stamp = Date.now().toString(36);
  const silver = `e2e_customers_${stamp}`;
  const gold = `e2e_countries_${stamp}`;
  const dataset = `silver.${silver}`;
  const checkName = "email not null";

  const shop = await shopClient(run);
  const releaseHold = await holdDemoCustomerUpdates(shop, "e2e_transforms_hold_customers");
  const {
    rows: [victim],
  } = await shop.query<{ id: string; email: string }>("SELECT id::text, email FROM customers ORDER BY id LIMIT 1");
  const customers = Number((await shop.query<{ n: string }>("SELECT count(*) AS n FROM customers")).rows[0]!.n);
  try {
    // 1. Signed in as the printed admin, the demo connection has synced bronze.shop_customers.
    await signIn(page, run.admin.email, run.admin.password);
    await syncDemo(page);

    // 2. The silver model, through the editor: an unknown ref is refused with its line, then the real SQL compiles.
    await page.goto("/models/new");
    await page.getByTestId("model-name").fill(silver);
    await setSql(page, `select *\nfrom {{ ref('no_such_model_${stamp}') }}`);
    await expect(page.getByTestId("compile-error")).toContainText(`line 2`);
    await expect(page.getByTestId("compile-error")).toContainText(`no_such_model_${stamp}`);
    await expect(page.getByTestId("model-sql")).toHaveAttribute("data-error-line", "2");
    await shot(page, "model-new-compile-error");
    const silverPath = await createModel(page, {
      name: silver,
      layer: "silver",
      sql: `-- customers, one row each\nselect id as customer_id, email, upper(country) as country\nfrom {{ source('${DEMO_CONNECTION}', 'public.customers') }}`,
      compiledHas: `"bronze"."shop_customers"`,
    });

    // 3. The gold model on it, with ref().
    const goldPath = await createModel(page, {
      name: gold,
      layer: "gold",
      sql: `select country, count(*) as customers\nfrom {{ ref('${silver}') }}\ngroup by country`,
      compiledHas: `"silver"."${silver}"`,
    });
    await shot(page, "model-gold");

    // 4. A not-null error check on silver's email, from silver's page.
    await page.goto(silverPath);
    await expect(page.getByTestId("model-downstream").getByTestId(`downstream-${gold}`)).toBeVisible();
    await page.getByTestId("add-check").click();
    const form = page.getByTestId("check-form");
    await expect(form.getByTestId("check-form-dataset")).toContainText(dataset);
    await form.getByTestId("check-kind").selectOption("not_null");
    await form.getByTestId("check-column").fill("email");
    await expect(form.getByTestId("check-name")).toHaveValue(checkName);
    await expect(form.getByTestId("check-severity")).toHaveValue("error");
    await form.getByTestId("create-check").click();
    const checkRow = page.getByTestId("model-checks").getByTestId(`check-row-${checkName}`);
    await expect(checkRow).toBeVisible();
    await expect(page.getByTestId(`check-status-${checkName}`)).toHaveText("not run yet");

    // 5. Run silver with its downstream: both build, the check passes.
    expect(await runAndFollow(page, silverPath, "run-model-downstream")).toBe("succeeded");
    await expect(modelStatus(page, silver)).toHaveText("succeeded");
    await expect(modelStatus(page, gold)).toHaveText("succeeded");
    await expect(modelRows(page, silver)).toHaveText(customers.toLocaleString("en-US"));
    await expect(modelRows(page, gold)).toHaveText(/^[1-9]/);
    await expect(page.getByTestId(`transform-run-check-${checkName}`)).toContainText("passed");
    await page.goto("/models");
    await expect(page.getByTestId(`model-row-status-${silver}`)).toHaveText("succeeded");
    await expect(page.getByTestId(`model-row-status-${gold}`)).toHaveText("succeeded");
    await expect(page.getByTestId(`model-edge-${silver}-${gold}`)).toBeAttached();
    await expect(page.getByTestId("transform-run-table")).toBeVisible();
    await shot(page, "models");

    // 6. Break the source: a customer without an email, synced into bronze.
    await shop.query("ALTER TABLE customers ALTER COLUMN email DROP NOT NULL");
    await shop.query("UPDATE customers SET email = NULL, updated_at = now() WHERE id = $1", [victim!.id]);
    await syncDemo(page);

    // 7. The pipeline again: silver builds, its check fails, gold is blocked naming the check.
    expect(await runAndFollow(page, silverPath, "run-model-downstream")).toBe("failed");
    await expect(modelStatus(page, silver)).toHaveText("succeeded");
    await expect(modelStatus(page, gold)).toHaveText("blocked");
    await expect(page.getByTestId(`transform-run-model-why-${gold}`)).toHaveText(`Blocked by check "${checkName}" on ${dataset} failed.`);
    await expect(page.getByTestId("transform-run-error")).toContainText(`${gold} blocked`);
    await expect(page.getByTestId(`transform-run-check-${checkName}`)).toContainText("failed");
    await shot(page, "transform-run-blocked");

    // The gold model's history says why; the check's page shows the failing row.
    await page.goto(goldPath);
    await expect(page.getByTestId("model-build-status-0")).toHaveText("blocked");
    await expect(page.getByTestId("model-build-0").getByTestId("model-build-reason")).toHaveText(`Blocked by check "${checkName}" on ${dataset} failed.`);
    await page.goto(silverPath);
    await expect(page.getByTestId(`check-status-${checkName}`)).toHaveText("failed");
    await page.getByTestId("model-checks").getByRole("link", { name: checkName }).click();
    await expect(page.getByTestId("check-title")).toContainText(checkName);
    await expect(page.getByTestId("check-status")).toHaveText("failed");
    await expect(page.getByTestId("failing-rows")).toContainText(victim!.id);
    await expect(page.getByTestId("check-open-incident")).toBeVisible();
    await expect(page.getByTestId("failing-rows-chart")).toBeVisible();
    await shot(page, "check-failed");

    // 8. An incident is open for it; an engineer acknowledges it.
    await page.goto("/quality/incidents");
    const incidentRow = page.locator('[data-testid^="incident-row-"]').filter({ hasText: dataset });
    await expect(incidentRow).toHaveCount(1);
    await expect(incidentRow).toContainText("open");
    await expect(incidentRow).toContainText(checkName);
    await shot(page, "incidents-open");
    await incidentRow.getByRole("link", { name: "Details" }).click();
    await expect(page.getByTestId("incident-status")).toHaveText("open");
    await page.getByTestId("acknowledge-incident").click();
    await expect(page.getByTestId("incident-status")).toHaveText("acknowledged");
    await expect(page.getByTestId("incident-acknowledged")).toContainText(run.admin.email);
    const incidentPath = new URL(page.url()).pathname;
    await expect(page.getByTestId("failing-rows")).toBeVisible();
    await shot(page, "incident-acknowledged");

    // 9. Fix the source, sync, run again: the check passes, gold builds, the incident resolves by itself.
    await shop.query("UPDATE customers SET email = $2, updated_at = now() WHERE id = $1", [victim!.id, victim!.email]);
    await syncDemo(page);
    expect(await runAndFollow(page, silverPath, "run-model-downstream")).toBe("succeeded");
    await expect(modelStatus(page, silver)).toHaveText("succeeded");
    await expect(modelStatus(page, gold)).toHaveText("succeeded");
    await expect(page.getByTestId(`transform-run-check-${checkName}`)).toContainText("passed");
    await page.goto(incidentPath);
    await expect(page.getByTestId("incident-status")).toHaveText("resolved");
    await expect(page.getByTestId("incident-resolved")).toContainText("by itself");
    await expect(page.getByTestId("incident-last-result")).toBeVisible();
    await shot(page, "incident-resolved");
    await page.goto("/quality/incidents");
    await expect(page.locator('[data-testid^="incident-row-"]').filter({ hasText: dataset })).toHaveCount(0);
    await page.getByTestId("incidents-tab-all").click();
    await expect(page.locator('[data-testid^="incident-row-"]').filter({ hasText: dataset })).toContainText("resolved by itself");

    // The quality page lists the check with its trend: passed, failed, passed.
    await page.goto(`/quality?dataset=${dataset}`);
    const listed = page.getByTestId("check-table").getByTestId(`check-row-${checkName}`);
    await expect(listed).toHaveCount(1);
    await expect(listed.getByTestId(`check-status-${checkName}`)).toHaveText("passed");
    await expect(listed.getByTestId("check-trend")).toHaveAttribute("aria-label", /passed.*failed.*passed$/);
    await page.goto("/quality");
    await expect(page.getByTestId("check-table")).toBeVisible();
    await shot(page, "quality");
    await page.goto(silverPath);
    await expect(page.getByTestId("model-history").getByTestId("model-build-0")).toBeVisible();
    await expect(page.getByTestId("model-graph")).toBeVisible();
    await shot(page, "model-silver");
  } finally {
    await shop.query("UPDATE customers SET email = $2, updated_at = now() WHERE id = $1 AND email IS NULL", [victim!.id, victim!.email]).catch(() => undefined);
    await shop.query("ALTER TABLE customers ALTER COLUMN email SET NOT NULL").catch(() => undefined);
    await releaseHold().catch(() => undefined);
    await shop.end();
  }
});
