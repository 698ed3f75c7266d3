import { describe, expect, it } from "vitest";

import { connectorCatalog, toOutput } from "@/server/endpoints/endpoint-store";

const row = (connector: string) => ({
  id: "e1",
  name: "e",
  connector,
  config: {},
  lastCheckAt: null,
  lastCheckOk: null,
  lastCheckMessage: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe("the warehouse flag the UI reads", () => {
  it("is true exactly for destinations with the warehouse capability", () => {
    expect(connectorCatalog("destination").map((c) => [c.name, c.warehouse])).toEqual([
      ["duckdb", true],
      ["postgres-destination", true],
      ["snowflake", true],
    ]);
    expect(connectorCatalog("source").every((c) => c.warehouse === false)).toBe(true);
  });

  it("is on each endpoint's output", () => {
    expect(toOutput("destination", row("duckdb")).warehouse).toBe(true);
    expect(toOutput("source", row("postgres")).warehouse).toBe(false);
  });
});
