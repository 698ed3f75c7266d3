import { describe, expect, it } from "vitest";

import { relationNameFor } from "@/engine/transform/warehouses/relation-name";

describe("relationNameFor", () => {
  it("writes relations as each warehouse's build does", () => {
    expect(relationNameFor("duckdb")("silver", "customers")).toBe('"silver"."customers"');
    expect(relationNameFor("postgres-destination")("silver", 'odd "name"')).toBe('"silver"."odd ""name"""');
    expect(relationNameFor("snowflake")("silver", "customers")).toBe('"SILVER"."CUSTOMERS"');
    expect(relationNameFor("snowflake")("silver", "Mixed Case")).toBe('"SILVER"."Mixed Case"');
  });

  it("double-quotes relations of a connector that is no warehouse", () => {
    expect(relationNameFor("no-such-connector")("silver", 'odd "name"')).toBe('"silver"."odd ""name"""');
  });
});
