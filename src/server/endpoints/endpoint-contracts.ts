/**
 * Contracts of sources and destinations ("endpoints"): the same shape for
 * both, differing only in which connectors they may use.
 */
import { z } from "zod";
import { zIdentifier, zJsonObject, zSafeString } from "@/lib/input-rules";

export const ZEndpointKind = z.enum(["source", "destination"]);
export type TEndpointKind = z.infer<typeof ZEndpointKind>;

export const ZEndpointName = zSafeString().trim().min(1, "Give it a name").max(100, "Use at most 100 characters");
export const ZConfig = z.record(z.string(), z.unknown());

export const ZCreateEndpointInput = z.object({ name: ZEndpointName, connector: zIdentifier(64), config: zJsonObject() });
export const ZUpdateEndpointInput = z.object({ id: z.string().uuid(), name: ZEndpointName.optional(), config: zJsonObject().optional() });
export const ZEndpointIdInput = z.object({ id: z.string().uuid("id must be an id from the list") });
/** Test a configuration before saving it; with an id, unchanged secrets come from the saved one. */
export const ZCheckDraftInput = z.object({ id: z.string().uuid().optional(), connector: zIdentifier(64), config: zJsonObject() });

export const ZCheckOutput = z.object({ ok: z.boolean(), message: z.string().nullable(), durationMs: z.number() });

export const ZEndpointOutput = z.object({
  id: z.string(),
  name: z.string(),
  connector: z.string(),
  connectorTitle: z.string(),
  /** A streaming source (Kafka): its connections are started and stopped, not run. */
  streaming: z.boolean(),
  /** A destination Weir builds models and runs checks in (DuckDB, PostgreSQL, Snowflake). */
  warehouse: z.boolean(),
  /** Secrets appear only as { $secretSet: true }. */
  config: ZConfig,
  lastCheckAt: z.date().nullable(),
  lastCheckOk: z.boolean().nullable(),
  lastCheckMessage: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TEndpointOutput = z.infer<typeof ZEndpointOutput>;

export const ZConnectorInfo = z.object({
  name: z.string(),
  title: z.string(),
  streaming: z.boolean(),
  warehouse: z.boolean(),
  spec: z.record(z.string(), z.unknown()),
});
