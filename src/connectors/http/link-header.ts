/**
 * RFC 8288 Link headers, as paginated APIs (GitHub, GitLab, Shopify…) send
 * them: `<https://api/x?page=2>; rel="next", <…>; rel="last"`. Parsed with
 * a small tokenizer rather than split on commas, which URLs and quoted
 * parameters may contain. Pure.
 */

export type TLink = { href: string; rels: string[] };

/** Every link of a header value; malformed parts are skipped. */
export function parseLinkHeader(header: string): TLink[] {
  const links: TLink[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < header.length && /\s/.test(header.charAt(i))) i += 1;
  };
  while (i < header.length) {
    const open = header.indexOf("<", i);
    if (open < 0) break;
    const close = header.indexOf(">", open + 1);
    if (close < 0) break;
    const href = header.slice(open + 1, close).trim();
    i = close + 1;
    const rels: string[] = [];
    for (skipSpace(); header.charAt(i) === ";"; skipSpace()) {
      i += 1;
      skipSpace();
      const name = /^[^=;,\s]+/.exec(header.slice(i))?.[0] ?? "";
      i += name.length;
      skipSpace();
      let value = "";
      if (header.charAt(i) === "=") {
        i += 1;
        skipSpace();
        if (header.charAt(i) === '"') {
          i += 1;
          while (i < header.length && header.charAt(i) !== '"') {
            if (header.charAt(i) === "\\") i += 1;
            value += header.charAt(i);
            i += 1;
          }
          i += 1;
        } else {
          value = /^[^;,\s]*/.exec(header.slice(i))?.[0] ?? "";
          i += value.length;
        }
      }
      if (name.toLowerCase() === "rel") rels.push(...value.toLowerCase().split(/\s+/).filter(Boolean));
    }
    links.push({ href, rels });
  }
  return links;
}

/** The rel="next" target of a Link header, resolved against the request's URL; null when there is none. */
export function nextLink(header: string | null, base: URL): URL | null {
  if (!header) return null;
  const next = parseLinkHeader(header).find((link) => link.rels.includes("next"));
  if (!next || !URL.canParse(next.href, base)) return null;
  return new URL(next.href, base);
}
