/**
 * The datasets downstream of a change, nearest first: how far, who owns
 * them, which of their checks already fail and, for a column, which of their
 * columns it feeds.
 */
import Link from "next/link";
import { datasetHref } from "@/components/catalog/catalog-hrefs";
import { LayerBadge } from "@/components/models/LayerBadge";
import type { TImpactOutput } from "@/server/catalog/catalog-contracts";

export function ImpactTable({ items, column }: { items: TImpactOutput["items"]; column: string }) {
  if (items.length === 0) {
    return (
      <p className="px-4 py-4 text-sm text-slate-600" data-testid="impact-empty">
        {column ? (
          <>
            Nothing recorded depends on column <code className="font-mono">{column}</code>.
          </>
        ) : (
          "Nothing recorded depends on this dataset."
        )}{" "}
        Lineage is recorded as syncs and models run, and from OpenLineage producers.
      </p>
    );
  }
  const owners = [...new Set(items.flatMap((i) => (i.owner ? [i.owner] : [])))];
  const failing = items.filter((i) => i.failingChecks.length).length;
  return (
    <div>
      <p className="px-4 pt-3 text-sm text-slate-600" data-testid="impact-summary">
        {items.length} {items.length === 1 ? "dataset" : "datasets"} downstream
        {owners.length ? `, owned by ${owners.length <= 3 ? owners.join(", ") : `${owners.length} owners`}` : ""}
        {failing ? `; ${failing} with failing checks` : ""}.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] table-fixed text-left text-sm" data-testid="impact-table">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Dataset</th>
              <th className="w-16 px-4 py-2 text-right">Depth</th>
              <th className="w-[16%] px-4 py-2">Owner</th>
              <th className="w-[22%] px-4 py-2">Failing checks</th>
              {column ? <th className="w-[20%] px-4 py-2">Affected columns</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className="border-t border-slate-100 align-top" data-testid="impact-row" data-dataset-id={i.id}>
                <td className="px-4 py-2">
                  <span className="flex min-w-0 items-center gap-2">
                    <Link href={datasetHref(i.id)} className="truncate font-medium hover:underline">
                      {i.shortName}
                    </Link>
                    {i.layer ? <LayerBadge layer={i.layer} /> : null}
                  </span>
                  <p className="truncate font-mono text-xs text-slate-500" title={`${i.name} in ${i.namespace}`}>
                    {i.name}
                  </p>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{i.depth}</td>
                <td className="truncate px-4 py-2 text-slate-700" title={i.owner ?? undefined}>
                  {i.owner ?? <span className="text-slate-400">—</span>}
                </td>
                <td className="px-4 py-2">
                  {i.failingChecks.length ? (
                    <span className="text-xs font-medium text-red-800 [overflow-wrap:anywhere]" data-testid="impact-failing">
                      {i.failingChecks.join(", ")}
                    </span>
                  ) : (
                    <span className="text-xs text-slate-500">{i.qualityStatus ? "none" : "none (no checks)"}</span>
                  )}
                </td>
                {column ? (
                  <td className="px-4 py-2 font-mono text-xs text-slate-700 [overflow-wrap:anywhere]">{i.columns.length ? i.columns.join(", ") : "—"}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
