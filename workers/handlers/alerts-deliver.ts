/**
 * Handler of `alerts.deliver`: one try of one alert delivery (engine/alerts/deliver-alert.ts).
 */
import { deliverAlert } from "@/engine/alerts/deliver-alert";
import type { TJobHandler } from "../job-context";

export const handleAlertsDeliver: TJobHandler<"alerts.deliver"> = async (payload, ctx) => {
  await deliverAlert(payload.deliveryId, {
    attempt: ctx.job.attempt,
    maxAttempts: ctx.job.maxAttempts,
    log: ctx.log.child({ deliveryId: payload.deliveryId }),
  });
};
