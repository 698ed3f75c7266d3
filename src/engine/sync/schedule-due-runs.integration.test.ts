/**
 * The scheduler tick `scheduleDueRuns` against a real PostgreSQL: which
 * connections get a run queued (a Run row with trigger "schedule" and a
 * `sync.run-connection` job on the connection's own queue), and that a tick
 * repeated within the same schedule period queues nothing more. Each test
 * starts from a database without connections.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { lastFireTime, scheduleDueRuns } from "@/engine/sync/schedule-due-runs";
import { QUEUE_SCHEMA, releaseQueueUtils } from "@/jobs/queue-client";
import { logger } from "@/lib/logger";
import { setUpTestApp } from "@/server/testing/test-app";

const EVERY_MINUTE = "* * * * *";
const HOURLY = "0 * * * *";
let teardown: () => Promise<void>;

/** A connection from a fresh source (`connector`, postgres unless said) to a fresh destination. */
async function buildConnection(opts: { schedule: string | null; createdAt?: Date; status?: "active" | "paused"; connector?: string }) {
  const tag = randomUUID().slice(0, 8);
  const source = await db().source.create({ data: { name: `source ${tag}`, connector: opts.connector ?? "postgres", config: {} } });
  const destination = await db().destination.create({ data: { name: `destination ${tag}`, connector: "duckdb", config: {} } });
  return db().connection.create({
    data: {
      name: `connection ${tag}`,
      sourceId: source.id,
      destinationId: destination.id,
      namespace: "bronze",
      schedule: opts.schedule,
      status: opts.status ?? "active",
      createdAt: opts.createdAt ?? new Date(Date.now() - 3_600_000),
    },
  });
}

async function scheduledRuns(connectionId: string) {
  return db().run.findMany({ where: { connectionId, trigger: "schedule" }, orderBy: { queuedAt: "asc" } });
}

/** The ids of the runs whose `sync.run-connection` job waits on the connection's own queue (the job's id is on its run). */
async function queuedRunIds(connectionId: string): Promise<string[]> {
  const jobs = await db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM ${QUEUE_SCHEMA}.jobs WHERE task_identifier = 'sync.run-connection' AND queue_name = $1 ORDER BY id`,
    `sync:${connectionId}`,
  );
  const runs = await db().run.findMany({ where: { jobId: { in: jobs.map((j) => j.id) } }, select: { id: true, jobId: true } });
  return jobs.map((j) => runs.find((r) => r.jobId === j.id)?.id ?? `job ${j.id} of no run`);
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  ({ teardown } = await setUpTestApp());
});

beforeEach(async () => {
  await db().connection.deleteMany({}); // runs go with them (cascade)
});

afterAll(async () => {
  await releaseQueueUtils();
  await teardown();
});

describe("scheduleDueRuns", () => {
  it("queues one run of each due connection, and none of one not yet due, paused, or without a schedule", async () => {
    const now = new Date();
    const due = await buildConnection({ schedule: EVERY_MINUTE });
    const alsoDue = await buildConnection({ schedule: HOURLY });
    // Created just after the hourly schedule last fired: its first scheduled run is at the next hour.
    const notYetDue = await buildConnection({ schedule: HOURLY, createdAt: new Date(lastFireTime(HOURLY, now).getTime() + 1) });
    const paused = await buildConnection({ schedule: EVERY_MINUTE, status: "paused" });
    const manualOnly = await buildConnection({ schedule: null });

    const result = await scheduleDueRuns(now, logger);

    expect(result.started.sort()).toEqual([due.name, alsoDue.name].sort());
    expect(result.skipped).toEqual([]);
    for (const c of [due, alsoDue]) {
      const runs = await scheduledRuns(c.id);
      expect(runs.map((r) => r.status)).toEqual(["queued"]);
      expect(await queuedRunIds(c.id)).toEqual([runs[0]!.id]);
    }
    for (const c of [notYetDue, paused, manualOnly]) {
      expect(await db().run.count({ where: { connectionId: c.id } })).toBe(0);
      expect(await queuedRunIds(c.id)).toEqual([]);
    }
  });

  it("a second tick in the same minute adds nothing, even once the first run has finished; the next minute's tick queues the next run", async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const connection = await buildConnection({ schedule: EVERY_MINUTE });

    expect((await scheduleDueRuns(new Date(minute + 1_000), logger)).started).toEqual([connection.name]);
    const [first] = await scheduledRuns(connection.id);
    // Finished, so only the scheduler's own "already ran since it fired" check can hold back a second run (not startRun's one-active-run rule).
    await db().run.update({ where: { id: first!.id }, data: { status: "succeeded", startedAt: new Date(), finishedAt: new Date() } });

    expect(await scheduleDueRuns(new Date(minute + 59_000), logger)).toEqual({ started: [], skipped: [] });
    expect((await scheduledRuns(connection.id)).map((r) => r.id)).toEqual([first!.id]);
    expect(await queuedRunIds(connection.id)).toEqual([first!.id]);

    // The schedule fires again in a later minute (a `now` ahead of the clock: the first run was queued before it).
    expect((await scheduleDueRuns(new Date(minute + 120_000), logger)).started).toEqual([connection.name]);
    const runs = await scheduledRuns(connection.id);
    expect(runs).toHaveLength(2);
    expect(await queuedRunIds(connection.id)).toEqual(runs.map((r) => r.id));
  });

  it("skips, naming it, a due connection that already has a run going or reads a streaming source, and queues nothing for it", async () => {
    const now = new Date();
    const busy = await buildConnection({ schedule: EVERY_MINUTE });
    const manual = await db().run.create({ data: { connectionId: busy.id, trigger: "manual", status: "running", startedAt: now } });
    const streaming = await buildConnection({ schedule: EVERY_MINUTE, connector: "kafka" });

    const result = await scheduleDueRuns(now, logger);

    expect(result.started).toEqual([]);
    expect(result.skipped.sort()).toEqual([busy.name, streaming.name].sort());
    expect((await db().run.findMany({ where: { connectionId: busy.id } })).map((r) => r.id)).toEqual([manual.id]);
    expect(await db().run.count({ where: { connectionId: streaming.id } })).toBe(0);
    expect(await queuedRunIds(busy.id)).toEqual([]);
    expect(await queuedRunIds(streaming.id)).toEqual([]);
  });
});
