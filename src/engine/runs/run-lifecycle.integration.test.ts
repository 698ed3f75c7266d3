/**
 * The run lifecycle against Weir's metadata PostgreSQL: what start and cancel
 * refuse and record, and the states an attempt leaves a run in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { buildConnection, buildEndpoints } from "@/engine/alerts/alerts-fixture";
import { cancelRun, markRunAttemptFailed, markRunRunning, startRun } from "@/engine/runs/run-lifecycle";
import { setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "lifecycle-test" } as const;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
});
afterAll(async () => {
  await teardown();
});

describe("startRun", () => {
  it("queues a run with its job and audit row, and refuses a second while it is queued", async () => {
    const connection = await buildConnection();
    const { id } = await startRun(connection.id, "manual", ACTOR);
    expect(await db().run.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", trigger: "manual", jobId: expect.any(String) });
    expect(await db().auditEvent.findFirst({ where: { action: "run.start", targetId: connection.id } })).toMatchObject({ actorEmail: ACTOR.email });
    await expect(startRun(connection.id, "schedule", ACTOR)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a paused connection, a streaming one and an unknown id", async () => {
    const paused = await buildConnection();
    await db().connection.update({ where: { id: paused.id }, data: { status: "paused", pausedReason: "schema change" } });
    await expect(startRun(paused.id, "manual", ACTOR)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("schema change") });
    const { destinationId } = await buildEndpoints();
    const kafka = await db().source.create({ data: { name: "lifecycle-kafka", connector: "kafka", config: {} } });
    const streaming = await db().connection.create({ data: { name: "lifecycle-stream", sourceId: kafka.id, destinationId, namespace: "bronze" } });
    await expect(startRun(streaming.id, "manual", ACTOR)).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(startRun("00000000-0000-4000-8000-000000000000", "manual", ACTOR)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("cancelRun", () => {
  it("cancels a run that never started at once, and refuses one already finished", async () => {
    const connection = await buildConnection();
    const { id } = await startRun(connection.id, "manual", ACTOR);
    await cancelRun(id, ACTOR);
    expect(await db().run.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "cancelled",
      cancelRequestedAt: expect.any(Date),
      finishedAt: expect.any(Date),
    });
    await expect(cancelRun(id, ACTOR)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("only asks a running run to stop: its worker cancels it", async () => {
    const connection = await buildConnection();
    const { id } = await startRun(connection.id, "manual", ACTOR);
    await markRunRunning(id, 1, null);
    await cancelRun(id, ACTOR);
    expect(await db().run.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", cancelRequestedAt: expect.any(Date), finishedAt: null });
  });
});

describe("markRunAttemptFailed", () => {
  it("queues the run again after an attempt that is not the last, and fails it after the last", async () => {
    const connection = await buildConnection();
    const { id } = await startRun(connection.id, "manual", ACTOR);
    await markRunRunning(id, 1, null);
    await markRunAttemptFailed(id, "source unreachable", false);
    expect(await db().run.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", error: "source unreachable", finishedAt: null });
    await markRunRunning(id, 2, new Date());
    await markRunAttemptFailed(id, "source unreachable", true);
    expect(await db().run.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", attempts: 2, finishedAt: expect.any(Date) });
  });
});
