"use client";
/**
 * A page of search results: each dataset's short name (to its page), full
 * name and namespace, layer, platform, owner, tags, quality, row count, when
 * it last changed, its description on one line, and the columns the search
 * matched. Not sortable here: the server ranks and pages the results.
 */
import { DatasetLink } from "@/components/catalog/DatasetLink";
import { QualityBadge } from "@/components/catalog/QualityBadge";
import { TagList } from "@/components/catalog/TagList";
import { formatAbsolute, formatCount, formatExactRows, formatRelative } from "@/components/catalog/format";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import type { TSearchOutput } from "@/server/catalog/catalog-contracts";

type TResult = TSearchOutput["items"][number];

const NONE = <span className="text-slate-400">—</span>;

function DatasetCell({ d }: { d: TResult }) {
  return (
    <>
      <DatasetLink id={d.id} shortName={d.shortName} layer={d.layer} />
      <p className="truncate text-xs text-slate-500" title={`${d.name} in ${d.namespace}`}>
        <span className="font-mono">{d.name}</span> · {d.namespace}
      </p>
      {d.description ? (
        <p className="mt-0.5 truncate text-slate-700" title={d.description}>
          {d.description}
        </p>
      ) : null}
      {d.tags.length || d.matchedColumns.length ? (
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <TagList tags={d.tags} />
          {d.matchedColumns.length ? (
            <span className="text-xs text-slate-600" data-testid="matched-columns">
              matched columns: <span className="font-mono">{d.matchedColumns.join(", ")}</span>
            </span>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

const COLUMNS: TDataColumn<TResult>[] = [
  { id: "dataset", header: "Dataset", className: "w-full max-w-0", cell: (d) => <DatasetCell d={d} /> },
  { id: "platform", header: "Platform", className: "whitespace-nowrap text-slate-700", cell: (d) => <span title={d.kind}>{d.platform}</span> },
  {
    id: "owner",
    header: "Owner",
    className: "max-w-[10rem] truncate text-slate-700",
    cell: (d) => (d.owner ? <span title={d.owner}>{d.owner}</span> : NONE),
  },
  { id: "quality", header: "Quality", cell: (d) => <QualityBadge status={d.qualityStatus} /> },
  {
    id: "rows",
    header: "Rows",
    numeric: true,
    className: "whitespace-nowrap text-slate-700",
    cell: (d) => <span title={formatExactRows(d.rowCount)}>{formatCount(d.rowCount)}</span>,
  },
  {
    id: "updated",
    header: "Updated",
    className: "whitespace-nowrap text-slate-600",
    cell: (d) => <span title={formatAbsolute(d.lastUpdatedAt)}>{formatRelative(d.lastUpdatedAt)}</span>,
  },
];

export function CatalogResults({ items }: { items: TResult[] }) {
  return (
    <DataTable
      rows={items}
      columns={COLUMNS}
      rowId={(d) => d.id}
      rowTestId={() => "catalog-result"}
      rowAttributes={(d) => ({ "data-dataset-id": d.id })}
      rowClassName="align-top"
    />
  );
}
