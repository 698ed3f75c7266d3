/**
 * A person's answer to a type change the destination cannot apply by itself
 * (the connection paused with it): rebuild the table from scratch, keep the
 * destination's type and cast new values into it, or ignore the column
 * (src/engine/sync/column-choices.ts). Audited; the connection resumes by
 * itself once no stream waits for a choice.
 */
import { z } from "zod";
import { zIdentifier } from "@/lib/input-rules";
import type { TColumn } from "@/connectors/types";
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { applyChoice, isWeirTypeName, readOverrides, readPending, TYPE_CHOICES, type TTypeChoice } from "@/engine/sync/column-choices";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { clearStreamState } from "@/server/connections/clear-stream-state";
import { openConflicts, resumeConnection } from "@/server/connections/resume-connection";

export const ZResolveTypeChangeInput = z.object({
  id: z.string().uuid("id must be a connection id"),
  stream: zIdentifier(),
  column: zIdentifier(),
  choice: z.enum(TYPE_CHOICES as [TTypeChoice, ...TTypeChoice[]]),
});
export type TResolveTypeChangeInput = z.infer<typeof ZResolveTypeChangeInput>;

/** How the schema-change history names each choice. */
const EVENT_ACTION: Record<TTypeChoice, string> = { rebuild: "rebuilt", cast: "cast", ignore: "column ignored" };

async function waitingConflict(input: TResolveTypeChangeInput, tx: Prisma.TransactionClient = db()) {
  const setting = await tx.connectionStream.findUnique({ where: { connectionId_stream: { connectionId: input.id, stream: input.stream } } });
  if (!setting) throw new AppError("NOT_FOUND", `The connection has no stream ${input.stream}.`);
  const pending = readPending(setting.pendingSchema);
  const conflict = pending?.conflicts.find((c) => c.column === input.column);
  if (!pending || !conflict) throw new AppError("NOT_FOUND", `${input.stream}.${input.column} has no type change waiting for a choice. Reload the page.`);
  return { setting, pending, conflict };
}

export async function resolveTypeChange(input: TResolveTypeChangeInput, actor: TAuditActor, requestId?: string): Promise<void> {
  const { setting, conflict } = await waitingConflict(input);
  if (input.choice === "ignore" && (setting.cursorField === input.column || setting.primaryKey.includes(input.column))) {
    throw new AppError(
      "BAD_INPUT",
      `${input.column} is the cursor or part of the primary key of ${input.stream}, so it cannot be ignored: rebuild the table or cast.`,
    );
  }
  if (input.choice === "cast" && !isWeirTypeName(conflict.fromType)) {
    throw new AppError(
      "BAD_INPUT",
      `The destination stores ${input.stream}.${input.column} as ${conflict.fromType}, which Weir cannot cast into: rebuild the table or ignore the column.`,
    );
  }
  // The table goes first: when the destination cannot drop it, nothing else changes.
  if (input.choice === "rebuild") await clearStreamState({ id: input.id, stream: input.stream, dropTable: true }, actor, requestId);
  await db().$transaction(async (tx) => {
    const { setting: s, pending, conflict } = await waitingConflict(input, tx);
    const resolved = applyChoice({ accepted: (s.columns as TColumn[]) ?? [], overrides: readOverrides(s.columnOverrides), pending }, conflict, input.choice);
    await tx.connectionStream.update({
      where: { id: s.id },
      data: { columns: resolved.accepted as object[], columnOverrides: resolved.overrides, pendingSchema: resolved.pending as object },
    });
    await tx.schemaChangeEvent.create({
      data: {
        connectionId: input.id,
        stream: input.stream,
        change: "type_changed",
        column: input.column,
        fromType: conflict.fromType,
        toType: conflict.toType,
        action: EVENT_ACTION[input.choice],
      },
    });
    await writeAudit(tx, {
      actor,
      action: "connection.resolve_type_change",
      targetType: "connection",
      targetId: input.id,
      requestId,
      diff: { [`${input.stream}.${input.column}`]: { from: `${conflict.fromType} → ${conflict.toType}`, to: input.choice } },
    });
    const connection = await tx.connection.findUnique({ where: { id: input.id }, select: { status: true } });
    if (connection?.status === "paused" && (await openConflicts(input.id, tx)).length === 0) await resumeConnection(input.id, actor, requestId, tx);
  });
}
