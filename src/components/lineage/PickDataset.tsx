"use client";
/**
 * The explorer before a dataset is chosen: a search box and a few datasets
 * from the catalog to start from.
 */
import { LineageSearch } from "@/components/lineage/LineageSearch";
import { layerTint } from "@/components/lineage/lineage-styles";
import { trpc } from "@/components/trpc/trpc-react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

export function PickDataset({ onPick }: { onPick: (id: string) => void }) {
  const some = trpc.catalog.search.useQuery({ q: "", limit: 8 }, { staleTime: 30_000 });
  const items = some.data?.items ?? [];
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10" data-testid="lineage-pick">
      <div className="mx-auto flex max-w-xl flex-col items-center text-center">
        <h2 className="text-base font-semibold text-slate-800">Pick a dataset to explore its lineage</h2>
        <p className="mt-2 text-sm text-slate-600">
          Search by name, then follow where its data comes from and what depends on it — at table or column level, as deep as you need.
        </p>
        <div className="mt-5">
          <LineageSearch onPick={onPick} autoFocus />
        </div>
        {items.length > 0 ? (
          <div className="mt-6 w-full text-left">
            <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Or start from</p>
            <ul className="grid gap-2 sm:grid-cols-2">
              {items.map((d) => (
                <li key={d.id}>
                  <button
                    type="button"
                    onClick={() => onPick(d.id)}
                    className="flex w-full items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-left text-sm hover:border-slate-400"
                    data-testid="lineage-suggestion"
                    data-id={d.id}
                  >
                    <span className={`shrink-0 rounded px-1.5 text-[11px] font-medium ${layerTint(d.layer).badge}`}>{d.layer ?? d.kind}</span>
                    <span className="truncate font-medium">{d.shortName}</span>
                    <span className="ml-auto truncate text-xs text-slate-500">{d.platform}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {some.error ? (
          <div className="mt-4">
            <ErrorAlert message={some.error.message} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
