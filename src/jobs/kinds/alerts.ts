/**
 * Job kinds of operations: delivering an alert message to a channel.
 */
import { z } from "zod";
import { defineJob } from "@/jobs/define-job";

export const alertsDeliver = defineJob({
  kind: "alerts.deliver",
  description: "Sends one alert message to one channel (webhook, Slack-compatible webhook, e-mail); a failed try is retried with exponential backoff.",
  payload: z.object({ deliveryId: z.string().uuid() }),
  // The queue waits e^attempt seconds between tries: about half an hour of tries in all.
  maxAttempts: 8,
});
