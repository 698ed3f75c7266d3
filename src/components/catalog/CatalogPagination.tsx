/**
 * Previous and next page of results, with which results this page shows.
 */
import { pageCount, PAGE_SIZE, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import { formatRange } from "@/components/catalog/format";

const BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40";

type TProps = { search: TCatalogSearch; total: number; shown: number; onChange: (next: TCatalogSearch) => void };

export function CatalogPagination({ search, total, shown, onChange }: TProps) {
  const pages = pageCount(total);
  return (
    <nav
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3"
      aria-label="Pages of results"
      data-testid="catalog-pagination"
    >
      <span className="text-sm text-slate-500">{formatRange((search.page - 1) * PAGE_SIZE, shown, total)}</span>
      {pages > 1 ? (
        <span className="flex items-center gap-2">
          <button
            type="button"
            className={BUTTON}
            disabled={search.page <= 1}
            onClick={() => onChange({ ...search, page: search.page - 1 })}
            data-testid="catalog-prev"
          >
            ← Previous
          </button>
          <span className="text-sm tabular-nums text-slate-600">
            Page {search.page} of {pages.toLocaleString("en-US")}
          </span>
          <button
            type="button"
            className={BUTTON}
            disabled={search.page >= pages}
            onClick={() => onChange({ ...search, page: search.page + 1 })}
            data-testid="catalog-next"
          >
            Next →
          </button>
        </span>
      ) : null}
    </nav>
  );
}
