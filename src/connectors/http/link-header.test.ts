// parseLinkHeader / nextLink: RFC 8288 Link headers as paginated APIs send them.
import { describe, expect, it } from "vitest";

import { nextLink, parseLinkHeader } from "@/connectors/http/link-header";

describe("parseLinkHeader", () => {
  it("reads GitHub-style headers with several relations", () => {
    const header = '<https://api.x.test/items?page=2&per_page=50>; rel="next", <https://api.x.test/items?page=9&per_page=50>; rel="last"';
    expect(parseLinkHeader(header)).toEqual([
      { href: "https://api.x.test/items?page=2&per_page=50", rels: ["next"] },
      { href: "https://api.x.test/items?page=9&per_page=50", rels: ["last"] },
    ]);
  });

  it("handles unquoted and multi-valued rel, other parameters, commas inside URLs and quotes", () => {
    const header = '</a?x=1,2>; title="a, b; c"; rel=next, </b>; rel="prev first"';
    expect(parseLinkHeader(header)).toEqual([
      { href: "/a?x=1,2", rels: ["next"] },
      { href: "/b", rels: ["prev", "first"] },
    ]);
  });
});

describe("nextLink", () => {
  it("resolves a relative next link against the request", () => {
    const base = new URL("http://127.0.0.1:1/api/items?page=1");
    expect(nextLink('<items?page=2>; rel="NEXT"', base)?.href).toBe("http://127.0.0.1:1/api/items?page=2");
    expect(nextLink('</other>; rel="prev"', base)).toBeNull();
    expect(nextLink(null, base)).toBeNull();
  });
});
