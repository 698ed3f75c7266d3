/**
 * system.enqueueTestJob puts a real job on the graphile-worker queue and
 * audits it; system.workers lists only workers with a fresh heartbeat.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { releaseQueueUtils } from "@/jobs/queue-client";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
beforeAll(async () => ({ teardown } = await setUpTestApp()));
afterAll(async () => {
  await releaseQueueUtils();
  await teardown();
});

describe("system.enqueueTestJob", () => {
  it("queues a system.sleep job and records who queued it", async () => {
    const engineer = await buildUser({ role: "engineer" });
    const { jobId } = await callerFor(engineer).system.enqueueTestJob({ seconds: 3 });
    const [job] = await db().$queryRaw<{ task_identifier: string; payload: { ms: number } }[]>`
      SELECT t.identifier AS task_identifier, j.payload
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.id = ${BigInt(jobId)}`;
    expect(job).toMatchObject({ task_identifier: "system.sleep", payload: { ms: 3000 } });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "job.enqueue", targetId: jobId } });
    expect(audit.actorEmail).toBe(engineer.email);
  });

  it("rejects an out-of-range duration naming the field", async () => {
    const engineer = await buildUser({ role: "engineer" });
    await expect(callerFor(engineer).system.enqueueTestJob({ seconds: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("system.workers", () => {
  it("lists workers with a fresh heartbeat and leaves out stale and stopped ones", async () => {
    const now = new Date();
    await db().workerHeartbeat.createMany({
      data: [
        { id: "wkr-fresh", hostname: "h1", pid: 1, lastSeenAt: now, currentJobs: [{ id: "7", kind: "system.sleep", startedAt: now.toISOString() }] },
        { id: "wkr-stale", hostname: "h2", pid: 2, lastSeenAt: new Date(now.getTime() - 60_000) },
        { id: "wkr-stopped", hostname: "h3", pid: 3, lastSeenAt: now, stoppedAt: now },
      ],
    });
    const viewer = await buildUser({ role: "viewer" });
    const workers = await callerFor(viewer).system.workers();
    expect(workers.map((w) => w.id)).toEqual(["wkr-fresh"]);
    expect(workers[0]!.currentJobs).toEqual([{ id: "7", kind: "system.sleep", startedAt: now.toISOString() }]);
  });
});
