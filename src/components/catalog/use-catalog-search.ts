"use client";
/**
 * The catalog search, kept in the address so back, forward and shared links
 * work. The search is held in state (so a checkbox or page turns at once)
 * and written to the address with the History API, which Next.js follows
 * without fetching the page again; when the address changes from outside
 * (back, forward, a link) the state follows it. The search box is local text
 * that joins the search 200 ms after typing stops.
 */
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { catalogSearchHref, normalizeQuery, parseCatalogSearch, type TCatalogSearch } from "@/components/catalog/catalog-search-state";
import { useDebouncedValue } from "@/components/models/use-debounced-value";

const DEBOUNCE_MS = 200;

export function useCatalogSearch() {
  const params = useSearchParams();
  const pathname = usePathname();
  const address = params.toString();
  const [search, setSearch] = useState(() => parseCatalogSearch(params));
  const [text, setText] = useState(search.q);
  const debounced = normalizeQuery(useDebouncedValue(text, DEBOUNCE_MS));

  // The address changed: to what this hook wrote (the state holds it already) or from outside (then show it).
  const [seenAddress, setSeenAddress] = useState(address);
  if (address !== seenAddress) {
    const next = parseCatalogSearch(params);
    setSeenAddress(address);
    setSearch(next);
    if (next.q !== debounced) setText(next.q);
  }

  const latest = useRef(search);
  useEffect(() => {
    latest.current = search;
  }, [search]);

  const write = useCallback(
    (next: TCatalogSearch, history: "push" | "replace") => {
      setSearch(next);
      const href = catalogSearchHref(pathname, next);
      if (history === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [pathname],
  );

  useEffect(() => {
    if (debounced !== latest.current.q) write({ ...latest.current, q: debounced, page: 1 }, "replace");
  }, [debounced, write]);

  /** Filters and pages are steps a person may want to go back from. */
  const navigate = useCallback((next: TCatalogSearch) => write({ ...next, q: normalizeQuery(text) }, "push"), [text, write]);

  return { search, text, setText, navigate, typing: normalizeQuery(text) !== search.q };
}
