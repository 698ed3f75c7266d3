"use client";
/**
 * "What breaks downstream if this changes": on request, every dataset that
 * depends on this one (or on one of its columns), nearest first, with its
 * owner and failing checks, and the same as a CSV download.
 */
import { useId, useState } from "react";
import { ImpactTable } from "@/components/catalog/ImpactTable";
import { impactCsvHref } from "@/components/catalog/catalog-hrefs";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc } from "@/components/trpc/trpc-react";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetImpact({ dataset: d }: { dataset: TDatasetOutput }) {
  const pickerId = useId();
  const [shown, setShown] = useState(false);
  const [column, setColumn] = useState("");
  const impact = trpc.catalog.impact.useQuery({ id: d.id, ...(column ? { column } : {}) }, { enabled: shown });
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-impact">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Impact</h2>
        <span className="text-sm text-slate-500">What depends on this dataset, at any distance downstream.</span>
        {shown ? (
          <span className="ml-auto flex flex-wrap items-center gap-3">
            {d.columns.length ? (
              <label htmlFor={pickerId} className="flex items-center gap-2 text-sm text-slate-600">
                Impact of
                <select
                  id={pickerId}
                  value={column}
                  onChange={(e) => setColumn(e.target.value)}
                  className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                  data-testid="impact-column"
                >
                  <option value="">the whole dataset</option>
                  {d.columns.map((c) => (
                    <option key={c.name} value={c.name}>
                      column {c.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <a
              href={impactCsvHref(d.id, column)}
              download
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
              data-testid="impact-csv"
            >
              Download CSV
            </a>
          </span>
        ) : (
          <button
            type="button"
            onClick={() => setShown(true)}
            className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            data-testid="show-impact"
          >
            Show impact
          </button>
        )}
      </div>
      {shown ? (
        <div>
          {impact.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Following the lineage downstream…</p> : null}
          {impact.error ? (
            <div className="p-4">
              <ErrorAlert message={refusalMessage(impact.error)} />
            </div>
          ) : null}
          {impact.data ? <ImpactTable items={impact.data.items} column={column} /> : null}
        </div>
      ) : null}
    </section>
  );
}
