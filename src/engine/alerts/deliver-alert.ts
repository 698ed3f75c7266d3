/**
 * One try of one alert delivery (the `alerts.deliver` job): sends the
 * message to its channel and records the try with its outcome. A failed try
 * throws a retryable error, so the queue tries again with exponential
 * backoff; the last one marks the delivery failed. A delivery that already
 * went out (a job run twice) is not sent again.
 */
import { unsealConfig } from "@/connectors/spec";
import { db } from "@/db/client";
import { CHANNEL_SPECS, type TChannelKind } from "@/engine/alerts/channels/channel-specs";
import { sendToChannel } from "@/engine/alerts/channels/send-alert";
import { AppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";
import { setting } from "@/lib/env";

export type TDeliveryTry = { attempt: number; maxAttempts: number; log: Logger };

export async function deliverAlert(deliveryId: string, t: TDeliveryTry): Promise<"sent" | "skipped"> {
  const delivery = await db().alertDelivery.findUnique({ where: { id: deliveryId }, include: { alert: { include: { rule: true } }, channel: true } });
  if (!delivery || delivery.status === "sent") return "skipped";
  const { alert, channel } = delivery;
  const kind = channel.kind as TChannelKind;
  const started = Date.now();
  const result = await sendToChannel(
    { kind, config: unsealConfig(CHANNEL_SPECS[kind], channel.config) },
    {
      event: delivery.event,
      alert: {
        id: alert.id,
        status: alert.status,
        message: alert.message,
        targetKey: alert.targetKey,
        targetLabel: alert.targetLabel,
        href: alert.href,
        firedAt: alert.firedAt,
        resolvedAt: alert.resolvedAt,
      },
      rule: { id: alert.rule.id, name: alert.rule.name, kind: alert.rule.kind },
      baseUrl: setting("NEXTAUTH_URL"),
    },
  );
  const durationMs = Date.now() - started;
  const final = !result.ok && t.attempt >= t.maxAttempts;
  await db().$transaction([
    db().alertDeliveryAttempt.create({
      data: { deliveryId, attempt: t.attempt, ok: result.ok, status: result.status ?? null, error: result.ok ? null : result.error, durationMs },
    }),
    db().alertDelivery.update({
      where: { id: deliveryId },
      data: result.ok
        ? { status: "sent", attempts: t.attempt, sentAt: new Date(), lastError: null }
        : { status: final ? "failed" : "pending", attempts: t.attempt, lastError: result.error },
    }),
  ]);
  if (result.ok) {
    t.log.info({ deliveryId, channel: channel.name, event: delivery.event, status: result.status }, "alert delivered");
    return "sent";
  }
  t.log.warn({ deliveryId, channel: channel.name, attempt: t.attempt, final }, `alert delivery failed: ${result.error}`);
  throw new AppError("UNAVAILABLE", `Channel "${channel.name}": ${result.error}.`);
}
