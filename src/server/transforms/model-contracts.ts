/**
 * The tRPC contracts of models: what a person may send and what they get
 * back. Names are warehouse identifiers (letters, digits, underscores), so a
 * model's name is also its table or view name.
 */
import { z } from "zod";
import { zCode, zIdentifier, zSafeString, zText } from "@/lib/input-rules";

const ZIdentifier = zSafeString()
  .trim()
  .min(1, "is required")
  .max(63, "has at most 63 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "uses letters, digits and underscores, and does not start with a digit");

export const ZModelIdInput = z.object({ id: z.string().uuid("is not a model id") });

export const ZModelFields = z.object({
  name: ZIdentifier,
  layer: z.enum(["bronze", "silver", "gold"]),
  materialization: z.enum(["view", "table", "incremental"]).default("view"),
  uniqueKey: z.array(ZIdentifier).max(16).default([]),
  sql: zCode(200_000),
  description: zText(10_000).default(""),
  owner: zSafeString().trim().max(200).nullable().default(null),
  columnDescriptions: z.record(zIdentifier(200), zText(2_000)).default({}),
  destinationId: z.string().uuid("is not a destination id"),
  /** Default: the layer's name. */
  schema: ZIdentifier.optional(),
  schedule: zSafeString().trim().max(200).nullable().default(null),
});

export const ZCreateModelInput = ZModelFields;
export const ZUpdateModelInput = ZModelFields.partial().extend({ id: z.string().uuid("is not a model id") });
export const ZCompileInput = z.object({ name: ZIdentifier, sql: zCode(200_000), destinationId: z.string().uuid(), isIncremental: z.boolean().default(false) });

export const ZModelOutput = z.object({
  id: z.string(),
  name: z.string(),
  layer: z.enum(["bronze", "silver", "gold"]),
  materialization: z.enum(["view", "table", "incremental"]),
  uniqueKey: z.array(z.string()),
  sql: z.string(),
  refs: z.array(z.string()),
  description: z.string(),
  owner: z.string().nullable(),
  columnDescriptions: z.record(z.string(), z.string()),
  destination: z.object({ id: z.string(), name: z.string(), connector: z.string() }),
  schema: z.string(),
  schedule: z.string().nullable(),
  origin: z.string(),
  updatedAt: z.date(),
});

export type TCreateModelInput = z.output<typeof ZCreateModelInput>;
export type TUpdateModelInput = z.output<typeof ZUpdateModelInput>;
export type TModelOutput = z.output<typeof ZModelOutput>;
