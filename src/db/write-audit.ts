/**
 * Writes one audit event. Called inside the same transaction as the change it
 * records, so a change and its audit row commit or roll back together. Here, under
 * the engine, because the engine changes things people see in the audit too (a run
 * the scheduler starts); listing the audit is the server's (src/server/audit/).
 */
import type { Prisma } from "@/generated/prisma/client";

export type TAuditActor = { id: string; email: string } | { id: null; email: string };

export type TAuditInput = {
  actor: TAuditActor;
  action: string;
  targetType: string;
  targetId: string;
  diff?: Record<string, { from: unknown; to: unknown }>;
  requestId?: string;
};

type TTx = Pick<Prisma.TransactionClient, "auditEvent">;

export async function writeAudit(tx: TTx, input: TAuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: input.actor.id,
      actorEmail: input.actor.email,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      diff: (input.diff ?? {}) as Prisma.InputJsonValue,
      requestId: input.requestId ?? null,
    },
  });
}

/**
 * The fields that changed between two versions of a record, as
 * { field: { from, to } }. Fields named in `secret` are recorded only as
 * "changed", never with their values.
 */
export function diffFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T>,
  secret: readonly string[] = [],
): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    const from = before?.[key];
    const to = after[key];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    diff[key] = secret.includes(key) ? { from: "[secret]", to: "[secret changed]" } : { from: from ?? null, to: to ?? null };
  }
  return diff;
}
