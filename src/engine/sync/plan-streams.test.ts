import { describe, expect, it } from "vitest";
import { buildWritePlan, destinationTable } from "@/engine/sync/plan-streams";

describe("destinationTable", () => {
  it("keeps the table name for the default schema and prefixes other schemas", () => {
    expect(destinationTable("", "public.orders")).toBe("orders");
    expect(destinationTable("shop_", "public.orders")).toBe("shop_orders");
    expect(destinationTable("", "sales.orders")).toBe("sales_orders");
    expect(destinationTable("raw_", "orders/*.csv")).toBe("raw_orders/*.csv");
  });
});

describe("buildWritePlan", () => {
  it("carries the stream settings into the plan", () => {
    const plan = buildWritePlan({
      connectionId: "c",
      runId: "r",
      attempt: 2,
      namespace: "bronze",
      tablePrefix: "shop_",
      settings: { stream: "public.customers", syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: ["id"] },
      columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }],
    });
    expect(plan).toMatchObject({ table: "shop_customers", mode: "incremental_dedup", cursorField: "updated_at", primaryKey: ["id"], attempt: 2 });
  });
});
