/**
 * Sync runs from the control plane: start one (a Run row and a job on the
 * connection's own queue, so runs of one connection never overlap), cancel,
 * list, read with per-stream figures, and read logs incrementally.
 */
import { sourceConnector } from "@/connectors/registry";
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { enqueueJob } from "@/jobs/registry";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/server/audit/write-audit";
import type { TRunOutput } from "@/server/connections/run-contracts";

const INCLUDE = { connection: { select: { name: true } }, streams: { orderBy: { stream: "asc" as const } } } satisfies Prisma.RunInclude;
type TRunRow = Prisma.RunGetPayload<{ include: typeof INCLUDE }>;

const num = (v: bigint | null) => (v === null ? null : Number(v));

function toOutput(r: TRunRow): TRunOutput {
  return {
    id: r.id, connectionId: r.connectionId, connectionName: r.connection.name, trigger: r.trigger, status: r.status, attempts: r.attempts,
    rows: Number(r.rows), rowsRead: num(r.rowsRead), bytes: Number(r.bytes), estimatedRows: num(r.estimatedRows), error: r.error, queuedAt: r.queuedAt, startedAt: r.startedAt,
    finishedAt: r.finishedAt, cancelRequested: r.cancelRequestedAt !== null,
    streams: r.streams.map((s) => ({ stream: s.stream, status: s.status, rows: Number(s.rows), rowsRead: num(s.rowsRead), bytes: Number(s.bytes), estimatedRows: num(s.estimatedRows), durationMs: s.durationMs, error: s.error, queryIds: s.queryIds })),
  };
}

/** Queues a run of a connection; refuses a paused connection and a second run while one is queued or running. */
export async function startRun(connectionId: string, trigger: "manual" | "schedule" | "upstream", actor: TAuditActor, requestId?: string): Promise<TRunOutput> {
  const connection = await db().connection.findUnique({ where: { id: connectionId }, include: { source: { select: { connector: true } } } });
  if (!connection) throw new AppError("NOT_FOUND", "No connection with that id.");
  if (sourceConnector(connection.source.connector).streaming) throw new AppError("BAD_INPUT", `"${connection.name}" reads a streaming source: start the stream instead of running a sync.`);
  if (connection.status === "paused") throw new AppError("CONFLICT", `"${connection.name}" is paused${connection.pausedReason ? `: ${connection.pausedReason}` : ""}. Resume it first.`);
  const active = await db().run.findFirst({ where: { connectionId, status: { in: ["queued", "running"] } } });
  if (active) throw new AppError("CONFLICT", `"${connection.name}" already has a ${active.status} run. Wait for it or cancel it.`);
  const run = await db().$transaction(async (tx) => {
    const created = await tx.run.create({ data: { connectionId, trigger, triggeredById: actor.id } });
    await writeAudit(tx, { actor, action: "run.start", targetType: "connection", targetId: connectionId, diff: { run: { from: null, to: created.id }, trigger: { from: null, to: trigger } }, requestId });
    return created;
  });
  const job = await enqueueJob("sync.run-connection", { runId: run.id }, { queueName: `sync:${connectionId}` });
  await db().run.update({ where: { id: run.id }, data: { jobId: job.id } });
  return getRun(run.id);
}

export async function cancelRun(id: string, actor: TAuditActor, requestId?: string): Promise<TRunOutput> {
  const run = await getRun(id);
  if (run.trigger === "stream") throw new AppError("BAD_INPUT", "This is an hour of a streaming connection: pause or stop the stream on its connection instead.");
  if (run.status !== "queued" && run.status !== "running") throw new AppError("CONFLICT", `The run is already ${run.status}.`);
  await db().$transaction(async (tx) => {
    await tx.run.update({ where: { id }, data: { cancelRequestedAt: new Date(), ...(run.status === "queued" && run.attempts === 0 ? { status: "cancelled", finishedAt: new Date() } : {}) } });
    await writeAudit(tx, { actor, action: "run.cancel", targetType: "run", targetId: id, diff: { status: { from: run.status, to: "cancel requested" } }, requestId });
  });
  return getRun(id);
}

export async function getRun(id: string): Promise<TRunOutput> {
  const row = await db().run.findUnique({ where: { id }, include: INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", "No run with that id.");
  return toOutput(row);
}

export async function listRuns(input: { connectionId?: string; limit: number }): Promise<TRunOutput[]> {
  const rows = await db().run.findMany({ where: input.connectionId ? { connectionId: input.connectionId } : {}, include: INCLUDE, orderBy: { queuedAt: "desc" }, take: input.limit });
  return rows.map(toOutput);
}

export async function runLogs(id: string, afterId?: string) {
  const rows = await db().runLog.findMany({ where: { runId: id, ...(afterId ? { id: { gt: BigInt(afterId) } } : {}) }, orderBy: { id: "asc" }, take: 500 });
  return rows.map((r) => ({ id: r.id.toString(), at: r.at, level: r.level, message: r.message, attempt: r.attempt }));
}
