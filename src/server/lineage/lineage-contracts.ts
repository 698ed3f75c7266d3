/**
 * The tRPC contracts of the lineage explorer: the neighbourhood of one
 * dataset, at table or column level. Only the visible neighbourhood is ever
 * fetched; the explorer expands a node by asking for its own neighbourhood
 * at depth 1 and merging it.
 */
import { z } from "zod";

import { zSafeString } from "@/lib/input-rules";
import { ZDatasetSummary } from "@/server/catalog/catalog-contracts";

/** The query of GET /api/v1/lineage (the Marquez-shaped API). */
export const ZLineageApiQuery = z.object({
  nodeId: zSafeString({ message: "is required: dataset:<namespace>:<name> or job:<namespace>:<name>" })
    .min(1, "is required: dataset:<namespace>:<name> or job:<namespace>:<name>")
    .max(2_000, "is at most 2,000 characters"),
  depth: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "is at least 1").max(5, "is at most 5").default(2),
});

export const ZGraphInput = z.object({
  datasetId: z.string().uuid("is not a dataset id"),
  depth: z.number().int().min(1, "is at least 1").max(5, "is at most 5").default(2),
  /** upstream, downstream or both */
  direction: z.enum(["both", "upstream", "downstream"]).default("both"),
  /** Include each node's columns and the column edges between visible nodes. */
  columns: z.boolean().default(false),
  /** Include edges the last successful run of their job did not see. */
  includeStale: z.boolean().default(true),
});
export type TGraphInput = z.input<typeof ZGraphInput>;

export const ZGraphNode = ZDatasetSummary.pick({
  id: true,
  namespace: true,
  name: true,
  shortName: true,
  platform: true,
  kind: true,
  layer: true,
  owner: true,
  qualityStatus: true,
  removedAt: true,
}).extend({
  /** Edges it has in the whole graph, so the explorer can offer "expand". */
  upstreamCount: z.number(),
  downstreamCount: z.number(),
  /** Present when columns were asked for. */
  columns: z.array(z.object({ name: z.string(), type: z.string(), pii: z.boolean() })).optional(),
});
export type TGraphNode = z.infer<typeof ZGraphNode>;

export const ZGraphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** The job that moves the data, e.g. "weir.model.daily_revenue". */
  job: z.string(),
  stale: z.boolean(),
  lastSeenAt: z.date(),
  /** Output columns whose sources could not be resolved, with why. */
  unresolved: z.record(z.string(), z.string()),
});
export type TGraphEdge = z.infer<typeof ZGraphEdge>;

export const ZColumnEdge = z.object({
  id: z.string(),
  source: z.string(),
  sourceColumn: z.string(),
  target: z.string(),
  targetColumn: z.string(),
  /** e.g. DIRECT/IDENTITY, DIRECT/AGGREGATION, INDIRECT/FILTER */
  transformation: z.string(),
  stale: z.boolean(),
});
export type TColumnEdge = z.infer<typeof ZColumnEdge>;

export const ZGraphOutput = z.object({
  center: z.string(),
  nodes: z.array(ZGraphNode),
  edges: z.array(ZGraphEdge),
  columnEdges: z.array(ZColumnEdge),
  /** More than the node limit was reachable; the furthest were left out. */
  truncated: z.boolean(),
});
export type TGraphOutput = z.infer<typeof ZGraphOutput>;
