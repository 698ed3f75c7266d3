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
import { Button } from "@/components/ui/Button";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { trpc } from "@/components/trpc/trpc-react";

export function CatalogSearch() {
  const inputId = useId();
  const { search, text, setText, navigate, typing } = useCatalogSearch();
  const results = trpc.catalog.search.useQuery(toSearchInput(search), { placeholderData: keepPreviousData });
  const data = results.data;
  const filtered = hasFilters(search);
  const busy = typing || (results.isFetching && results.isPlaceholderData);
  const resultsRef = useRef<HTMLDivElement>(null);
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
        <div ref={resultsRef} className="min-w-0 flex-1" aria-busy={busy}>
          <Panel
            title="Datasets"
            testId="catalog-results"
            description={
              data || busy ? (
                <>
                  {data ? <span data-testid="catalog-summary">{formatSearchSummary(data.total, data.tookMs, data.capped)}</span> : null}
                  {busy ? <span className="ml-3 text-xs text-slate-400">Searching…</span> : null}
                </>
              ) : null
            }
            actions={
              filtered ? (
                <Button variant="quiet" className="underline" onClick={() => navigate(clearFilters(search))} testId="clear-filters">
                  Clear filters
                </Button>
              ) : null
            }
          >
            <div className="[&>[role=alert]]:m-4">
              <QueryView
                query={results}
                loading={<p className="px-4 py-4 text-sm text-slate-500">Searching the catalog…</p>}
                isEmpty={(d) => d.items.length === 0}
                empty={
                  data ? (
                    <CatalogEmpty
                      search={search}
                      total={data.total}
                      onClearFilters={() => navigate(clearFilters(search))}
                      onFirstPage={() => navigate({ ...search, page: 1 })}
                    />
                  ) : null
                }
              >
                {(d) => (
                  <div className={busy ? "opacity-60 transition-opacity" : "transition-opacity"}>
                    <CatalogResults items={d.items} />
                    <CatalogPagination search={search} total={d.total} shown={d.items.length} onChange={goToPage} />
                  </div>
                )}
              </QueryView>
            </div>
          </Panel>
        </div>
      </div>
    </div>
  );
}
