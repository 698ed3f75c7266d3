/**
 * A page of search results: each dataset's short name (to its page), full
 * name and namespace, layer, platform, owner, tags, quality, row count, when
 * it last changed, its description on one line, and the columns the search
 * matched.
 */
import Link from "next/link";
import { QualityBadge } from "@/components/catalog/QualityBadge";
import { TagList } from "@/components/catalog/TagList";
import { datasetHref } from "@/components/catalog/catalog-hrefs";
import { formatAbsolute, formatCount, formatExactRows, formatRelative } from "@/components/catalog/format";
import { LayerBadge } from "@/components/models/LayerBadge";
import type { TSearchOutput } from "@/server/catalog/catalog-contracts";

type TResult = TSearchOutput["items"][number];

export function CatalogResults({ items }: { items: TResult[] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Dataset</th>
          <th className="px-3 py-2">Platform</th>
          <th className="px-3 py-2">Owner</th>
          <th className="px-3 py-2">Quality</th>
          <th className="px-3 py-2 text-right">Rows</th>
          <th className="px-4 py-2">Updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="catalog-result" data-dataset-id={d.id}>
            <td className="w-full max-w-0 px-4 py-2.5">
              <span className="flex min-w-0 items-center gap-2">
                <Link href={datasetHref(d.id)} className="truncate font-medium text-slate-900 hover:underline" title={d.shortName}>
                  {d.shortName}
                </Link>
                {d.layer ? <LayerBadge layer={d.layer} /> : null}
              </span>
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
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-slate-700" title={d.kind}>
              {d.platform}
            </td>
            <td className="max-w-[10rem] truncate px-3 py-2.5 text-slate-700" title={d.owner ?? undefined}>
              {d.owner ?? <span className="text-slate-400">—</span>}
            </td>
            <td className="px-3 py-2.5">
              <QualityBadge status={d.qualityStatus} />
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums text-slate-700" title={formatExactRows(d.rowCount)}>
              {formatCount(d.rowCount)}
            </td>
            <td className="whitespace-nowrap px-4 py-2.5 text-slate-600" title={formatAbsolute(d.lastUpdatedAt)}>
              {formatRelative(d.lastUpdatedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
