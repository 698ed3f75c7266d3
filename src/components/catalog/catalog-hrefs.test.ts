import { describe, expect, it } from "vitest";
import { datasetHref, explorerHref, impactCsvHref } from "@/components/catalog/catalog-hrefs";

const ID = "6f1c1e1a-8c1b-4a57-9d39-0c1d2e3f4a5b";

describe("catalog hrefs", () => {
  it("links a dataset, its explorer view and its impact CSV", () => {
    expect(datasetHref(ID)).toBe(`/catalog/${ID}`);
    expect(explorerHref(ID)).toBe(`/lineage?dataset=${ID}`);
    expect(impactCsvHref(ID)).toBe(`/api/v1/datasets/${ID}/impact.csv`);
  });

  it("encodes a column of any name as one parameter", () => {
    const href = impactCsvHref(ID, "a&b=c #d/e");
    expect(new URL(href, "http://x").searchParams.get("column")).toBe("a&b=c #d/e");
    expect(new URL(href, "http://x").pathname).toBe(`/api/v1/datasets/${ID}/impact.csv`);
  });

  it("keeps an id from leaving its path segment", () => {
    expect(datasetHref("../admin?x=1")).toBe("/catalog/..%2Fadmin%3Fx%3D1");
  });
});
