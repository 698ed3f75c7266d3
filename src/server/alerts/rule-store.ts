/**
 * Alert rules: validated (the kind's parameters, the scope, channels that
 * exist), stored, audited. Disabling or deleting a rule resolves its alerts
 * at the next evaluation (deleting removes them with it).
 */
import { db } from "@/db/client";
import { ZRuleDefinition, ZRuleParams, ZRuleScope, describeRule } from "@/lib/alert-rule-definition";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import type { TRuleOutput } from "@/server/alerts/alert-contracts";
import { type TAuditActor, writeAudit } from "@/db/write-audit";

type TRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["alertRule"]["findFirst"]>>>;

function toOutput(row: TRow, firing: number): TRuleOutput {
  const params = ZRuleParams.safeParse(row.params);
  const scope = ZRuleScope.safeParse(row.scope);
  return {
    ...row,
    params: row.params as Record<string, unknown>,
    scope: scope.success ? scope.data : { connectionIds: [], datasetIds: [], tags: [] },
    description: params.success ? describeRule(params.data) : "(unreadable parameters)",
    firing,
  };
}

async function assertChannels(ids: readonly string[]): Promise<void> {
  const found = await db().alertChannel.count({ where: { id: { in: [...ids] } } });
  if (found !== new Set(ids).size)
    throw new AppError("BAD_INPUT", "channelIds: a chosen channel does not exist (any more); reload the page.", { field: "channelIds" });
}

function nameTaken(name: string, e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    throw new AppError("CONFLICT", `A rule named "${name}" already exists. Pick another name.`, { field: "name" });
  throw e;
}

async function firingCounts(): Promise<Map<string, number>> {
  const rows = await db().alert.groupBy({ by: ["ruleId"], where: { status: "firing" }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.ruleId, r._count._all]));
}

export async function listRules(): Promise<TRuleOutput[]> {
  const [rows, firing] = await Promise.all([db().alertRule.findMany({ orderBy: { name: "asc" } }), firingCounts()]);
  return rows.map((r) => toOutput(r, firing.get(r.id) ?? 0));
}

export async function createRule(raw: unknown, actor: TAuditActor, requestId?: string): Promise<TRuleOutput> {
  const input = ZRuleDefinition.parse(raw);
  await assertChannels(input.channelIds);
  const row = await db()
    .$transaction(async (tx) => {
      const created = await tx.alertRule.create({
        data: {
          name: input.name,
          kind: input.params.kind,
          params: input.params,
          scope: input.scope,
          channelIds: input.channelIds,
          repeatSeconds: input.repeatSeconds,
          enabled: input.enabled,
        },
      });
      await writeAudit(tx, {
        actor,
        action: "alert_rule.create",
        targetType: "alert_rule",
        targetId: created.id,
        diff: { name: { from: null, to: input.name }, kind: { from: null, to: input.params.kind } },
        requestId,
      });
      return created;
    })
    .catch((e: unknown) => nameTaken(input.name, e));
  return toOutput(row, 0);
}

export async function updateRule(raw: { id: string } & Record<string, unknown>, actor: TAuditActor, requestId?: string): Promise<TRuleOutput> {
  const before = await db().alertRule.findUnique({ where: { id: raw.id } });
  if (!before) throw new AppError("NOT_FOUND", "No alert rule with that id. It may have been deleted; reload the list.");
  const { id, ...fields } = raw;
  const merged = ZRuleDefinition.parse({
    name: before.name,
    params: before.params,
    scope: before.scope,
    channelIds: before.channelIds,
    repeatSeconds: before.repeatSeconds,
    enabled: before.enabled,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  });
  await assertChannels(merged.channelIds);
  const row = await db()
    .$transaction(async (tx) => {
      const updated = await tx.alertRule.update({
        where: { id },
        data: {
          name: merged.name,
          kind: merged.params.kind,
          params: merged.params,
          scope: merged.scope,
          channelIds: merged.channelIds,
          repeatSeconds: merged.repeatSeconds,
          enabled: merged.enabled,
        },
      });
      const diff = Object.fromEntries(
        (["name", "params", "scope", "channelIds", "repeatSeconds", "enabled"] as const)
          .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(merged[k]))
          .map((k) => [k, { from: before[k], to: merged[k] }]),
      );
      await writeAudit(tx, { actor, action: "alert_rule.update", targetType: "alert_rule", targetId: id, diff, requestId });
      return updated;
    })
    .catch((e: unknown) => nameTaken(merged.name, e));
  return toOutput(row, (await firingCounts()).get(id) ?? 0);
}

export async function deleteRule(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const before = await db().alertRule.findUnique({ where: { id } });
  if (!before) throw new AppError("NOT_FOUND", "No alert rule with that id. It may have been deleted; reload the list.");
  await db().$transaction(async (tx) => {
    await tx.alertRule.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "alert_rule.delete",
      targetType: "alert_rule",
      targetId: id,
      diff: { name: { from: before.name, to: null } },
      requestId,
    });
  });
}
