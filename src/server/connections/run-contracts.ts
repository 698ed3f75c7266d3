/**
 * Contracts of sync runs.
 */
import { z } from "zod";
import { zDigitId } from "@/lib/input-rules";

export const ZRunStatus = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const ZRunStreamOutput = z.object({
  stream: z.string(),
  status: ZRunStatus,
  /** Rows committed to the destination (0 until the stream's commit). */
  rows: z.number(),
  /** Rows read from the source by the latest attempt; null where not tracked (streaming hours). */
  rowsRead: z.number().nullable(),
  bytes: z.number(),
  estimatedRows: z.number().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  /** Warehouse query ids of the stream's load (Snowflake); empty elsewhere. */
  queryIds: z.array(z.string()),
});

export const ZRunOutput = z.object({
  id: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  trigger: z.enum(["manual", "schedule", "upstream", "stream"]),
  status: ZRunStatus,
  attempts: z.number(),
  /** Rows committed to the destination by the streams that succeeded. */
  rows: z.number(),
  /** Rows read from the source by the latest attempt; null where not tracked (streaming hours). */
  rowsRead: z.number().nullable(),
  bytes: z.number(),
  estimatedRows: z.number().nullable(),
  error: z.string().nullable(),
  queuedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  cancelRequested: z.boolean(),
  streams: z.array(ZRunStreamOutput),
});
export type TRunOutput = z.infer<typeof ZRunOutput>;

export const ZRunIdInput = z.object({ id: z.string().uuid("id must be a run id") });
export const ZListRunsInput = z.object({ connectionId: z.string().uuid().optional(), limit: z.number().int().min(1).max(200).default(50) });
export const ZRunLogsInput = z.object({ id: z.string().uuid(), afterId: zDigitId("a log line id").optional() });
export const ZRunLogsOutput = z.array(z.object({ id: z.string(), at: z.date(), level: z.string(), message: z.string(), attempt: z.number() }));
