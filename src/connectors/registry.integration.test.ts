import { describe, expect, it } from "vitest";

import { DESTINATIONS, destinationConnector } from "@/connectors/registry";

describe("destination capabilities", () => {
  it("gives the warehouse capability to the destinations Weir builds models in", () => {
    expect(DESTINATIONS.filter((c) => c.warehouse).map((c) => c.name)).toEqual(["duckdb", "postgres-destination", "snowflake"]);
  });

  it("names relations and writes SQL in each warehouse's dialect without connecting", () => {
    const snowflake = destinationConnector("snowflake").warehouse!;
    expect(snowflake.relation("silver", "orders")).toBe('"SILVER"."ORDERS"');
    expect(snowflake.dialect.regexMatches("email", "'@'")).toBe("(REGEXP_INSTR(email, '@') > 0)");
    expect(destinationConnector("duckdb").warehouse!.dialect.regexMatches("email", "'@'")).toBe("regexp_matches(email, '@')");
    expect(destinationConnector("postgres-destination").warehouse!.dialect.quote('a"b')).toBe('"a""b"');
  });
});
