"use client";
/**
 * The catalog search: a search box, facets on the left (platform, layer,
 * owner, tag, quality status) and a page of results, all kept in the address
 * so a search can be shared. The previous results stay while the next load.
 */
import { keepPreviousData } from "@tanstack/react-query";
import { useId, useRef } from "react";
import { CatalogEmpty } from "@/components/catalog/CatalogEmpty";
import { CatalogFacets } from "@/components/catalog/CatalogFacets";
import { CatalogPagination } from "@/components/catalog/CatalogPagination";
import { CatalogResults } from "@/components/catalog/CatalogResults";
import { clearFilters, hasFilters, toSearchInput, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import { formatSearchSummary } from "@/components/catalog/format";
import { useCatalogSearch } from "@/components/catalog/use-catalog-search";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";

export function CatalogSearch() {
  const inputId = useId();
  const { search, text, setText, navigate, typing } = useCatalogSearch();
  const results = trpc.catalog.search.useQuery(toSearchInput(search), { placeholderData: keepPreviousData });
  const data = results.data;
  const filtered = hasFilters(search);
  const busy = typing || (results.isFetching && results.isPlaceholderData);
  const resultsRef = useRef<HTMLElement>(null);
  const goToPage = (next: TCatalogSearch) => {
    navigate(next);
    if ((resultsRef.current?.getBoundingClientRect().top ?? 0) < 0) resultsRef.current?.scrollIntoView({ block: "start" });
  };

  return (
    <div className="space-y-4">
      <div role="search">
        <label htmlFor={inputId} className="sr-only">
          Search datasets
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search datasets by name, description, column or tag"
          autoComplete="off"
          spellCheck={false}
          className="block w-full rounded-md border border-slate-300 bg-white px-4 py-2.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-1 focus:ring-slate-500"
          data-testid="catalog-search"
        />
      </div>
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <CatalogFacets facets={data?.facets} search={search} onChange={navigate} />
        <section ref={resultsRef} className="min-w-0 flex-1 rounded-lg border border-slate-200 bg-white" aria-busy={busy} data-testid="catalog-results">
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
            <h2 className="font-semibold">Datasets</h2>
            {data ? (
              <span className="text-sm text-slate-500" data-testid="catalog-summary">
                {formatSearchSummary(data.total, data.tookMs, data.capped)}
              </span>
            ) : null}
            {busy ? <span className="text-xs text-slate-400">Searching…</span> : null}
            {filtered ? (
              <button
                type="button"
                onClick={() => navigate(clearFilters(search))}
                className="ml-auto text-sm text-slate-600 underline"
                data-testid="clear-filters"
              >
                Clear filters
              </button>
            ) : null}
          </div>
          {results.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Searching the catalog…</p> : null}
          {results.error ? (
            <div className="p-4">
              <ErrorAlert message={results.error.message} />
            </div>
          ) : null}
          {data && data.items.length === 0 ? (
            <CatalogEmpty
              search={search}
              total={data.total}
              onClearFilters={() => navigate(clearFilters(search))}
              onFirstPage={() => navigate({ ...search, page: 1 })}
            />
          ) : null}
          {data && data.items.length > 0 ? (
            <div className={busy ? "opacity-60 transition-opacity" : "transition-opacity"}>
              <CatalogResults items={data.items} />
              <CatalogPagination search={search} total={data.total} shown={data.items.length} onChange={goToPage} />
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}
