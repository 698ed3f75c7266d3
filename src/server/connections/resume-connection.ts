/**
 * Resuming a connection paused for a schema change accepts what the run
 * found (ConnectionStream.pendingSchema): the person resuming has reviewed
 * it, so the next run does not pause again on the same change. A type
 * change the destination cannot apply needs a choice first
 * (resolve-type-change.ts); resuming is refused until each has one.
 */
import type { TColumn } from "@/connectors/types";
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { acceptPending, readOverrides, readPending, type TTypeConflict } from "@/engine/sync/column-choices";
import { writeAudit, type TAuditActor } from "@/db/write-audit";

type TTx = Prisma.TransactionClient;

/** The type conflicts still waiting for a choice, per stream. */
export async function openConflicts(connectionId: string, tx: TTx = db()): Promise<{ stream: string; conflict: TTypeConflict }[]> {
  const streams = await tx.connectionStream.findMany({ where: { connectionId, pendingSchema: { not: Prisma.DbNull } }, orderBy: { stream: "asc" } });
  return streams.flatMap((s) => (readPending(s.pendingSchema)?.conflicts ?? []).map((conflict) => ({ stream: s.stream, conflict })));
}

/** Accepts every stream's pending columns (with the choices made) and clears them; returns the streams it changed. */
async function acceptPendingSchemas(tx: TTx, connectionId: string): Promise<string[]> {
  const streams = await tx.connectionStream.findMany({ where: { connectionId, pendingSchema: { not: Prisma.DbNull } } });
  for (const s of streams) {
    const pending = readPending(s.pendingSchema);
    const columns = pending ? acceptPending((s.columns as TColumn[]) ?? [], pending, readOverrides(s.columnOverrides)) : (s.columns as TColumn[]);
    await tx.connectionStream.update({ where: { id: s.id }, data: { columns: columns as object[], pendingSchema: Prisma.DbNull } });
  }
  return streams.map((s) => s.stream);
}

/**
 * Sets the connection active, accepting what is pending. Inside `tx` when
 * given (a resolution that clears the last conflict resumes in its own
 * transaction); refuses while a type conflict has no choice.
 */
export async function resumeConnection(id: string, actor: TAuditActor, requestId?: string, tx?: TTx): Promise<void> {
  const work = async (t: TTx) => {
    const connection = await t.connection.findUnique({ where: { id }, select: { name: true, status: true } });
    if (!connection) throw new AppError("NOT_FOUND", "No connection with that id. It may have been deleted; reload the list.");
    const open = await openConflicts(id, t);
    if (open.length) {
      const list = open.map(({ stream, conflict: c }) => `${stream}.${c.column} (${c.fromType} → ${c.toType})`).join(", ");
      throw new AppError(
        "CONFLICT",
        `"${connection.name}" waits for a choice on ${list}: rebuild, cast or ignore each on the connection page. It resumes by itself after the last choice.`,
      );
    }
    const accepted = await acceptPendingSchemas(t, id);
    await t.connection.update({ where: { id }, data: { status: "active", pausedReason: null } });
    await writeAudit(t, {
      actor,
      action: "connection.resume",
      targetType: "connection",
      targetId: id,
      requestId,
      diff: { status: { from: connection.status, to: "active" }, ...(accepted.length ? { acceptedSchema: { from: null, to: accepted } } : {}) },
    });
  };
  if (tx) await work(tx);
  else await db().$transaction(work);
}
