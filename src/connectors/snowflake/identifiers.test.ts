import { describe, expect, it } from "vitest";

import { fold, qualified, quoteIdent, quoteStored, sqlString, stagePrefixOf, stageTableName, tableStageOf, unfold } from "@/connectors/snowflake/identifiers";
import { queryTag } from "@/connectors/snowflake/query-tag";

describe("Snowflake identifiers", () => {
  it("stores plain lower-case names upper-case and keeps every other name as it is", () => {
    expect(["orders", "customer_id", "_weir_run_id", "a$b"].map(fold)).toEqual(["ORDERS", "CUSTOMER_ID", "_WEIR_RUN_ID", "A$B"]);
    expect(["customerId", "ID", "has space", "dot.ted", 'quo"te', "ünï", "1st"].map(fold)).toEqual([
      "customerId",
      "ID",
      "has space",
      "dot.ted",
      'quo"te',
      "ünï",
      "1st",
    ]);
    expect(["ORDERS", "CUSTOMER_ID", "customerId", "has space"].map(unfold)).toEqual(["orders", "customer_id", "customerId", "has space"]);
  });

  it("quotes the stored name, doubling quotes", () => {
    expect(quoteIdent("orders")).toBe('"ORDERS"');
    expect(quoteIdent('order "select"')).toBe('"order ""select"""');
    expect(qualified("user schema", "t")).toBe('"user schema"."T"');
  });

  it("writes string literals with quotes and backslashes escaped", () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("^\\d+$")).toBe("'^\\\\d+$'");
  });

  it("names staging tables per attempt under one prefix per stream, with unquoted table stages", () => {
    const a1 = stageTableName("conn", "public.orders", "run", 1);
    const a2 = stageTableName("conn", "public.orders", "run", 2);
    expect(a1).not.toBe(a2);
    expect(a1.startsWith(stagePrefixOf("conn", "public.orders"))).toBe(true);
    expect(a2.startsWith(stagePrefixOf("conn", "public.orders"))).toBe(true);
    expect(stageTableName("conn", "public.orders_x", "run", 1).startsWith(stagePrefixOf("conn", "public.orders"))).toBe(false);
    expect(a1).toMatch(/^_WEIR_STAGE_[0-9A-F]{12}_[0-9A-F]{12}$/);
    expect(tableStageOf(a1)).toBe(`@_WEIR.%${a1}`);
    expect(() => tableStageOf("has space")).toThrow();
  });

  it("quotes names read from information_schema as they are stored", () => {
    expect(quoteStored("orders")).toBe('"orders"');
    expect(quoteStored('quo"te')).toBe('"quo""te"');
  });
});

describe("QUERY_TAG", () => {
  it("is JSON naming the app and what the work is for", () => {
    expect(JSON.parse(queryTag("weir", { kind: "model", run: "r1", model: "daily_revenue" }))).toEqual({
      app: "weir",
      kind: "model",
      run: "r1",
      model: "daily_revenue",
    });
    expect(JSON.parse(queryTag("weir", undefined, { stream: "public.orders" }))).toEqual({ app: "weir", stream: "public.orders" });
  });

  it("stays within Snowflake's 2,000 characters and keeps the run", () => {
    const tag = queryTag("weir", { kind: "sync", run: "r1", connection: "c".repeat(5000) }, { stream: "s".repeat(5000) });
    expect(tag.length).toBeLessThanOrEqual(2000);
    expect(JSON.parse(tag)).toMatchObject({ app: "weir", run: "r1" });
  });
});
