/**
 * The top of a dataset's page: its short name with layer, quality and
 * freshness, its full name and namespace, the facts (platform, kind, owner,
 * rows, size, last updated) and where Weir manages it.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { FreshnessBadge } from "@/components/catalog/FreshnessBadge";
import { QualityBadge } from "@/components/catalog/QualityBadge";
import { formatAbsolute, formatCount, formatExactRows, formatRelative, formatSize } from "@/components/catalog/format";
import { LayerBadge } from "@/components/models/LayerBadge";
import { Badge } from "@/components/ui/Badge";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { buttonClass } from "@/components/ui/button-class";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

/** Weir's own pages, or http(s); never a javascript: address. */
const SAFE_HREF = /^(\/(?!\/)|https?:\/\/)/i;

const KINDS: Record<string, string> = {
  source_stream: "source stream",
  table: "loaded table",
  model: "model",
  external: "external dataset",
  dbt_model: "dbt model",
  dbt_seed: "dbt seed",
  dbt_snapshot: "dbt snapshot",
  dbt_source: "dbt source",
};

export function DatasetHeader({ dataset: d }: { dataset: TDatasetOutput }) {
  const facts: Array<[string, ReactNode, string?]> = [
    ["Platform", d.platform],
    ["Kind", KINDS[d.kind] ?? d.kind],
    ["Owner", d.owner ?? <span className="text-slate-400">none</span>],
    ["Rows", formatCount(d.rowCount), formatExactRows(d.rowCount)],
    ["Size", formatSize(d.sizeBytes)],
    ["Updated", formatRelative(d.lastUpdatedAt), formatAbsolute(d.lastUpdatedAt)],
  ];
  return (
    <DetailHeader
      back={{ href: "/catalog", label: "Catalog" }}
      title={
        <span className="[overflow-wrap:anywhere]" data-testid="dataset-title">
          {d.shortName}
        </span>
      }
      badges={
        <>
          {d.layer ? <LayerBadge layer={d.layer} /> : null}
          <QualityBadge status={d.qualityStatus} testId="dataset-quality" />
          <FreshnessBadge status={d.freshnessStatus} testId="dataset-freshness" />
          {d.removedAt ? (
            <Badge testId="dataset-removed" title={formatAbsolute(d.removedAt)}>
              removed from its dbt project
            </Badge>
          ) : null}
        </>
      }
      subtitle={
        <span className="[overflow-wrap:anywhere]">
          <code className="font-mono" data-testid="dataset-name">
            {d.name}
          </code>
          <span className="text-slate-500"> in </span>
          <code className="font-mono text-slate-500" data-testid="dataset-namespace">
            {d.namespace}
          </code>
        </span>
      }
    >
      <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-2 text-sm" data-testid="dataset-facts">
        {facts.map(([label, value, title]) => (
          <div key={label}>
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd className="font-medium text-slate-800" title={title}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {d.links.length ? (
        <div className="mt-3 flex flex-wrap gap-2" data-testid="dataset-links">
          {d.links
            .filter((l) => SAFE_HREF.test(l.href))
            .map((l) => (
              <Link key={`${l.href}:${l.label}`} href={l.href} className={buttonClass("secondary")}>
                {l.label} →
              </Link>
            ))}
        </div>
      ) : null}
    </DetailHeader>
  );
}
