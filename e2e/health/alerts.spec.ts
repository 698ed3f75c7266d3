/**
 * The run-health issue's acceptance test, in a browser: an engineer sets up
 * a webhook channel and two alert rules through the UI; then a connection
 * fails (its source's password is changed to a wrong one) and an error
 * check fails (a NULL lands in a column it watches). The health page shows
 * both within one refresh, with the model the check blocks; a webhook
 * receiver started by this test gets exactly one alert per rule and target;
 * an acknowledged alert stops its reminders; after the fixes (the right
 * password, the row repaired) the receiver gets one recovery each.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { shopClient } from "../support/shop";
import { signIn, trpcCall, weirRun } from "../support/weir";

type TMessage = { event: string; alert: { id: string; status: string }; rule: { id: string; name: string }; target: { key: string; label: string } };

async function startReceiver() {
  const messages: TMessage[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      try {
        messages.push(JSON.parse(raw) as TMessage);
      } catch {
        // not an alert
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const count = (messages: TMessage[], ruleName: string, event: string) => messages.filter((m) => m.rule.name === ruleName && m.event === event).length;

/** Until Weir has sent every delivery of the rule's alerts it has queued: what the receiver holds for the rule is then all there is so far. */
async function deliveriesSettled(page: Page, ruleName: string) {
  type TAlert = { ruleName: string; deliveries: { status: string }[] };
  await expect
    .poll(
      async () =>
        (await trpcCall<TAlert[]>(page, "alert.list", { status: "all", limit: 500 }, "query"))
          .filter((a) => a.ruleName === ruleName)
          .flatMap((a) => a.deliveries)
          .filter((d) => d.status === "pending").length,
      { timeout: 30_000 },
    )
    .toBe(0);
}

/** The overview lists the first few of each list: open the whole list when it has more (other specs share this Weir). */
async function showAll(page: Page, testId: string) {
  const toggle = page.getByTestId(testId).getByTestId("show-all");
  if ((await toggle.count()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
}

async function runConnection(page: Page, connectionId: string, expected: "succeeded" | "failed") {
  const run = await trpcCall<{ id: string }>(page, "connection.runNow", { id: connectionId });
  await expect.poll(async () => (await trpcCall<{ status: string }>(page, "run.get", { id: run.id }, "query")).status, { timeout: 90_000 }).toBe(expected);
}

test("failures reach the health page and the webhook once each, reminders stop when acknowledged, recoveries follow the fixes", async ({ page }) => {
  test.setTimeout(300_000);
  const run = weirRun();
  const stamp = Date.now().toString(36);
  const table = `e2e_health_${stamp}`;
  const names = {
    good: `E2E health source ${stamp}`,
    broken: `E2E health broken ${stamp}`,
    destination: `E2E health warehouse ${stamp}`,
    goodConn: `E2E health ok ${stamp}`,
    badConn: `E2E health bad ${stamp}`,
    model: `e2e_health_${stamp}`,
  };
  const ruleNames = { run: `E2E run failed ${stamp}`, check: `E2E check failed ${stamp}` };
  // A clock: fewer than 1,000 workers are always alive, so this alert fires once and reminds every 10 s until the rule is deleted.
  // Its reminders show that evaluations (every 1 s here) went on for so long, which is what "nothing more was sent" needs.
  const clockName = `E2E clock ${stamp}`;
  const shop = await shopClient(run);
  const receiver = await startReceiver();
  const created: { rules: string[] } = { rules: [] };
  try {
    await shop.query(`CREATE TABLE ${table} (id bigint PRIMARY KEY, label text); INSERT INTO ${table} VALUES (1, 'one'), (2, 'two')`);
    await signIn(page, run.admin.email, run.admin.password);

    // What the spec is not about, set up through the API: two sources on the shop, a warehouse, two connections, a model and a check.
    const pgConfig = { host: run.pg.host, port: run.pg.port, database: "shop", user: run.pg.user, password: run.pg.password, sslMode: "disable" };
    const good = await trpcCall<{ id: string }>(page, "source.create", { name: names.good, connector: "postgres", config: pgConfig });
    const broken = await trpcCall<{ id: string }>(page, "source.create", { name: names.broken, connector: "postgres", config: pgConfig });
    for (const s of [good, broken]) await trpcCall(page, "source.discover", { id: s.id });
    const warehouse = await trpcCall<{ id: string }>(page, "destination.create", {
      name: names.destination,
      connector: "duckdb",
      config: { path: `${run.stateDir}/e2e-health-${stamp}.duckdb` },
    });
    const stream = { stream: `public.${table}`, selected: true, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: ["id"] };
    const settings = { namespace: "health", tablePrefix: "", schedule: null, schemaChangePolicy: "propagate", streams: [stream] };
    const goodConn = await trpcCall<{ id: string }>(page, "connection.create", {
      name: names.goodConn,
      sourceId: good.id,
      destinationId: warehouse.id,
      ...settings,
    });
    const badConn = await trpcCall<{ id: string }>(page, "connection.create", {
      name: names.badConn,
      sourceId: broken.id,
      destinationId: warehouse.id,
      ...settings,
      namespace: "health_b",
    });
    await trpcCall(page, "model.create", {
      name: names.model,
      layer: "silver",
      materialization: "table",
      uniqueKey: [],
      description: "",
      owner: "oncall@example.com",
      columnDescriptions: {},
      schedule: null,
      destinationId: warehouse.id,
      sql: `select id, upper(label) as label from {{ source('${names.goodConn}', 'public.${table}') }}`,
    });
    const check = await trpcCall<{ id: string }>(page, "quality.createCheck", {
      name: `label present ${stamp}`,
      destinationId: warehouse.id,
      datasetSchema: "health",
      datasetTable: table,
      connectionId: goodConn.id,
      stream: `public.${table}`,
      check: { kind: "not_null", column: "label" },
      severity: "error",
    });
    // Both sync once cleanly; the model builds, so the lineage knows what reads the table.
    await runConnection(page, goodConn.id, "succeeded");
    await runConnection(page, badConn.id, "succeeded");
    await expect
      .poll(
        async () =>
          (await trpcCall<{ models: { model: string; status: string }[] }[]>(page, "model.runs", undefined, "query")).some((r) =>
            r.models.some((m) => m.model === names.model && m.status === "succeeded"),
          ),
        { timeout: 60_000 },
      )
      .toBe(true);

    // 1. The channel and the rules, through the UI.
    await page.goto("/health/alerts");
    const channelForm = page.getByTestId("channel-form");
    await channelForm.getByTestId("channel-name").fill(`E2E hook ${stamp}`);
    await channelForm.locator("#root_url").fill(receiver.url);
    await channelForm.getByTestId("create-channel").click();
    const channel = page.getByTestId("channel").filter({ hasText: `E2E hook ${stamp}` });
    await expect(channel).toBeVisible();
    await channel.getByTestId("test-channel").click();
    await expect(channel.getByTestId("channel-test-result")).toHaveText(/^✓ Delivered \(HTTP 200\)\.$/);
    expect(receiver.messages.filter((m) => m.rule.name === "Channel test")).toHaveLength(1);

    const ruleForm = page.getByTestId("rule-form");
    await ruleForm.getByTestId("rule-name").fill(ruleNames.run);
    await ruleForm.getByTestId("rule-kind").selectOption("run_failed");
    await ruleForm.getByTestId(`rule-connection-${names.badConn}`).check();
    await ruleForm.getByTestId(`rule-channel-E2E hook ${stamp}`).check();
    await ruleForm.getByTestId("create-rule").click();
    await expect(page.getByTestId("rule").filter({ hasText: ruleNames.run })).toBeVisible();
    await ruleForm.getByTestId("rule-name").fill(ruleNames.check);
    await ruleForm.getByTestId("rule-kind").selectOption("check_failed");
    await ruleForm.getByTestId(`rule-connection-${names.goodConn}`).check();
    await ruleForm.getByTestId(`rule-channel-E2E hook ${stamp}`).check();
    await ruleForm.getByTestId("rule-repeat").fill("10");
    await ruleForm.getByTestId("create-rule").click();
    await expect(page.getByTestId("rule").filter({ hasText: ruleNames.check })).toContainText("reminds every 10 s");
    created.rules = (await trpcCall<{ id: string; name: string }[]>(page, "alert.rules", undefined, "query"))
      .filter((r) => Object.values(ruleNames).includes(r.name))
      .map((r) => r.id);
    expect(created.rules).toHaveLength(2);
    const hook = (await trpcCall<{ id: string; name: string }[]>(page, "alert.channels", undefined, "query")).find((c) => c.name === `E2E hook ${stamp}`)!;
    const clock = await trpcCall<{ id: string }>(page, "alert.createRule", {
      name: clockName,
      params: { kind: "workers_below", workers: 1000 },
      channelIds: [hook.id],
      repeatSeconds: 10,
    });
    created.rules.push(clock.id);
    await expect.poll(() => count(receiver.messages, clockName, "fired"), { timeout: 30_000 }).toBe(1);

    // 2. Two failures: a wrong password on the broken source, a NULL label at the good one.
    await trpcCall(page, "source.update", { id: broken.id, config: { ...pgConfig, password: "not-the-password" } });
    await runConnection(page, badConn.id, "failed");
    await shop.query(`INSERT INTO ${table} VALUES (3, NULL)`);
    await runConnection(page, goodConn.id, "succeeded");
    await expect
      .poll(async () => (await trpcCall<{ results: { status: string }[] }>(page, "quality.check", { id: check.id }, "query")).results[0]?.status, {
        timeout: 30_000,
      })
      .toBe("failed");

    // 3. The health page shows both within one refresh (5 s), and what the check blocks.
    await page.goto("/health");
    await expect(page.getByTestId("health-count-failing-connections")).not.toHaveAttribute("data-count", "0", { timeout: 6_000 });
    await expect(page.getByTestId("blocked-panel")).toHaveAttribute("data-ready", "true");
    for (const list of ["problems-failing-connections", "problems-failing-checks", "blocked-panel", "firing-alerts"]) await showAll(page, list);
    await expect(page.getByTestId("problems-failing-connections").getByTestId("problem").filter({ hasText: names.badConn })).toContainText(
      /password authentication failed/i,
      { timeout: 6_000 },
    );
    await expect(
      page
        .getByTestId("problems-failing-checks")
        .getByTestId("problem")
        .filter({ hasText: `label present ${stamp}` }),
    ).toBeVisible({ timeout: 6_000 });
    const blocked = page.getByTestId("blocked-failure").filter({ hasText: `label present ${stamp}` });
    await expect(blocked.locator(`[data-testid="blocked-dataset"][data-name="${names.model}"]`)).toContainText("owner oncall@example.com", { timeout: 6_000 });
    await page.screenshot({ path: "e2e/.output/artifacts/health-failing.png", fullPage: true });

    // 4. One alert per rule and target reaches the receiver; the check's reminders repeat until acknowledged.
    await expect.poll(() => count(receiver.messages, ruleNames.run, "fired"), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => count(receiver.messages, ruleNames.check, "fired"), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => count(receiver.messages, ruleNames.check, "reminder"), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    // The reminder came from an evaluation at least 10 s after both alerts fired; once what was queued has been sent, a second "fired" would be here.
    for (const name of Object.values(ruleNames)) await deliveriesSettled(page, name);
    expect(count(receiver.messages, ruleNames.run, "fired")).toBe(1);
    expect(count(receiver.messages, ruleNames.check, "fired")).toBe(1);
    expect(new Set(receiver.messages.filter((m) => m.rule.name === ruleNames.run).map((m) => m.target.key))).toEqual(new Set([`connection:${badConn.id}`]));
    expect(count(receiver.messages, ruleNames.run, "reminder")).toBe(0);

    await expect(page.getByTestId("firing-alert").first()).toBeVisible({ timeout: 6_000 });
    await showAll(page, "firing-alerts");
    const alert = page.getByTestId("firing-alert").filter({ hasText: ruleNames.check });
    await alert.getByTestId("acknowledge-alert").click();
    await expect(alert).toContainText(`acknowledged by ${run.admin.email}`);
    // Baseline once an evaluation has passed after the acknowledgement and what was queued before it has been sent.
    const clockAtAck = count(receiver.messages, clockName, "reminder");
    await expect.poll(() => count(receiver.messages, clockName, "reminder"), { timeout: 30_000 }).toBeGreaterThanOrEqual(clockAtAck + 1);
    await deliveriesSettled(page, ruleNames.check);
    const remindersAtAck = count(receiver.messages, ruleNames.check, "reminder");
    // Two more clock reminders: 20 s of evaluations, past the check's next reminder (its rule also reminds every 10 s).
    await expect.poll(() => count(receiver.messages, clockName, "reminder"), { timeout: 60_000 }).toBeGreaterThanOrEqual(clockAtAck + 3);
    await deliveriesSettled(page, ruleNames.check);
    expect(count(receiver.messages, ruleNames.check, "reminder")).toBe(remindersAtAck);

    // 5. The fixes: the right password again, the row repaired; one recovery each.
    await trpcCall(page, "source.update", { id: broken.id, config: pgConfig });
    await runConnection(page, badConn.id, "succeeded");
    await shop.query(`UPDATE ${table} SET label = 'three' WHERE id = 3`);
    await runConnection(page, goodConn.id, "succeeded");
    await expect.poll(() => count(receiver.messages, ruleNames.run, "resolved"), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => count(receiver.messages, ruleNames.check, "resolved"), { timeout: 30_000 }).toBe(1);
    // A clock reminder after both recoveries: evaluations went on after them; nothing fired again.
    const clockAtRecovery = count(receiver.messages, clockName, "reminder");
    await expect.poll(() => count(receiver.messages, clockName, "reminder"), { timeout: 30_000 }).toBeGreaterThanOrEqual(clockAtRecovery + 1);
    for (const name of Object.values(ruleNames)) await deliveriesSettled(page, name);
    expect(count(receiver.messages, ruleNames.run, "fired")).toBe(1);
    expect(count(receiver.messages, ruleNames.check, "fired")).toBe(1);
    await page.goto("/health/alerts");
    await expect(page.getByTestId("alert-history-row").filter({ hasText: ruleNames.check }).first()).toHaveAttribute("data-status", "resolved");
    await page.screenshot({ path: "e2e/.output/artifacts/health-alerts.png", fullPage: true });
  } finally {
    for (const id of created.rules) await trpcCall(page, "alert.deleteRule", { id }).catch(() => undefined);
    await shop.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await shop.end();
    await receiver.close();
  }
});
