/**
 * Contracts of connections and their runs.
 */
import { z } from "zod";
import { zIdentifier, zSafeString, zText } from "@/lib/input-rules";
import { ZColumn } from "@/server/endpoints/catalog-contract";

export const ZSyncMode = z.enum(["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_dedup"]);
export const ZPolicy = z.enum(["propagate", "pause", "ignore"]);
const ZIdent = zSafeString().trim().min(1).max(63, "Use at most 63 characters");

export const ZStreamSettingInput = z.object({
  stream: zIdentifier(),
  selected: z.boolean().default(true),
  syncMode: ZSyncMode,
  cursorField: zIdentifier().nullable().optional(),
  primaryKey: z.array(zIdentifier()).max(64).default([]),
});
export type TStreamSettingInput = z.infer<typeof ZStreamSettingInput>;

export const ZConnectionSettingsInput = z.object({
  name: zSafeString().trim().min(1, "Give it a name").max(100),
  namespace: ZIdent.describe("destination schema"),
  tablePrefix: zText(30).default(""),
  /** Five-field cron in UTC, or null for manual runs only. */
  schedule: zSafeString().trim().max(100).nullable().default(null),
  schemaChangePolicy: ZPolicy.default("propagate"),
  streams: z.array(ZStreamSettingInput).min(1, "Select at least one stream").max(10_000),
});

export const ZCreateConnectionInput = ZConnectionSettingsInput.extend({ sourceId: z.string().uuid(), destinationId: z.string().uuid() });
export type TCreateConnectionInput = z.infer<typeof ZCreateConnectionInput>;
export const ZUpdateConnectionInput = ZConnectionSettingsInput.partial().extend({ id: z.string().uuid() });
export const ZConnectionIdInput = z.object({ id: z.string().uuid("id must be a connection id") });

export const ZStreamOutput = z.object({
  id: z.string(),
  stream: z.string(),
  selected: z.boolean(),
  syncMode: ZSyncMode,
  cursorField: z.string().nullable(),
  primaryKey: z.array(z.string()),
  columns: z.array(ZColumn),
  state: z.object({ cursor: z.string().nullable() }).nullable(),
  stateUpdatedAt: z.date().nullable(),
  /** Choices made after type changes the destination could not apply: column → cast or ignore. */
  columnOverrides: z.record(z.string(), z.object({ choice: z.enum(["cast", "ignore"]), forType: z.string() })),
  /** Type changes waiting for a choice (the connection is paused until each has one). */
  typeConflicts: z.array(z.object({ column: z.string(), fromType: z.string(), toType: z.string() })),
  /** A schema change a paused run found, which resuming accepts. */
  pendingChanges: z.boolean(),
});

export const ZConnectionOutput = z.object({
  id: z.string(),
  name: z.string(),
  source: z.object({ id: z.string(), name: z.string(), connector: z.string() }),
  destination: z.object({ id: z.string(), name: z.string(), connector: z.string() }),
  namespace: z.string(),
  tablePrefix: z.string(),
  schedule: z.string().nullable(),
  status: z.enum(["active", "paused"]),
  pausedReason: z.string().nullable(),
  /** The source is a streaming one (Kafka): the connection is started and stopped, not run. */
  streaming: z.boolean(),
  streamState: z.enum(["running", "paused", "stopped"]).nullable(),
  schemaChangePolicy: ZPolicy,
  streams: z.array(ZStreamOutput),
  lastRun: z.object({ id: z.string(), status: z.string(), queuedAt: z.date(), finishedAt: z.date().nullable() }).nullable(),
  createdAt: z.date(),
});
export type TConnectionOutput = z.infer<typeof ZConnectionOutput>;
