/**
 * No results, and what to try: other words, fewer filters, the first page;
 * or, when the catalog itself is empty, how datasets get into it.
 */
import { hasFilters, type TCatalogSearch } from "@/components/catalog/catalog-search-state";

type TProps = { search: TCatalogSearch; total: number; onClearFilters: () => void; onFirstPage: () => void };

export function CatalogEmpty({ search, total, onClearFilters, onFirstPage }: TProps) {
  const filtered = hasFilters(search);
  if (total > 0) {
    return (
      <div className="px-6 py-10 text-center" data-testid="catalog-empty">
        <p className="text-sm text-slate-600">This page is past the last result.</p>
        <button type="button" onClick={onFirstPage} className="mt-2 text-sm font-medium text-slate-900 underline">
          Back to the first page
        </button>
      </div>
    );
  }
  if (!search.q && !filtered) {
    return (
      <div className="px-6 py-10 text-center" data-testid="catalog-empty">
        <h3 className="font-semibold text-slate-800">The catalog is empty</h3>
        <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
          Datasets appear here as Weir discovers a source&apos;s streams, loads tables into a destination and builds models, and when an OpenLineage producer
          reports the datasets its jobs read and write.
        </p>
      </div>
    );
  }
  return (
    <div className="px-6 py-10 text-center" data-testid="catalog-empty">
      <h3 className="font-semibold text-slate-800">
        {search.q ? (
          <>
            No dataset matches “<span className="[overflow-wrap:anywhere]">{search.q}</span>”{filtered ? " with these filters" : ""}
          </>
        ) : (
          "No dataset matches these filters"
        )}
      </h3>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        The search looks at dataset names, descriptions, column names and tags. Try part of a name (such as <span className="font-mono">orders</span>), a column
        name, fewer words
        {filtered ? ", or fewer filters" : ""}.
      </p>
      {filtered ? (
        <button type="button" onClick={onClearFilters} className="mt-3 text-sm font-medium text-slate-900 underline">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
