import { describe, expect, it } from "vitest";
import {
  EMPTY_SEARCH,
  MAX_PAGE,
  MAX_QUERY_CHARS,
  catalogSearchHref,
  catalogSearchQuery,
  clearFilters,
  hasFilters,
  normalizeQuery,
  pageCount,
  parseCatalogSearch,
  toSearchInput,
  toggleFacet,
} from "@/components/catalog/catalog-search-state";

const parse = (query: string) => parseCatalogSearch(new URLSearchParams(query));

describe("parseCatalogSearch", () => {
  it("reads q, repeated facets and the page", () => {
    expect(parse("q=orders&platform=postgres&platform=duckdb&quality=failed&page=3")).toEqual({
      ...EMPTY_SEARCH,
      q: "orders",
      platform: ["postgres", "duckdb"],
      quality: ["failed"],
      page: 3,
    });
  });

  it("falls back to defaults for a malformed page and drops empty or repeated values", () => {
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=-2").page).toBe(1);
    expect(parse("page=999999").page).toBe(MAX_PAGE);
    expect(parse("tag=&tag=pii&tag=pii").tag).toEqual(["pii"]);
  });
});

describe("catalogSearchQuery", () => {
  it("leaves defaults out", () => {
    expect(catalogSearchQuery(EMPTY_SEARCH)).toBe("");
    expect(catalogSearchHref("/catalog", EMPTY_SEARCH)).toBe("/catalog");
  });

  it("encodes any text, so it reads back the same", () => {
    const nasty = `a&b=c?d#e/ f%20"<script>'; DROP TABLE x;-- 🦆`;
    const search = { ...EMPTY_SEARCH, q: nasty, owner: ["team&co", "x=y"], page: 2 };
    const query = catalogSearchQuery(search);
    expect(query).not.toContain("#");
    expect(query).not.toContain("<");
    expect(parse(query)).toEqual(search);
  });
});

describe("normalizeQuery", () => {
  it("trims and cuts to what the server searches, without splitting a character", () => {
    expect(normalizeQuery("  orders ")).toBe("orders");
    const long = "🦆".repeat(MAX_QUERY_CHARS + 10);
    expect(Array.from(normalizeQuery(long))).toHaveLength(MAX_QUERY_CHARS);
    expect(normalizeQuery(long).endsWith("🦆")).toBe(true);
  });
});

describe("toSearchInput", () => {
  it("turns the page into an offset", () => {
    expect(toSearchInput({ ...EMPTY_SEARCH, q: "x", page: 3 })).toMatchObject({ q: "x", limit: 25, offset: 50 });
  });
});

describe("facets", () => {
  it("toggles a value and starts again at page 1", () => {
    const on = toggleFacet({ ...EMPTY_SEARCH, page: 4 }, "layer", "gold");
    expect(on).toMatchObject({ layer: ["gold"], page: 1 });
    expect(hasFilters(on)).toBe(true);
    expect(toggleFacet(on, "layer", "gold").layer).toEqual([]);
  });

  it("clears filters but keeps the search text", () => {
    const cleared = clearFilters({ ...EMPTY_SEARCH, q: "orders", tag: ["pii"], page: 2 });
    expect(cleared).toEqual({ ...EMPTY_SEARCH, q: "orders" });
    expect(hasFilters(cleared)).toBe(false);
  });

  it("counts pages, at least one", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });
});
