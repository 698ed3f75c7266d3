/**
 * Previous and next page of results, with which results this page shows.
 * The server pages the search, so these ask it for the next page.
 */
import { pageCount, PAGE_SIZE, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import { formatRange } from "@/components/catalog/format";
import { Button } from "@/components/ui/Button";

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
          <Button disabled={search.page <= 1} onClick={() => onChange({ ...search, page: search.page - 1 })} testId="catalog-prev">
            ← Previous
          </Button>
          <span className="text-sm tabular-nums text-slate-600">
            Page {search.page} of {pages.toLocaleString("en-US")}
          </span>
          <Button disabled={search.page >= pages} onClick={() => onChange({ ...search, page: search.page + 1 })} testId="catalog-next">
            Next →
          </Button>
        </span>
      ) : null}
    </nav>
  );
}
