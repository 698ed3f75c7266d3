/**
 * Job kinds of the sync engine.
 */
import { z } from "zod";
import { defineJob } from "@/jobs/define-job";

export const syncRunConnection = defineJob({
  kind: "sync.run-connection",
  description: "Runs one sync of a connection (all its selected streams); enqueued per connection on its own queue so runs never overlap.",
  payload: z.object({ runId: z.string().uuid() }),
  maxAttempts: 4,
});

export const syncScheduleTick = defineJob({
  kind: "sync.schedule-tick",
  description: "Every minute: starts runs of connections and builds of models whose cron schedule fired.",
  payload: z.object({}),
  maxAttempts: 1,
  cron: [{ match: "* * * * *", payload: {} }],
});
