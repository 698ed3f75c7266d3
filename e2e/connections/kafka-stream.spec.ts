/**
 * The streaming issue's acceptance test, in a browser: a topic holds N JSON
 * messages and one that is not JSON; an engineer registers the broker as a
 * Kafka source through its form, discovers the topic, designs a connection
 * to a DuckDB file (topics only: no sync modes, no schedule) and starts the
 * stream. The page then shows every partition's committed offset reach its
 * end, the lag fall to 0, one dead letter and the hour's run with N rows;
 * the dead-letter topic holds the bad message with its reason, the
 * warehouse every good message once. Pause, resume and stop offer only the
 * valid buttons. Needs the broker `npm test` starts (WEIR_TEST_KAFKA_BROKERS).
 */
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { expect, test, type Page } from "@playwright/test";
import { createTopic, produce, readTopic, testBrokers } from "../../src/connectors/kafka/kafka-fixture";
import { signIn, weirRun } from "../support/weir";

const MESSAGES = 120;
const PARTITIONS = 3;
const STREAM_TIMEOUT = 90_000;

/** The DuckDB file, read-only; the worker holds its write lock while it lands a micro-batch and a few seconds after. */
async function openWarehouse(file: string): Promise<DuckDBInstance> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
    } catch (e) {
      if (Date.now() > deadline || !/lock/i.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Clicks a stream control and waits for the state badge to follow. */
async function control(page: Page, action: "start" | "pause" | "resume" | "stop", state: string): Promise<void> {
  await page.getByTestId(`stream-${action}`).click();
  await expect(page.getByTestId("stream-state")).toHaveText(state);
  await expect(page.getByTestId("stream-control-error")).toHaveCount(0);
}

const buttons = (page: Page) => page.locator('[data-testid^="stream-"]').and(page.getByRole("button"));

test.beforeAll(() => {
  testBrokers(); // fails with a clear message when no broker was given
});

test("a Kafka topic streams into DuckDB: offsets reach the end, lag falls to 0, the bad message is a dead letter", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const run = weirRun();
  const stamp = Date.now().toString(36);
  const names = { source: `E2E Kafka ${stamp}`, destination: `E2E stream warehouse ${stamp}`, connection: `E2E orders stream ${stamp}` };
  const warehouseFile = path.join(run.stateDir, `e2e-stream-${stamp}.duckdb`);
  const schema = "e2e_stream";
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // 1. A topic with N orders over three partitions and one message that is not JSON.
  const topic = await createTopic(`e2e-orders-${stamp}`, PARTITIONS);
  await produce(
    topic,
    Array.from({ length: MESSAGES }, (_, i) => ({
      key: `order-${i}`,
      value: JSON.stringify({
        id: i + 1,
        customer: `customer-${i % 7}`,
        amount: Math.round(i * 137) / 100,
        placed_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      }),
    })),
  );
  await produce(topic, [{ key: "broken", value: "{ this is not json" }]);

  await signIn(page, run.admin.email, run.admin.password);

  // 2. The Kafka source through its spec-driven form: one broker, one topic, no security settings.
  await page.goto("/sources/new");
  await page.getByTestId("connector-kafka").click();
  const sourceForm = page.getByTestId("endpoint-form");
  await sourceForm.getByTestId("endpoint-name").fill(names.source);
  const broker = sourceForm.locator("#root_brokers_0");
  if (!(await broker.isVisible())) await sourceForm.getByTestId("field-root_brokers").getByRole("button", { name: "+ Add" }).click();
  await broker.fill(testBrokers().split(",")[0]!);
  await sourceForm.getByTestId("field-root_topics").getByRole("button", { name: "+ Add" }).click();
  await sourceForm.locator("#root_topics_0").fill(topic);
  await sourceForm.getByTestId("test-connection").click();
  await expect(sourceForm.getByTestId("check-result")).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
  await sourceForm.getByTestId("save-endpoint").click();
  await expect(page).toHaveURL(/\/sources\/(?!new$)[^/]+$/);
  const sourceId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByTestId("discover-streams").click();
  const catalogRow = page.getByTestId("discover-panel").getByTestId(`stream-row-${topic}`);
  await expect(catalogRow).toBeVisible({ timeout: 30_000 });
  await expect(catalogRow).toContainText("_weir_topic, _weir_partition, _weir_offset");

  // 3. A DuckDB destination of its own.
  await page.goto("/destinations/new");
  await page.getByTestId("connector-duckdb").click();
  const destinationForm = page.getByTestId("endpoint-form");
  await destinationForm.getByTestId("endpoint-name").fill(names.destination);
  await destinationForm.locator("#root_path").fill(warehouseFile);
  await destinationForm.getByTestId("save-endpoint").click();
  await expect(page).toHaveURL(/\/destinations\/(?!new$)[^/]+$/);
  const destinationId = new URL(page.url()).pathname.split("/").pop()!;

  // 4. The connection: pick the topic; no sync mode, cursor, key or schedule to set.
  await page.goto("/connections/new");
  await page.getByTestId("wizard-source").selectOption(sourceId);
  await page.getByTestId("wizard-destination").selectOption(destinationId);
  await page.getByTestId("wizard-discover").click();
  const topics = page.getByTestId("stream-settings");
  await expect(topics.getByTestId(`stream-row-${topic}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("streaming-explanation")).toBeVisible();
  await expect(topics.getByTestId(`stream-select-${topic}`)).toBeChecked();
  await expect(topics.getByTestId(`stream-mode-${topic}`)).toHaveCount(0);
  await expect(page.getByTestId("schedule-manual")).toHaveCount(0);
  await page.getByTestId("connection-name").fill(names.connection);
  await page.getByTestId("connection-namespace").fill(schema);
  await expect(topics.getByTestId(`stream-row-${topic}`)).toContainText(`${schema}.${topic}`);
  await shot("wizard");
  await expect(page.getByTestId("create-connection")).toHaveText("Create connection (1 topic)");
  await page.getByTestId("create-connection").click();
  await expect(page).toHaveURL(/\/connections\/(?!new$)[^/]+$/);
  await expect(page.getByTestId("connection-title")).toContainText(names.connection);

  // 5. Not started: only Start; no Run now.
  await expect(page.getByTestId("stream-state")).toHaveText("not started");
  await expect(page.getByTestId("run-now")).toHaveCount(0);
  await expect(buttons(page)).toHaveText(["Start"]);

  // 6. Started: every partition's committed offset reaches its end, the lag falls to 0, one dead letter.
  await control(page, "start", "running");
  await expect(buttons(page)).toHaveText(["Pause", "Stop"]);
  const partitions = page.getByTestId("stream-partitions");
  await expect(partitions.locator("tbody tr")).toHaveCount(PARTITIONS, { timeout: STREAM_TIMEOUT });
  for (let p = 0; p < PARTITIONS; p++) {
    const row = partitions.getByTestId(`stream-partition-${topic}-${p}`);
    await expect(row.getByTestId("partition-lag")).toHaveText("0", { timeout: STREAM_TIMEOUT });
    await expect(row.getByTestId("committed-offset")).toHaveText((await row.getByTestId("end-offset").textContent())!);
  }
  await expect(page.getByTestId("stream-lag")).toHaveText("0", { timeout: STREAM_TIMEOUT });
  await expect(page.getByTestId("stream-dead-letters")).toHaveText("1", { timeout: STREAM_TIMEOUT });
  await expect(page.getByTestId("stream-dead-letter-hint")).toContainText(`${topic}.weir-dlq`);
  await expect(page.getByTestId("stream-last-batch")).toHaveText(/ago$/);
  await expect(page.getByTestId("stream-error")).toHaveCount(0);
  // The hour's run carries the landed rows (two runs when the test crosses the hour).
  const runRows = page.getByTestId("connection-runs").getByTestId("run-table").locator("tbody tr");
  const hourRun = runRows.first();
  await expect(hourRun).toContainText("stream");
  const landedInRuns = async () => (await runRows.locator("td:nth-child(3)").allTextContents()).reduce((n, t) => n + Number(t.replace(/\D/g, "")), 0);
  await expect.poll(landedInRuns, { timeout: 15_000 }).toBe(MESSAGES);
  await expect(page.getByTestId("stream-messages-per-second")).not.toHaveText("0");
  await shot("stream-running");

  // 7. Pause and resume, then stop: only the valid buttons each time.
  await control(page, "pause", "paused");
  await expect(buttons(page)).toHaveText(["Resume", "Stop"]);
  await control(page, "resume", "running");
  await control(page, "stop", "stopped");
  await expect(buttons(page)).toHaveText(["Start"]);
  await expect(hourRun.locator("td").first()).toHaveText("succeeded", { timeout: 15_000 }); // stopping closes the hour's run
  await expect(runRows.locator("td:first-child", { hasText: "running" })).toHaveCount(0);
  await shot("stream-stopped");

  // 8. The dead-letter topic holds the bad message with its reason.
  const dead = await readTopic(`${topic}.weir-dlq`);
  expect(dead).toHaveLength(1);
  expect(dead[0]!.key?.toString()).toBe("broken");
  expect(dead[0]!.headers?.["weir-reason"]?.toString()).toMatch(/json/i);

  // 9. The warehouse: every good message once, with where it came from.
  const db = await openWarehouse(warehouseFile);
  try {
    const conn = await db.connect();
    try {
      const [counts] = (
        await conn.runAndReadAll(
          `SELECT count(*) AS n, count(DISTINCT id) AS ids, count(DISTINCT (_weir_partition, _weir_offset)) AS positions, min(_weir_topic) AS topic FROM ${schema}."${topic}"`,
        )
      ).getRowObjectsJS();
      expect(Number(counts!.n), "rows in the bronze table").toBe(MESSAGES);
      expect(Number(counts!.ids), "distinct order ids").toBe(MESSAGES);
      expect(Number(counts!.positions), "distinct (partition, offset)").toBe(MESSAGES);
      expect(counts!.topic).toBe(topic);
    } finally {
      conn.closeSync();
    }
  } finally {
    db.closeSync();
  }
});
