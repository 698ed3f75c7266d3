/**
 * The health procedures through tRPC against a real metadata database:
 * counts and lists of what is broken, the runs of a window (single runs, or
 * slots with every failure when the window is busy), what failures block
 * from the lineage with owners, the charts, and the role each action needs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import {
  buildCheck,
  buildCheckResult,
  buildConnection,
  buildDataset,
  buildHeartbeat,
  buildLag,
  buildModel,
  buildModelRun,
  buildRun,
} from "@/engine/alerts/alerts-fixture";
import { MAX_ITEMS } from "@/server/health/health-timeline";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let viewer: ReturnType<typeof callerFor>;
let failing: Awaited<ReturnType<typeof buildConnection>>;
let healthy: Awaited<ReturnType<typeof buildConnection>>;

/** An edge from `input` to `output` that its job's last complete run saw. */
async function edge(inputId: string, outputId: string) {
  const runId = randomUUID();
  const job = await db().lineageJob.create({ data: { namespace: "weir", name: `job-${runId}`, lastCompleteRunId: runId, lastCompleteAt: new Date() } });
  await db().lineageEdge.create({
    data: { jobId: job.id, inputId, outputId, firstRunId: runId, lastRunId: runId, firstSeenAt: new Date(), lastSeenAt: new Date() },
  });
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  viewer = callerFor(await buildUser({ role: "viewer" }));
  failing = await buildConnection({ name: "crm sync" });
  healthy = await buildConnection({ name: "billing sync" });
  await buildRun(failing.id, "succeeded", { minutesAgo: 30 });
  await buildRun(failing.id, "failed", { minutesAgo: 5, error: 'password authentication failed for user "weir"' });
  await buildRun(healthy.id, "failed", { minutesAgo: 20 });
  await buildRun(healthy.id, "succeeded", { minutesAgo: 10 });
  // crm's table feeds a silver model, which feeds gold.
  const bronze = await buildDataset({ name: "bronze.crm_customers", connectionId: failing.id, destinationId: failing.destinationId });
  const silverModel = await buildModel(failing.destinationId, "customers_silver");
  const silver = await db().dataset.create({
    data: {
      namespace: "duckdb:///w",
      name: "silver.customers_silver",
      platform: "duckdb",
      kind: "model",
      layer: "silver",
      owner: "ana@example.com",
      modelId: silverModel.id,
      destinationId: failing.destinationId,
    },
  });
  const gold = await db().dataset.create({
    data: {
      namespace: "duckdb:///w",
      name: "gold.revenue",
      platform: "duckdb",
      kind: "model",
      layer: "gold",
      owner: "bo@example.com",
      destinationId: failing.destinationId,
    },
  });
  await edge(bronze.id, silver.id);
  await edge(silver.id, gold.id);
  const check = await buildCheck(failing.destinationId, { table: "customers_silver" });
  await buildCheckResult(check.id, "failed");
  await buildModelRun(silverModel.id, "failed");
  const stream = await buildConnection({ name: "events stream", streaming: true });
  await buildLag(stream.id, 25_000);
  const hour = await buildRun(stream.id, "succeeded", { minutesAgo: 5, seconds: 3600 });
  await db().run.update({ where: { id: hour.id }, data: { trigger: "stream", rows: 10_000_000 } });
  await buildHeartbeat(true);
});
afterAll(async () => {
  await teardown();
});

describe("health.summary", () => {
  it("counts and lists what is broken, with what can be done", async () => {
    const s = await viewer.health.summary();
    expect(s.counts).toMatchObject({ failingConnections: 1, failingModels: 1, failingChecks: 1, laggingStreams: 1, freshnessBreaches: 0, workersAlive: 1 });
    expect(s.failingConnections).toEqual([
      expect.objectContaining({
        label: "crm sync",
        detail: 'password authentication failed for user "weir"',
        actions: [
          { kind: "retry_run", id: expect.any(String) },
          { kind: "pause_connection", id: failing.id },
        ],
      }),
    ]);
    expect(s.failingModels[0]).toMatchObject({ label: "customers_silver", actions: [{ kind: "rerun_model", id: "customers_silver" }] });
    expect(s.laggingStreams[0]).toMatchObject({
      label: "events stream",
      detail: "25,000 messages behind over 1 partition(s).",
      actions: [{ kind: "pause_stream", id: expect.any(String) }],
    });
  });
});

describe("health.blocked", () => {
  it("names what each failure blocks downstream, nearest first, with owners", async () => {
    const blocked = await viewer.health.blocked();
    const crm = blocked.find((b) => b.key === `connection:${failing.id}`)!;
    expect(crm).toMatchObject({ cause: "connection", total: 2, models: 2 });
    expect(crm.blocked.map((d) => [d.shortName, d.owner, d.depth])).toEqual([
      ["customers_silver", "ana@example.com", 1],
      ["revenue", "bo@example.com", 2],
    ]);
    const check = blocked.find((b) => b.cause === "check")!;
    expect(check.blocked.map((d) => d.shortName)).toEqual(["revenue"]);
    const totals = blocked.map((b) => b.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a)); // most blocking first
    expect(blocked.indexOf(crm)).toBeLessThan(blocked.indexOf(check));
  });
});

describe("health.timeline", () => {
  it("returns every run of a quiet window, and slots plus every failure for a busy one", async () => {
    const now = Date.now();
    const quiet = await viewer.health.timeline({ from: new Date(now - 3600_000), to: new Date(now) });
    expect(quiet.mode).toBe("items");
    expect(
      quiet.items
        .filter((i) => i.lane === "sync")
        .map((i) => [i.label, i.status])
        .sort(),
    ).toEqual([
      ["billing sync", "failed"],
      ["billing sync", "succeeded"],
      ["crm sync", "failed"],
      ["crm sync", "succeeded"],
    ]);
    expect(quiet.items.find((i) => i.lane === "check")).toMatchObject({ status: "failed", href: expect.stringMatching(/^\/quality\/checks\//) });

    const busy = await buildConnection({ name: "busy" });
    await db().$executeRaw`
      INSERT INTO "Run" (id, "connectionId", status, trigger, "queuedAt", "startedAt", "finishedAt", attempts)
      SELECT gen_random_uuid(), ${busy.id}::uuid, CASE WHEN g % 100 = 0 THEN 'failed' ELSE 'succeeded' END::"RunStatus", 'schedule',
        now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval + interval '1 second', 1
      FROM generate_series(1, ${MAX_ITEMS + 500}) g`;
    const loud = await viewer.health.timeline({ from: new Date(now - 3 * 3600_000), to: new Date(Date.now()) });
    expect(loud.mode).toBe("slots");
    expect(loud.total).toBeGreaterThan(MAX_ITEMS);
    expect(loud.slots.reduce((n, s) => n + s.count, 0)).toBe(loud.total);
    expect(loud.items.every((i) => ["failed", "error", "blocked"].includes(i.status))).toBe(true);
    expect(loud.items.filter((i) => i.label === "busy")).toHaveLength(Math.floor((MAX_ITEMS + 500) / 100));
  });

  it("refuses a window that ends before it starts, or spans more than a month, naming why", async () => {
    await expect(viewer.health.timeline({ from: new Date(), to: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(viewer.health.timeline({ from: new Date(Date.now() - 40 * 86400_000), to: new Date() })).rejects.toThrow(/at most 31 days/);
  });
});

describe("health.charts", () => {
  it("aggregates durations and rows per connection, failure rates per day and lag per stream", async () => {
    const charts = await viewer.health.charts({ range: "24h" });
    expect(charts.connections.map((c) => c.name)).toEqual(expect.arrayContaining(["crm sync", "billing sync"]));
    expect(charts.connections.map((c) => c.name)).not.toContain("events stream"); // its hour windows moved most, but a stream's health is its lag
    expect(charts.perConnection.length).toBeGreaterThan(0);
    expect(charts.failureRate).toHaveLength(14);
    // Per day as the database buckets them: the runs minutes ago fall on yesterday when the test runs just after midnight.
    const perDay = await db().$queryRaw<{ day: Date; runs: number; failed: number }[]>`
      SELECT date_trunc('day', "finishedAt") AS day, COUNT(*)::int AS runs, COUNT(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM "Run" WHERE "finishedAt" >= date_trunc('day', now()) - interval '13 days' AND trigger <> 'stream' GROUP BY 1`;
    const expected = new Map(perDay.map((d) => [d.day.getTime(), d]));
    for (const d of charts.failureRate) {
      expect([d.syncRuns, d.syncFailed]).toEqual([expected.get(d.day.getTime())?.runs ?? 0, expected.get(d.day.getTime())?.failed ?? 0]);
    }
    expect(charts.failureRate.reduce((sum, d) => sum + d.syncFailed, 0)).toBeGreaterThanOrEqual(2);
    expect(charts.failureRate.reduce((sum, d) => sum + d.modelFailed, 0)).toBe(1);
    expect(charts.lag).toEqual([{ connectionId: expect.any(String), name: "events stream", lag: 25_000 }]);
    expect(charts.streams).toBe(1);
  });
});

describe("actions from the health page", () => {
  it("a viewer may read but not act; an engineer pauses and the audit log says who", async () => {
    await expect(viewer.connection.pause({ id: failing.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const engineer = await buildUser({ role: "engineer" });
    await callerFor(engineer).connection.pause({ id: failing.id });
    const s = await viewer.health.summary();
    expect(s.failingConnections[0]!.actions).toContainEqual({ kind: "resume_connection", id: failing.id });
    expect(await db().auditEvent.findFirst({ where: { action: "connection.pause", targetId: failing.id } })).toMatchObject({ actorEmail: engineer.email });
  });

  it("lists batch runs running now, longest first, and an engineer cancels a stuck one", async () => {
    const stuck = await db().run.create({
      data: { connectionId: healthy.id, status: "running", attempts: 1, rows: 0, rowsRead: 1234, startedAt: new Date(Date.now() - 95 * 60_000) },
    });
    const recent = await db().run.create({ data: { connectionId: failing.id, status: "running", attempts: 1, startedAt: new Date(Date.now() - 30_000) } });
    const before = await viewer.health.summary();
    expect(before.runningRuns.map((r) => r.key)).toEqual([`run:${stuck.id}`, `run:${recent.id}`]);
    expect(before.runningRuns[0]).toMatchObject({
      label: "billing sync",
      detail: "running for 1 h 35 min, 1,234 rows read so far.",
      actions: [{ kind: "cancel_run", id: stuck.id }],
    });
    await expect(viewer.run.cancel({ id: stuck.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const engineer = await buildUser({ role: "engineer" });
    await callerFor(engineer).run.cancel({ id: stuck.id });
    const after = await viewer.health.summary();
    expect(after.runningRuns[0]).toMatchObject({ detail: expect.stringMatching(/^Cancel requested; running for 1 h 35 min/), actions: [] });
    expect(await db().auditEvent.findFirst({ where: { action: "run.cancel", targetId: stuck.id } })).toMatchObject({ actorEmail: engineer.email });
    await db().run.updateMany({ where: { id: { in: [stuck.id, recent.id] } }, data: { status: "cancelled", finishedAt: new Date() } });
  });
});
