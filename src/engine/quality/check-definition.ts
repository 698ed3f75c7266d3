/**
 * What a quality check is: a kind with its parameters, on a dataset (a
 * relation in a warehouse), with a severity and an optional threshold
 * ("mostly": the fraction of rows that must pass, as in Great Expectations).
 * Validated with zod at every boundary; messages name the field.
 */
import { z } from "zod";
import { TEXT_LIMITS, zCode, zName, zSafeString, zText } from "@/lib/input-rules";

const column = zSafeString().trim().min(1, "name a column").max(TEXT_LIMITS.identifier);

export const ZCheckKind = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("not_null"), column }),
  z.object({ kind: z.literal("unique"), columns: z.array(column).min(1, "name at least one column").max(64, "name at most 64 columns") }),
  z.object({
    kind: z.literal("accepted_values"),
    column,
    values: z.array(zText(TEXT_LIMITS.identifier)).min(1, "list at least one accepted value").max(10_000),
  }),
  z.object({
    kind: z.literal("relationships"),
    column,
    /** The referenced dataset's relation, e.g. silver.customers (each part quoted when built). */
    toSchema: zName(TEXT_LIMITS.identifier),
    toTable: zName(TEXT_LIMITS.identifier),
    toColumn: column,
  }),
  z
    .object({ kind: z.literal("row_count"), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
    .refine((c) => c.min !== undefined || c.max !== undefined, "set a minimum, a maximum or both")
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, "the minimum is above the maximum"),
  z.object({
    kind: z.literal("freshness"),
    /** The timestamp column whose newest value must be recent; absent: the dataset's last successful load. */
    column: column.optional(),
    maxAgeSeconds: z
      .number()
      .positive("a positive number of seconds")
      .max(10 * 366 * 24 * 3600, "at most ten years"),
  }),
  z.object({
    kind: z.literal("regex"),
    column,
    pattern: zCode(TEXT_LIMITS.text).refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, "not a valid regular expression"),
  }),
  /** A SQL boolean expression over the dataset's columns, true for every good row. */
  z.object({ kind: z.literal("expression"), expression: zSafeString().trim().min(1, "is required").max(TEXT_LIMITS.text) }),
  /** A SELECT returning the failing rows; `{{ dataset }}` names the dataset. */
  z.object({ kind: z.literal("custom_sql"), sql: zSafeString().trim().min(1, "is required").max(TEXT_LIMITS.code) }),
]);

export const ZCheckDefinition = z.object({
  name: zName(200),
  severity: z.enum(["warn", "error"]),
  /** Fraction of rows that must pass (row-level kinds); absent: every row. */
  mostly: z.number().gt(0, "above 0").max(1, "at most 1").optional(),
  check: ZCheckKind,
});

export type TCheckKind = z.infer<typeof ZCheckKind>;

/**
 * A check whose results an external producer reports (an assertion of an
 * OpenLineage dataQualityAssertions facet, engine/quality/record-reported-results.ts).
 * Weir never runs it, so it is not one of the kinds above.
 */
export const ZReportedCheck = z.object({
  kind: z.literal("reported"),
  assertion: z.string(),
  column: z.string().optional(),
  description: z.string().optional(),
  expected: z.string().optional(),
});

/** What a stored check's definition says it is: its kind, "reported <assertion>", or "invalid". */
export function storedCheckKind(definition: unknown): string {
  const kind = ZCheckKind.safeParse(definition);
  if (kind.success) return kind.data.kind;
  const reported = ZReportedCheck.safeParse(definition);
  return reported.success ? `reported ${reported.data.assertion}` : "invalid";
}

/** The producer of a reported check ("openlineage:<producer>"), or null for Weir's and dbt's own. */
export const reportedBy = (origin: string): string | null => (origin.startsWith("openlineage:") ? origin.slice("openlineage:".length) : null);
export type TCheckDefinition = z.infer<typeof ZCheckDefinition>;

/** The dataset a check runs on. */
export type TDataset = { schema: string; table: string; piiColumns?: readonly string[] };
