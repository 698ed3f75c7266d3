/**
 * The catalog's pure pieces: query normalisation, CSV fields, the quality
 * summary of check results, dataset names.
 */
import { describe, expect, it } from "vitest";

import { platformOf, shortNameOf } from "@/engine/lineage/dataset-naming";
import { summarizeQuality } from "@/engine/lineage/catalog-status";
import { relationOf } from "@/server/catalog/dataset-page";
import { csvField } from "@/server/catalog/impact-csv";
import { normalizeQuery } from "@/server/catalog/search";

describe("normalizeQuery", () => {
  it("keeps words and drops operators, quotes and SQL punctuation", () => {
    expect(normalizeQuery(`  Orders  "paid" & 'x'; DROP--`)).toBe("orders paid x drop--");
    expect(normalizeQuery("gold.daily_revenue")).toBe("gold.daily_revenue");
    expect(normalizeQuery("ünïcødé 数据 🚀")).toBe("ünïcødé 数据");
  });
  it("cuts long queries to 200 characters", () => {
    expect(normalizeQuery("a".repeat(10_000))).toHaveLength(200);
  });
});

describe("csvField", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
  });
});

describe("summarizeQuality", () => {
  it("is the worst latest result, with freshness apart", () => {
    expect(summarizeQuality([])).toEqual({ qualityStatus: null, freshnessStatus: null });
    expect(summarizeQuality([{ severity: "error", status: "passed", freshness: false }])).toEqual({ qualityStatus: "passed", freshnessStatus: null });
    expect(
      summarizeQuality([
        { severity: "warn", status: "failed", freshness: false },
        { severity: "error", status: "passed", freshness: true },
      ]),
    ).toEqual({ qualityStatus: "warn", freshnessStatus: "fresh" });
    expect(
      summarizeQuality([
        { severity: "warn", status: "failed", freshness: false },
        { severity: "error", status: "error", freshness: true },
      ]),
    ).toEqual({ qualityStatus: "failed", freshnessStatus: "stale" });
  });
});

describe("dataset names", () => {
  it("reads platform, short name and warehouse relation", () => {
    expect(platformOf("postgres://db:5432")).toBe("postgres");
    expect(platformOf("postgresql://db")).toBe("postgres");
    expect(platformOf("s3://bucket")).toBe("s3");
    expect(platformOf("no scheme")).toBe("other");
    expect(shortNameOf("shop.public.orders")).toBe("orders");
    expect(shortNameOf("/data/events/*.csv")).toBe("*.csv");
    expect(relationOf("shop.public.orders")).toEqual({ schema: "public", table: "orders" });
    expect(relationOf("orders")).toBeNull();
  });
});
