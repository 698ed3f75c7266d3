/**
 * Alert channels: configurations validated against their kind's spec,
 * stored sealed (secrets encrypted), shown only masked, every change
 * audited; and a test message sent on demand.
 */
import { maskConfig, sealConfig, unsealConfig, validateConfig } from "@/connectors/spec";
import { db } from "@/db/client";
import { CHANNEL_SPECS, CHANNEL_TITLES, CHANNEL_KINDS, type TChannelKind } from "@/engine/alerts/channels/channel-specs";
import { sendToChannel } from "@/engine/alerts/channels/send-alert";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import type { TChannelOutput } from "@/server/alerts/alert-contracts";
import { type TAuditActor, writeAudit } from "@/db/write-audit";
import { setting } from "@/lib/env";

type TRow = { id: string; name: string; kind: TChannelKind; config: unknown; enabled: boolean; createdAt: Date };

function toOutput(row: TRow): TChannelOutput {
  return { ...row, config: maskConfig(CHANNEL_SPECS[row.kind], row.config as Record<string, unknown>) as Record<string, unknown> };
}

function validated(kind: TChannelKind, config: Record<string, unknown>): Record<string, unknown> {
  const result = validateConfig(CHANNEL_SPECS[kind], config);
  if (!result.ok)
    throw new AppError("BAD_INPUT", `Check the channel: ${result.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`, { fieldErrors: result.errors });
  return result.value as Record<string, unknown>;
}

function nameTaken(name: string, e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    throw new AppError("CONFLICT", `A channel named "${name}" already exists. Pick another name.`, { field: "name" });
  throw e;
}

async function channelRow(id: string): Promise<TRow> {
  const row = await db().alertChannel.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "No alert channel with that id. It may have been deleted; reload the list.");
  return row;
}

export const channelKinds = () => CHANNEL_KINDS.map((kind) => ({ kind, title: CHANNEL_TITLES[kind], spec: CHANNEL_SPECS[kind] as Record<string, unknown> }));

export async function listChannels(): Promise<TChannelOutput[]> {
  return (await db().alertChannel.findMany({ orderBy: { name: "asc" } })).map(toOutput);
}

export async function createChannel(
  input: { name: string; kind: TChannelKind; config: Record<string, unknown> },
  actor: TAuditActor,
  requestId?: string,
): Promise<TChannelOutput> {
  const sealed = sealConfig(CHANNEL_SPECS[input.kind], validated(input.kind, input.config));
  const row = await db()
    .$transaction(async (tx) => {
      const created = await tx.alertChannel.create({ data: { name: input.name, kind: input.kind, config: sealed as Prisma.InputJsonValue } });
      await writeAudit(tx, {
        actor,
        action: "alert_channel.create",
        targetType: "alert_channel",
        targetId: created.id,
        diff: { name: { from: null, to: input.name }, kind: { from: null, to: input.kind } },
        requestId,
      });
      return created;
    })
    .catch((e: unknown) => nameTaken(input.name, e));
  return toOutput(row);
}

export async function updateChannel(
  input: { id: string; name?: string; config?: Record<string, unknown>; enabled?: boolean },
  actor: TAuditActor,
  requestId?: string,
): Promise<TChannelOutput> {
  const before = await channelRow(input.id);
  const data: Prisma.AlertChannelUpdateInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.enabled !== undefined) data.enabled = input.enabled;
  if (input.config !== undefined) {
    const merged = sealConfig(CHANNEL_SPECS[before.kind], input.config, before.config as Record<string, unknown>);
    validated(before.kind, unsealConfig(CHANNEL_SPECS[before.kind], merged));
    data.config = merged as Prisma.InputJsonValue;
  }
  const row = await db()
    .$transaction(async (tx) => {
      const updated = await tx.alertChannel.update({ where: { id: input.id }, data });
      await writeAudit(tx, {
        actor,
        action: "alert_channel.update",
        targetType: "alert_channel",
        targetId: input.id,
        requestId,
        diff: {
          ...(input.name !== undefined && input.name !== before.name ? { name: { from: before.name, to: input.name } } : {}),
          ...(input.enabled !== undefined && input.enabled !== before.enabled ? { enabled: { from: before.enabled, to: input.enabled } } : {}),
          ...(input.config ? { config: { from: "[previous]", to: "[changed]" } } : {}),
        },
      });
      return updated;
    })
    .catch((e: unknown) => nameTaken(input.name ?? before.name, e));
  return toOutput(row);
}

export async function deleteChannel(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const before = await channelRow(id);
  await db().$transaction(async (tx) => {
    await tx.alertChannel.delete({ where: { id } });
    await tx.$executeRaw`UPDATE "AlertRule" SET "channelIds" = array_remove("channelIds", ${id})`;
    await writeAudit(tx, {
      actor,
      action: "alert_channel.delete",
      targetType: "alert_channel",
      targetId: id,
      diff: { name: { from: before.name, to: null } },
      requestId,
    });
  });
}

/** Sends a test message now, and says what the receiver answered. */
export async function testChannel(id: string, actor: TAuditActor, requestId?: string): Promise<{ ok: boolean; message: string }> {
  const row = await channelRow(id);
  const now = new Date();
  const result = await sendToChannel(
    { kind: row.kind, config: unsealConfig(CHANNEL_SPECS[row.kind], row.config) },
    {
      event: "fired",
      alert: {
        id: "test",
        status: "firing",
        message: `A test message from Weir, sent by ${actor.email}.`,
        targetKey: "test",
        targetLabel: "test message",
        href: "/health",
        firedAt: now,
        resolvedAt: null,
      },
      rule: { id: "test", name: "Channel test", kind: "test" },
      baseUrl: setting("NEXTAUTH_URL"),
    },
  );
  await db().$transaction((tx) =>
    writeAudit(tx, { actor, action: "alert_channel.test", targetType: "alert_channel", targetId: id, diff: { ok: { from: null, to: result.ok } }, requestId }),
  );
  return result.ok ? { ok: true, message: `Delivered (${row.kind === "email" ? "SMTP" : "HTTP"} ${result.status}).` } : { ok: false, message: result.error };
}
