/**
 * Built-in job kinds for operations and tests: a no-op, a sleep that can
 * announce itself (the queue's smoke test), and the hourly clean-up of old
 * worker heartbeat rows.
 */
import { z } from "zod";
import { defineJob } from "@/jobs/define-job";

/**
 * PostgreSQL NOTIFY channel on which `system.sleep` jobs with a marker
 * announce their start and finish. `LISTEN weir_job_probe;` in psql, enqueue
 * a sleep with a marker, and see which worker ran it and on which attempt.
 */
export const JOB_PROBE_CHANNEL = "weir_job_probe";

/** One message on {@link JOB_PROBE_CHANNEL}. */
export const ZJobProbeEvent = z.object({
  event: z.enum(["start", "finish"]),
  marker: z.string(),
  jobId: z.string(),
  attempt: z.number().int(),
  /** Weir's worker id (the WorkerHeartbeat row). */
  workerId: z.string(),
  pid: z.number().int(),
});
export type TJobProbeEvent = z.infer<typeof ZJobProbeEvent>;

export const systemNoop = defineJob({
  kind: "system.noop",
  description: "Does nothing; proves a worker is claiming jobs.",
  payload: z.object({}),
  maxAttempts: 1,
});

export const systemSleep = defineJob({
  kind: "system.sleep",
  description: `Sleeps for ms (stops early on shutdown and is retried); with a marker, announces start and finish on NOTIFY channel ${JOB_PROBE_CHANNEL}.`,
  payload: z.object({
    ms: z.number().int().min(0).max(3_600_000),
    marker: z.string().min(1).max(200).optional(),
  }),
  maxAttempts: 3,
});

export const systemPruneHeartbeats = defineJob({
  kind: "system.prune-heartbeats",
  description: "Deletes heartbeat rows of workers that stopped more than olderThanHours ago.",
  payload: z.object({
    olderThanHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24),
  }),
  maxAttempts: 3,
  cron: [{ match: "7 * * * *", payload: {} }],
});

export const demoMutateShop = defineJob({
  kind: "demo.mutate-shop",
  description: "Embedded demo only: adds a few orders and updates a few customers in the demo shop database, every minute.",
  payload: z.object({}),
  maxAttempts: 1,
  cron: [{ match: "* * * * *", payload: {} }],
});
