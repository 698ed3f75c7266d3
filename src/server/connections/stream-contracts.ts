/**
 * What the UI and API exchange about streaming connections: the control
 * actions, and the status shown on a streaming connection's page.
 */
import { z } from "zod";

export const STREAM_ACTIONS = ["start", "pause", "resume", "stop"] as const;

export const ZStreamControlInput = z.object({
  id: z.string().uuid("is not a connection id"),
  action: z.enum(STREAM_ACTIONS),
});

export const ZStreamStatusOutput = z.object({
  streaming: z.boolean(),
  state: z.enum(["running", "paused", "stopped"]).nullable(),
  stateAt: z.date().nullable(),
  error: z.string().nullable(),
  deadLetters: z.number(),
  lastBatchAt: z.date().nullable(),
  /** Total lag over every partition. */
  lag: z.number(),
  partitions: z.array(
    z.object({ topic: z.string(), partition: z.number(), committedOffset: z.number().nullable(), endOffset: z.number(), lag: z.number(), updatedAt: z.date() }),
  ),
  /** Throughput over the last STATUS_WINDOW_S seconds in BUCKET_S buckets, oldest first. */
  series: z.array(
    z.object({ at: z.date(), messagesPerSecond: z.number(), bytesPerSecond: z.number(), deadLetters: z.number(), maxLatencyMs: z.number().nullable() }),
  ),
  /** Messages/s and bytes/s over the last minute. */
  messagesPerSecond: z.number(),
  bytesPerSecond: z.number(),
  /** Workers that landed a micro-batch in the last minute. */
  activeWorkers: z.number(),
});

export type TStreamStatusOutput = z.infer<typeof ZStreamStatusOutput>;
