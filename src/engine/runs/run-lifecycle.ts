/**
 * The life of a sync Run, in one place: start (a Run row and a job on the connection's own
 * queue, so runs of one connection never overlap), cancel, and the state changes an attempt
 * makes (running, succeeded, cancelled, failed or queued again). The control plane (tRPC),
 * the scheduler and the worker all call these; reading runs is the server's (run-store.ts).
 * Streaming hours open and close their Runs in src/engine/stream/stream-window.ts.
 */
import { sourceConnector } from "@/connectors/registry";
import { db } from "@/db/client";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { enqueueJob } from "@/jobs/registry";
import { AppError } from "@/lib/app-error";

export type TRunTrigger = "manual" | "schedule" | "upstream";

/** Queues a run of a connection; refuses a paused connection and a second run while one is queued or running. */
export async function startRun(connectionId: string, trigger: TRunTrigger, actor: TAuditActor, requestId?: string): Promise<{ id: string }> {
  const connection = await db().connection.findUnique({ where: { id: connectionId }, include: { source: { select: { connector: true } } } });
  if (!connection) throw new AppError("NOT_FOUND", "No connection with that id.");
  if (sourceConnector(connection.source.connector).streaming)
    throw new AppError("BAD_INPUT", `"${connection.name}" reads a streaming source: start the stream instead of running a sync.`);
  if (connection.status === "paused")
    throw new AppError("CONFLICT", `"${connection.name}" is paused${connection.pausedReason ? `: ${connection.pausedReason}` : ""}. Resume it first.`);
  const active = await db().run.findFirst({ where: { connectionId, status: { in: ["queued", "running"] } } });
  if (active) throw new AppError("CONFLICT", `"${connection.name}" already has a ${active.status} run. Wait for it or cancel it.`);
  const run = await db().$transaction(async (tx) => {
    const created = await tx.run.create({ data: { connectionId, trigger, triggeredById: actor.id } });
    await writeAudit(tx, {
      actor,
      action: "run.start",
      targetType: "connection",
      targetId: connectionId,
      diff: { run: { from: null, to: created.id }, trigger: { from: null, to: trigger } },
      requestId,
    });
    return created;
  });
  const job = await enqueueJob("sync.run-connection", { runId: run.id }, { queueName: `sync:${connectionId}` });
  await db().run.update({ where: { id: run.id }, data: { jobId: job.id } });
  return { id: run.id };
}

/** Asks a queued or running run to stop; one that never started is cancelled at once, a running one by its worker. */
export async function cancelRun(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const run = await db().run.findUnique({ where: { id }, select: { trigger: true, status: true, attempts: true } });
  if (!run) throw new AppError("NOT_FOUND", "No run with that id.");
  if (run.trigger === "stream")
    throw new AppError("BAD_INPUT", "This is an hour of a streaming connection: pause or stop the stream on its connection instead.");
  if (run.status !== "queued" && run.status !== "running") throw new AppError("CONFLICT", `The run is already ${run.status}.`);
  await db().$transaction(async (tx) => {
    await tx.run.update({
      where: { id },
      data: { cancelRequestedAt: new Date(), ...(run.status === "queued" && run.attempts === 0 ? { status: "cancelled", finishedAt: new Date() } : {}) },
    });
    await writeAudit(tx, {
      actor,
      action: "run.cancel",
      targetType: "run",
      targetId: id,
      diff: { status: { from: run.status, to: "cancel requested" } },
      requestId,
    });
  });
}

/** A cancel request found before an attempt began: the run is cancelled (its streams as the last attempt left them). */
export async function markRunCancelledBeforeAttempt(id: string): Promise<void> {
  await db().run.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
}

/** An attempt begins: the run is running, from its first start. */
export async function markRunRunning(id: string, attempt: number, startedAt: Date | null): Promise<void> {
  await db().run.update({ where: { id }, data: { status: "running", attempts: attempt, startedAt: startedAt ?? new Date(), error: null, rowsRead: 0 } });
}

export async function markRunSucceeded(id: string): Promise<void> {
  await db().run.update({ where: { id }, data: { status: "succeeded", finishedAt: new Date() } });
}

/** The run stops on a cancel request: it and any stream still loading are cancelled. */
export async function markRunCancelled(id: string): Promise<void> {
  await db().$transaction([
    db().runStream.updateMany({ where: { runId: id, status: "running" }, data: { status: "cancelled", finishedAt: new Date() } }),
    db().run.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } }),
  ]);
}

/** An attempt failed: the run failed if it was the last one (`final`), else it is queued for the retry. */
export async function markRunAttemptFailed(id: string, message: string, final: boolean): Promise<void> {
  await db().$transaction([
    db().runStream.updateMany({ where: { runId: id, status: "running" }, data: { status: "failed", error: message, finishedAt: new Date() } }),
    db().run.update({ where: { id }, data: { status: final ? "failed" : "queued", error: message, finishedAt: final ? new Date() : null } }),
  ]);
}
