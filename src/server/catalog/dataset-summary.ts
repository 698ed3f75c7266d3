/**
 * A Dataset row as the catalog shows it in lists: search results, impact
 * analysis, the lineage explorer's nodes.
 */
import { shortNameOf } from "@/engine/lineage/dataset-naming";
import type { TDatasetSummary } from "@/server/catalog/catalog-contracts";

export type TSummaryRow = {
  id: string;
  namespace: string;
  name: string;
  platform: string;
  kind: string;
  layer: "bronze" | "silver" | "gold" | null;
  owner: string | null;
  description: string;
  tags: string[];
  qualityStatus: string | null;
  freshnessStatus: string | null;
  rowCount: bigint | null;
  lastUpdatedAt: Date | null;
  removedAt?: Date | null;
};

const QUALITY = new Set(["passed", "warn", "failed"]);

export function qualityOf(status: string | null): "passed" | "warn" | "failed" | null {
  return status && QUALITY.has(status) ? (status as "passed" | "warn" | "failed") : null;
}

export function toSummary(r: TSummaryRow): TDatasetSummary {
  return {
    id: r.id,
    namespace: r.namespace,
    name: r.name,
    shortName: shortNameOf(r.name),
    platform: r.platform,
    kind: r.kind,
    layer: r.layer,
    owner: r.owner,
    description: r.description,
    tags: r.tags,
    qualityStatus: qualityOf(r.qualityStatus),
    freshnessStatus: r.freshnessStatus,
    rowCount: r.rowCount === null ? null : Number(r.rowCount),
    lastUpdatedAt: r.lastUpdatedAt,
    removedAt: r.removedAt ?? null,
  };
}
