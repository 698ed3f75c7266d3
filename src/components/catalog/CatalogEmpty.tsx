/**
 * No results, and what to try: other words, fewer filters, the first page;
 * or, when the catalog itself is empty, how datasets get into it.
 */
import type { ReactNode } from "react";
import { hasFilters, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";

type TProps = { search: TCatalogSearch; total: number; onClearFilters: () => void; onFirstPage: () => void };

export function CatalogEmpty({ search, total, onClearFilters, onFirstPage }: TProps) {
  const filtered = hasFilters(search);
  if (total > 0) {
    return (
      <Box title="This page is past the last result.">
        <Button variant="link" onClick={onFirstPage}>
          Back to the first page
        </Button>
      </Box>
    );
  }
  if (!search.q && !filtered) {
    return (
      <Box title="The catalog is empty">
        Datasets appear here as Weir discovers a source&apos;s streams, loads tables into a destination and builds models, and when an OpenLineage producer
        reports the datasets its jobs read and write.
      </Box>
    );
  }
  const title = search.q ? (
    <>
      No dataset matches “<span className="[overflow-wrap:anywhere]">{search.q}</span>”{filtered ? " with these filters" : ""}
    </>
  ) : (
    "No dataset matches these filters"
  );
  return (
    <Box title={title}>
      The search looks at dataset names, descriptions, column names and tags. Try part of a name (such as <span className="font-mono">orders</span>), a column
      name, fewer words
      {filtered ? ", or fewer filters" : ""}.
      {filtered ? (
        <span className="mt-3 block">
          <Button variant="link" onClick={onClearFilters}>
            Clear filters
          </Button>
        </span>
      ) : null}
    </Box>
  );
}

function Box({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="p-4">
      <EmptyState title={title} testId="catalog-empty">
        {children}
      </EmptyState>
    </div>
  );
}
