/**
 * Sync runs as the control plane reads them: list, read with per-stream
 * figures, and read logs incrementally. Starting and cancelling a run is the
 * run lifecycle's (src/engine/runs/run-lifecycle.ts).
 */
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import type { TRunOutput } from "@/server/connections/run-contracts";

const INCLUDE = { connection: { select: { name: true } }, streams: { orderBy: { stream: "asc" as const } } } satisfies Prisma.RunInclude;
type TRunRow = Prisma.RunGetPayload<{ include: typeof INCLUDE }>;

const num = (v: bigint | null) => (v === null ? null : Number(v));

function toOutput(r: TRunRow): TRunOutput {
  return {
    id: r.id,
    connectionId: r.connectionId,
    connectionName: r.connection.name,
    trigger: r.trigger,
    status: r.status,
    attempts: r.attempts,
    rows: Number(r.rows),
    rowsRead: num(r.rowsRead),
    bytes: Number(r.bytes),
    estimatedRows: num(r.estimatedRows),
    error: r.error,
    queuedAt: r.queuedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    cancelRequested: r.cancelRequestedAt !== null,
    streams: r.streams.map((s) => ({
      stream: s.stream,
      status: s.status,
      rows: Number(s.rows),
      rowsRead: num(s.rowsRead),
      bytes: Number(s.bytes),
      estimatedRows: num(s.estimatedRows),
      durationMs: s.durationMs,
      error: s.error,
      queryIds: s.queryIds,
    })),
  };
}

export async function getRun(id: string): Promise<TRunOutput> {
  const row = await db().run.findUnique({ where: { id }, include: INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", "No run with that id.");
  return toOutput(row);
}

export async function listRuns(input: { connectionId?: string; limit: number }): Promise<TRunOutput[]> {
  const rows = await db().run.findMany({
    where: input.connectionId ? { connectionId: input.connectionId } : {},
    include: INCLUDE,
    orderBy: { queuedAt: "desc" },
    take: input.limit,
  });
  return rows.map(toOutput);
}

export async function runLogs(id: string, afterId?: string) {
  const rows = await db().runLog.findMany({ where: { runId: id, ...(afterId ? { id: { gt: BigInt(afterId) } } : {}) }, orderBy: { id: "asc" }, take: 500 });
  return rows.map((r) => ({ id: r.id.toString(), at: r.at, level: r.level, message: r.message, attempt: r.attempt }));
}
