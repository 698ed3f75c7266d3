/**
 * The tRPC contracts of the catalog: search with facets, a dataset's page,
 * the edits engineers make to it, its data preview and its impact analysis.
 */
import { z } from "zod";
import { zIdentifier, zSafeString, zText } from "@/lib/input-rules";

const ZFacetValues = z.array(zText(500)).max(50).default([]);

export const ZSearchInput = z.object({
  /** Any text; longer than 200 characters is cut (a search string is never an error). */
  q: zText(10_000).default(""),
  platform: ZFacetValues,
  layer: ZFacetValues,
  owner: ZFacetValues,
  tag: ZFacetValues,
  /** passed, warn, failed, none */
  quality: ZFacetValues,
  limit: z.number().int().min(1).max(100).default(25),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type TSearchInput = z.input<typeof ZSearchInput>;

export const ZQualityStatus = z.enum(["passed", "warn", "failed"]).nullable();

export const ZDatasetSummary = z.object({
  id: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** The last part of the name, e.g. "daily_revenue". */
  shortName: z.string(),
  platform: z.string(),
  kind: z.string(),
  layer: z.enum(["bronze", "silver", "gold"]).nullable(),
  owner: z.string().nullable(),
  description: z.string(),
  tags: z.array(z.string()),
  qualityStatus: ZQualityStatus,
  freshnessStatus: z.string().nullable(),
  rowCount: z.number().nullable(),
  lastUpdatedAt: z.date().nullable(),
  /** Set when only a dbt project declared it and the project's latest import no longer has it: search leaves it out, the graph shows it as removed. */
  removedAt: z.date().nullable(),
});
export type TDatasetSummary = z.infer<typeof ZDatasetSummary>;

const ZFacet = z.array(z.object({ value: z.string(), count: z.number() }));

export const ZSearchOutput = z.object({
  total: z.number(),
  /** A very common word matched more datasets than are counted: total and facets are "at least". */
  capped: z.boolean(),
  items: z.array(ZDatasetSummary.extend({ matchedColumns: z.array(z.string()) })),
  facets: z.object({ platform: ZFacet, layer: ZFacet, owner: ZFacet, tag: ZFacet, quality: ZFacet }),
  tookMs: z.number(),
});
export type TSearchOutput = z.infer<typeof ZSearchOutput>;

export const ZDatasetIdInput = z.object({ id: z.string().uuid("is not a dataset id") });

export const ZDatasetColumnOutput = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  pii: z.boolean(),
  tags: z.array(z.string()),
});

export const ZDatasetRunOutput = z.object({
  runId: z.string(),
  job: z.string(),
  /** START, RUNNING, COMPLETE, FAIL, ABORT, OTHER */
  state: z.string(),
  role: z.enum(["input", "output"]),
  origin: z.string(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  /** Weir's page of the run, when Weir ran it. */
  href: z.string().nullable(),
});

export const ZDatasetCheckOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  /** The producer that reports its results (an OpenLineage dataQualityAssertions facet); null when Weir runs it. */
  reportedBy: z.string().nullable(),
  severity: z.enum(["warn", "error"]),
  status: z.enum(["passed", "failed", "error"]).nullable(),
  message: z.string().nullable(),
  at: z.date().nullable(),
});

/** Who set a fact of the entry (catalog-provenance.ts). */
export const ZFactSetter = z.object({
  by: z.enum(["weir", "person", "dbt", "producer"]),
  name: z.string(),
  job: z.string().nullable(),
  at: z.string(),
  via: z.string().optional(),
});

export const ZDatasetOutput = ZDatasetSummary.extend({
  sizeBytes: z.number().nullable(),
  /** Who set its description, owner, schema and stats, and when (absent: nobody has). */
  provenance: z.object({ description: ZFactSetter.optional(), owner: ZFactSetter.optional(), schema: ZFactSetter.optional(), stats: ZFactSetter.optional() }),
  /** Facets OpenLineage producers other than Weir gave it, each with the producer that reported it. */
  reportedFacets: z.array(z.object({ key: z.string(), producer: z.string() })),
  columns: z.array(ZDatasetColumnOutput),
  checks: z.array(ZDatasetCheckOutput),
  runs: z.array(ZDatasetRunOutput),
  /** Where Weir manages it: the connection, source or model page. */
  links: z.array(z.object({ label: z.string(), href: z.string() })),
  /** The warehouse holds it, so rows can be previewed (by analysts and up). */
  previewable: z.boolean(),
});
export type TDatasetOutput = z.infer<typeof ZDatasetOutput>;

const ZTag = zSafeString()
  .trim()
  .min(1, "is empty")
  .max(60, "has at most 60 characters")
  .regex(/^[\w:.-]+$/u, "uses letters, digits and : . _ - only");

export const ZUpdateDatasetInput = z.object({
  id: z.string().uuid("is not a dataset id"),
  description: zText(10_000).optional(),
  owner: zSafeString().trim().max(200, "has at most 200 characters").nullable().optional(),
  tags: z.array(ZTag).max(50, "has at most 50 tags").optional(),
});

export const ZUpdateColumnInput = z.object({
  datasetId: z.string().uuid("is not a dataset id"),
  column: zIdentifier(300),
  description: zText(2_000).optional(),
  pii: z.boolean().optional(),
  tags: z.array(ZTag).max(50, "has at most 50 tags").optional(),
});

export const ZPreviewOutput = z.object({
  columns: z.array(z.object({ name: z.string(), masked: z.boolean() })),
  /** Up to 100 rows, values as display text (null stays null). */
  rows: z.array(z.array(z.string().nullable())),
  /** PII columns were masked for this role. */
  masked: z.boolean(),
});
export type TPreviewOutput = z.infer<typeof ZPreviewOutput>;

export const ZImpactInput = z.object({
  id: z.string().uuid("is not a dataset id"),
  /** Only what depends on this column. */
  column: zIdentifier(300).optional(),
});

export const ZImpactOutput = z.object({
  items: z.array(
    ZDatasetSummary.extend({
      /** Hops from the dataset. */
      depth: z.number(),
      /** In column mode: the affected columns of this dataset. */
      columns: z.array(z.string()),
      /** Failing or erroring checks on it, by name. */
      failingChecks: z.array(z.string()),
    }),
  ),
});
export type TImpactOutput = z.infer<typeof ZImpactOutput>;
