"use client";
/**
 * The facets beside the results: platform, layer, owner, tag and quality
 * status, each with its values and how many datasets have them.
 */
import { CatalogFacetGroup } from "@/components/catalog/CatalogFacetGroup";
import { FACET_GROUPS, toggleFacet, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import type { TSearchOutput } from "@/server/catalog/catalog-contracts";

type TProps = { facets: TSearchOutput["facets"] | undefined; search: TCatalogSearch; onChange: (next: TCatalogSearch) => void };

export function CatalogFacets({ facets, search, onChange }: TProps) {
  return (
    <aside className="w-full shrink-0 space-y-5 lg:w-56" aria-label="Filters" data-testid="catalog-facets">
      {facets && !FACET_GROUPS.some((g) => facets[g].length || search[g].length) ? <p className="text-sm text-slate-400">Nothing to filter by.</p> : null}
      {facets ? (
        FACET_GROUPS.map((group) => (
          <CatalogFacetGroup
            key={group}
            group={group}
            values={facets[group]}
            checked={search[group]}
            onToggle={(value) => onChange(toggleFacet(search, group, value))}
          />
        ))
      ) : (
        <p className="text-sm text-slate-500">Loading filters…</p>
      )}
    </aside>
  );
}
