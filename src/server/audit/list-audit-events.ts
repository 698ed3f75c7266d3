/**
 * Reads the audit log, newest first, filtered by actor, target and time, with
 * keyset pagination on the event id.
 */
import { z } from "zod";
import { zDateInput, zDigitId, zSafeString } from "@/lib/input-rules";
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";

export const ZListAuditEventsInput = z.object({
  actor: zSafeString().trim().max(320).optional().describe("actor email, or part of it"),
  targetType: zSafeString().trim().max(64).optional(),
  targetId: zSafeString().trim().max(200).optional(),
  action: zSafeString().trim().max(100).optional(),
  from: zDateInput().optional(),
  to: zDateInput().optional(),
  cursor: zDigitId("an event id").optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TListAuditEventsInput = z.input<typeof ZListAuditEventsInput>;

export const ZAuditEvent = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  diff: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export const ZListAuditEventsOutput = z.object({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() });

export async function listAuditEvents(raw: TListAuditEventsInput): Promise<z.infer<typeof ZListAuditEventsOutput>> {
  const input = ZListAuditEventsInput.parse(raw);
  const where: Prisma.AuditEventWhereInput = {
    ...(input.actor ? { actorEmail: { contains: input.actor, mode: "insensitive" } } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.action ? { action: { startsWith: input.action } } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
    ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
  };
  const rows = await db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: r.id.toString(),
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      diff: (r.diff ?? {}) as Record<string, unknown>,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
