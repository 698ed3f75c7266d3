/**
 * The catalog search as it lives in the address: q, the facet filters
 * (repeatable: ?platform=postgres&platform=duckdb) and the page, so a search
 * can be shared. Reading, writing and turning it into the search input are
 * pure; every value goes through URLSearchParams, so any text is safe.
 */
import type { TSearchInput } from "@/server/catalog/catalog-contracts";

export const FACET_GROUPS = ["platform", "layer", "owner", "tag", "quality"] as const;
export type TFacetGroup = (typeof FACET_GROUPS)[number];

export const PAGE_SIZE = 25;
/** The server searches the first 200 characters; sending more only lengthens the request. */
export const MAX_QUERY_CHARS = 200;
const MAX_OFFSET = 10_000;
const MAX_FACET_VALUES = 50;
export const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;

export type TCatalogSearch = { q: string; page: number } & Record<TFacetGroup, string[]>;

type TParamsLike = { get(name: string): string | null; getAll(name: string): string[] };

export const EMPTY_SEARCH: TCatalogSearch = { q: "", page: 1, platform: [], layer: [], owner: [], tag: [], quality: [] };

/** The search text as sent and kept in the address: trimmed, at most MAX_QUERY_CHARS characters (not UTF-16 halves). */
export function normalizeQuery(text: string): string {
  const trimmed = text.trim();
  const chars = Array.from(trimmed);
  return chars.length > MAX_QUERY_CHARS ? chars.slice(0, MAX_QUERY_CHARS).join("").trimEnd() : trimmed;
}

function parsePage(raw: string | null): number {
  const n = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(n, 1), MAX_PAGE);
}

/** The search an address holds; anything malformed falls back to its default. */
export function parseCatalogSearch(params: TParamsLike): TCatalogSearch {
  const out: TCatalogSearch = { ...EMPTY_SEARCH, q: normalizeQuery(params.get("q") ?? ""), page: parsePage(params.get("page")) };
  for (const group of FACET_GROUPS) {
    out[group] = [...new Set(params.getAll(group).filter((v) => v.length > 0 && v.length <= 500))].slice(0, MAX_FACET_VALUES);
  }
  return out;
}

/** The query string for a search ("" for the empty one), with defaults left out. */
export function catalogSearchQuery(search: TCatalogSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  for (const group of FACET_GROUPS) for (const value of search[group]) params.append(group, value);
  if (search.page > 1) params.set("page", String(search.page));
  return params.toString();
}

/** The address of a search under `pathname`. */
export function catalogSearchHref(pathname: string, search: TCatalogSearch): string {
  const query = catalogSearchQuery(search);
  return query ? `${pathname}?${query}` : pathname;
}

/** What catalog.search is asked. */
export function toSearchInput(search: TCatalogSearch): TSearchInput {
  return {
    q: search.q,
    platform: search.platform,
    layer: search.layer,
    owner: search.owner,
    tag: search.tag,
    quality: search.quality,
    limit: PAGE_SIZE,
    offset: (search.page - 1) * PAGE_SIZE,
  };
}

/** Checks or unchecks one facet value; a new filter starts again at page 1. */
export function toggleFacet(search: TCatalogSearch, group: TFacetGroup, value: string): TCatalogSearch {
  const current = search[group];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...search, [group]: next, page: 1 };
}

export function hasFilters(search: TCatalogSearch): boolean {
  return FACET_GROUPS.some((g) => search[g].length > 0);
}

export function clearFilters(search: TCatalogSearch): TCatalogSearch {
  return { ...EMPTY_SEARCH, q: search.q };
}

export function pageCount(total: number): number {
  return Math.min(Math.max(1, Math.ceil(total / PAGE_SIZE)), MAX_PAGE);
}
