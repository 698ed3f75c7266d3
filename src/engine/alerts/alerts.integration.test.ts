/**
 * Alerting against real parts: Weir's metadata PostgreSQL, a real webhook
 * receiver on loopback and a real SMTP server. Every rule kind fires on its
 * condition and recovers; alerts are de-duplicated per rule and target;
 * reminders stop when acknowledged and pause when snoozed; deliveries record
 * every try and retry until they succeed or run out; scopes choose targets.
 */
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import {
  buildChannel,
  buildCheck,
  buildCheckResult,
  buildConnection,
  buildDataset,
  buildEndpoints,
  buildHeartbeat,
  buildLag,
  buildModel,
  buildModelRun,
  buildRule,
  buildRun,
  startWebhookReceiver,
} from "@/engine/alerts/alerts-fixture";
import { deliverAlert } from "@/engine/alerts/deliver-alert";
import { evaluateAlerts } from "@/engine/alerts/evaluate-alerts";
import { evaluateFreshnessDeadlines } from "@/engine/alerts/evaluate-freshness";
import { freePort } from "@/db/embedded-postgres";
import { logger } from "@/lib/logger";
import { setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let channelId: string;

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
  receiver = await startWebhookReceiver();
  channelId = (await buildChannel("webhook", { url: `${receiver.url}/hook?token=s3cret` })).id;
});
afterEach(async () => {
  await db().alertRule.deleteMany({});
  receiver.received.length = 0;
});
afterAll(async () => {
  await receiver?.close();
  await teardown();
});

const evaluate = async (now = new Date()) => (await evaluateAlerts({ log: logger, now }))!;
const alertsOf = (ruleId: string) => db().alert.findMany({ where: { ruleId }, orderBy: { firedAt: "asc" } });
const deliveriesOf = async (ruleId: string) => db().alertDelivery.findMany({ where: { alert: { ruleId } }, orderBy: { createdAt: "asc" } });
/** Every queued delivery of the rule tried once, as the alerts.deliver job does. */
const deliverAll = async (ruleId: string) => {
  for (const d of await db().alertDelivery.findMany({ where: { alert: { ruleId }, status: "pending" } }))
    await deliverAlert(d.id, { attempt: d.attempts + 1, maxAttempts: 8, log: logger });
};
const inSeconds = (s: number) => new Date(Date.now() + s * 1000);

describe("run_failed", () => {
  it("fires once per target, stays quiet while it keeps failing, and sends a recovery when the next run succeeds", async () => {
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "run_failed" }, [channelId], { scope: { connectionIds: [conn.id] } });
    await buildRun(conn.id, "failed", { minutesAgo: 2, error: "password authentication failed" });
    expect(await evaluate()).toMatchObject({ fired: 1, resolved: 0 });
    await buildRun(conn.id, "failed", { minutesAgo: 1 });
    expect(await evaluate()).toMatchObject({ fired: 0, resolved: 0, reminders: 0 });
    expect(await alertsOf(rule.id)).toHaveLength(1);
    await deliverAll(rule.id);
    expect(receiver.received.map((r) => r.body.event)).toEqual(["fired"]);
    expect(receiver.received[0]!.body).toMatchObject({
      source: "weir",
      rule: { id: rule.id, kind: "run_failed" },
      target: { key: `connection:${conn.id}` },
      alert: { status: "firing" },
    });
    expect(receiver.received[0]!.path).toBe("/hook?token=s3cret");

    await buildRun(conn.id, "succeeded");
    expect(await evaluate()).toMatchObject({ fired: 0, resolved: 1 });
    await deliverAll(rule.id);
    expect(receiver.received.map((r) => r.body.event)).toEqual(["fired", "resolved"]);
    expect(await alertsOf(rule.id)).toMatchObject([{ status: "resolved" }]);
  });

  it("watches models' latest builds too", async () => {
    const { destinationId } = await buildEndpoints();
    const model = await buildModel(destinationId);
    const rule = await buildRule({ kind: "run_failed" }, [channelId]);
    await buildModelRun(model.id, "failed");
    await evaluate();
    expect((await alertsOf(rule.id)).filter((a) => a.targetKey === `model:${model.id}`)).toHaveLength(1);
    await buildModelRun(model.id, "succeeded");
    await evaluate();
    expect((await alertsOf(rule.id)).find((a) => a.targetKey === `model:${model.id}`)).toMatchObject({ status: "resolved" });
  });
});

describe("consecutive_failures and duration_above_median", () => {
  it("fires only after N failures in a row", async () => {
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "consecutive_failures", count: 3 }, [channelId], { scope: { connectionIds: [conn.id] } });
    await buildRun(conn.id, "succeeded", { minutesAgo: 10 });
    await buildRun(conn.id, "failed", { minutesAgo: 3 });
    await buildRun(conn.id, "failed", { minutesAgo: 2 });
    expect((await evaluate()).fired).toBe(0);
    await buildRun(conn.id, "failed", { minutesAgo: 1 });
    expect((await evaluate()).fired).toBe(1);
    expect((await alertsOf(rule.id))[0]!.message).toMatch(/last 3 runs .* failed/);
  });

  it("fires when the latest run takes more than X times the median of the ones before", async () => {
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "duration_above_median", factor: 3 }, [channelId], { scope: { connectionIds: [conn.id] } });
    for (let i = 10; i > 4; i--) await buildRun(conn.id, "succeeded", { minutesAgo: i, seconds: 10 });
    await buildRun(conn.id, "succeeded", { minutesAgo: 1, seconds: 25 });
    expect((await evaluate()).fired).toBe(0);
    await buildRun(conn.id, "succeeded", { minutesAgo: 0, seconds: 45 });
    expect((await evaluate()).fired).toBe(1);
    expect((await alertsOf(rule.id))[0]!.message).toMatch(/took 45 s, 4\.5× its median of 10 s \(limit 3×\)/);
    await buildRun(conn.id, "succeeded", { minutesAgo: 0, seconds: 11 });
    expect((await evaluate()).resolved).toBe(1);
  });
});

describe("freshness", () => {
  it("a deadline missed opens a breach, which fires; the next update closes both", async () => {
    const dataset = await buildDataset({ lastUpdatedAt: new Date(Date.now() - 3 * 3600_000), tags: ["tier1"] });
    await db().freshnessDeadline.create({ data: { datasetId: dataset.id, kind: "max_age", maxAgeSeconds: 2 * 3600 } });
    const rule = await buildRule({ kind: "freshness_breach" }, [channelId], { scope: { tags: ["tier1"] } });
    expect(await evaluateFreshnessDeadlines({ log: logger })).toEqual({ opened: 1, closed: 0 });
    expect(await evaluateFreshnessDeadlines({ log: logger })).toEqual({ opened: 0, closed: 0 });
    expect((await evaluate()).fired).toBe(1);
    await db().dataset.update({ where: { id: dataset.id }, data: { lastUpdatedAt: new Date() } });
    expect(await evaluateFreshnessDeadlines({ log: logger })).toEqual({ opened: 0, closed: 1 });
    expect((await evaluate()).resolved).toBe(1);
    expect(await alertsOf(rule.id)).toMatchObject([{ status: "resolved", targetKey: `dataset:${dataset.id}` }]);
  });

  it("a daily deadline: missed when the day's data has not landed by its time", async () => {
    const dataset = await buildDataset({ lastUpdatedAt: new Date("2026-03-01T23:00:00Z") });
    await db().freshnessDeadline.create({ data: { datasetId: dataset.id, kind: "daily_by", dailyBy: "06:00" } });
    expect(await evaluateFreshnessDeadlines({ log: logger, now: new Date("2026-03-02T05:00:00Z") })).toMatchObject({ opened: 0 });
    expect(await evaluateFreshnessDeadlines({ log: logger, now: new Date("2026-03-02T06:30:00Z") })).toMatchObject({ opened: 1 });
    const [breach] = await db().freshnessBreach.findMany({ where: { datasetId: dataset.id } });
    expect(breach!.dueAt.toISOString()).toBe("2026-03-02T06:00:00.000Z");
    await db().dataset.update({ where: { id: dataset.id }, data: { lastUpdatedAt: new Date("2026-03-02T07:00:00Z") } });
    expect(await evaluateFreshnessDeadlines({ log: logger, now: new Date("2026-03-02T07:01:00Z") })).toMatchObject({ closed: 1 });
  });
});

describe("check_failed", () => {
  it("fires for error checks whose latest result failed, not for warnings, and recovers when it passes", async () => {
    const { destinationId } = await buildEndpoints();
    const dataset = await buildDataset({ name: "silver.orders_x", destinationId, tags: ["finance"] });
    const error = await buildCheck(destinationId, { table: "orders_x" });
    const warn = await buildCheck(destinationId, { table: "orders_x", severity: "warn" });
    const rule = await buildRule({ kind: "check_failed" }, [channelId], { scope: { datasetIds: [dataset.id] } });
    await buildCheckResult(error.id, "failed");
    await buildCheckResult(warn.id, "failed");
    expect((await evaluate()).fired).toBe(1);
    expect(await alertsOf(rule.id)).toMatchObject([{ targetKey: `check:${error.id}`, href: `/quality/checks/${error.id}` }]);
    await buildCheckResult(error.id, "passed");
    expect((await evaluate()).resolved).toBe(1);
  });
});

describe("stream_lag and workers_below", () => {
  it("fires only once the lag stayed above the limit for M minutes, and recovers when it drops", async () => {
    const conn = await buildConnection({ streaming: true });
    const rule = await buildRule({ kind: "stream_lag", messages: 100, minutes: 1 }, [channelId], { scope: { connectionIds: [conn.id] } });
    await buildLag(conn.id, 500);
    const t0 = new Date();
    expect((await evaluate(t0)).fired).toBe(0);
    expect((await evaluate(new Date(t0.getTime() + 30_000))).fired).toBe(0);
    expect((await evaluate(new Date(t0.getTime() + 61_000))).fired).toBe(1);
    await buildLag(conn.id, 50);
    expect((await evaluate(new Date(t0.getTime() + 70_000))).resolved).toBe(1);
    // A lag that comes back starts its minute over.
    await buildLag(conn.id, 500);
    expect((await evaluate(new Date(t0.getTime() + 80_000))).fired).toBe(0);
    expect(await alertsOf(rule.id)).toHaveLength(1);
  });

  it("fires when fewer workers than wanted are alive", async () => {
    await db().workerHeartbeat.deleteMany({});
    await buildHeartbeat(true);
    await buildHeartbeat(false);
    const rule = await buildRule({ kind: "workers_below", workers: 2 }, [channelId]);
    expect((await evaluate()).fired).toBe(1);
    expect((await alertsOf(rule.id))[0]!.message).toBe("1 worker alive (at least 2 wanted).");
    await buildHeartbeat(true);
    expect((await evaluate()).resolved).toBe(1);
  });
});

describe("scope", () => {
  it("a rule watches only its connections, datasets or tags; an empty scope watches everything", async () => {
    const [a, b] = [await buildConnection(), await buildConnection()];
    await buildDataset({ connectionId: b.id, tags: ["pii"] });
    await buildRun(a.id, "failed");
    await buildRun(b.id, "failed");
    const onlyA = await buildRule({ kind: "run_failed" }, [channelId], { scope: { connectionIds: [a.id] } });
    const byTag = await buildRule({ kind: "run_failed" }, [channelId], { scope: { tags: ["pii"] } });
    const all = await buildRule({ kind: "run_failed" }, [channelId]);
    await evaluate();
    expect((await alertsOf(onlyA.id)).map((x) => x.targetKey)).toEqual([`connection:${a.id}`]);
    expect((await alertsOf(byTag.id)).map((x) => x.targetKey)).toEqual([`connection:${b.id}`]);
    expect((await alertsOf(all.id)).map((x) => x.targetKey)).toEqual(expect.arrayContaining([`connection:${a.id}`, `connection:${b.id}`]));
  });
});

describe("reminders", () => {
  it("repeat every repeatSeconds until acknowledged; a snooze pauses them", async () => {
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "run_failed" }, [channelId], { scope: { connectionIds: [conn.id] }, repeatSeconds: 30 });
    await buildRun(conn.id, "failed");
    await evaluate();
    expect((await evaluate(inSeconds(10))).reminders).toBe(0);
    expect((await evaluate(inSeconds(31))).reminders).toBe(1);
    const [alert] = await alertsOf(rule.id);
    await db().alert.update({ where: { id: alert!.id }, data: { snoozedUntil: inSeconds(120) } });
    expect((await evaluate(inSeconds(70))).reminders).toBe(0);
    expect((await evaluate(inSeconds(130))).reminders).toBe(1);
    await db().alert.update({ where: { id: alert!.id }, data: { acknowledgedAt: new Date() } });
    expect((await evaluate(inSeconds(200))).reminders).toBe(0);
    expect((await deliveriesOf(rule.id)).map((d) => d.event)).toEqual(["fired", "reminder", "reminder"]);
    await buildRun(conn.id, "succeeded");
    expect((await evaluate(inSeconds(210))).resolved).toBe(1);
  });
});

describe("deliveries", () => {
  it("records every try; a receiver that fails is tried again until it takes the message", async () => {
    const conn = await buildConnection();
    await buildRule({ kind: "run_failed" }, [channelId], { scope: { connectionIds: [conn.id] } });
    await buildRun(conn.id, "failed");
    const { deliveryIds } = await evaluate();
    expect(deliveryIds).toHaveLength(1);
    const id = deliveryIds[0]!;
    receiver.failNext(2, 503);
    await expect(deliverAlert(id, { attempt: 1, maxAttempts: 5, log: logger })).rejects.toMatchObject({ code: "UNAVAILABLE", retryable: true });
    await expect(deliverAlert(id, { attempt: 2, maxAttempts: 5, log: logger })).rejects.toThrow(/HTTP 503/);
    expect(await deliverAlert(id, { attempt: 3, maxAttempts: 5, log: logger })).toBe("sent");
    expect(await deliverAlert(id, { attempt: 4, maxAttempts: 5, log: logger })).toBe("skipped"); // a job run twice sends once
    const tries = await db().alertDeliveryAttempt.findMany({ where: { deliveryId: id }, orderBy: { attempt: "asc" } });
    expect(tries.map((t) => [t.attempt, t.ok, t.status])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, true, 200],
    ]);
    expect(tries[0]!.error).not.toContain("s3cret");
    expect(await db().alertDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 3 });
    expect(receiver.received).toHaveLength(1);
  });

  it("sends a webhook URL's credentials as Basic authentication, not in the request line", async () => {
    const withCredentials = await buildChannel("webhook", { url: `http://hook:pa55-w%40rd@${receiver.url.replace("http://", "")}/creds` });
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "run_failed" }, [withCredentials.id], { scope: { connectionIds: [conn.id] } });
    await buildRun(conn.id, "failed");
    await evaluate();
    await deliverAll(rule.id);
    expect(receiver.received.map((r) => [r.path, r.headers.authorization])).toEqual([["/creds", `Basic ${Buffer.from("hook:pa55-w@rd").toString("base64")}`]]);
  });

  it("gives up after the last try, marking the delivery failed, and says why without the URL", async () => {
    const dead = await buildChannel("slack", { url: `http://127.0.0.1:${await freePort()}/services/T000/B000/s3cret` });
    const conn = await buildConnection();
    const rule = await buildRule({ kind: "run_failed" }, [dead.id], { scope: { connectionIds: [conn.id] } });
    await buildRun(conn.id, "failed");
    const [id] = (await evaluate()).deliveryIds;
    await expect(deliverAlert(id!, { attempt: 2, maxAttempts: 2, log: logger })).rejects.toThrow(/could not connect \(ECONNREFUSED\)/);
    const delivery = await db().alertDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(delivery).toMatchObject({ status: "failed", attempts: 2 });
    expect(delivery.lastError).not.toContain("s3cret");
    expect(rule.channelIds).toEqual([dead.id]);
  });

  it("speaks Slack's webhook format, and e-mail through SMTP", async () => {
    const slack = await buildChannel("slack", { url: `${receiver.url}/slack` });
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData: (stream, _session, done) => {
        let m = "";
        stream.on("data", (c: Buffer) => (m += c.toString()));
        stream.on("end", () => {
          mails.push(m);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const port = (smtp.server.address() as { port: number }).port;
    process.env.WEIR_SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      const email = await buildChannel("email", { to: ["oncall@example.com"], subjectPrefix: "[Weir test]" });
      const conn = await buildConnection({ name: "orders sync" });
      const rule = await buildRule({ kind: "run_failed" }, [slack.id, email.id], { scope: { connectionIds: [conn.id] } });
      await buildRun(conn.id, "failed", { error: "connection refused" });
      await evaluate();
      await deliverAll(rule.id);
      const posted = receiver.received.find((r) => r.path === "/slack")!.body;
      expect(posted.text).toMatch(/^🔴 Firing: .* — orders sync\nThe latest run of orders sync failed: connection refused\. Firing since /);
      expect(posted.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "section" })]));
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatch(/To: oncall@example.com/);
      const mail = mails[0]!.replace(/=\r?\n/g, "");
      expect(mail).toMatch(/^Subject: .*Weir/m);
      expect(mail).toContain("The latest run of orders sync failed: connection refused.");
      expect((await deliveriesOf(rule.id)).map((d) => d.status)).toEqual(["sent", "sent"]);
    } finally {
      delete process.env.WEIR_SMTP_URL;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
