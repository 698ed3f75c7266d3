import { describe, expect, it } from "vitest";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { destinationTable } from "@/lib/destination-table";

describe("destinationTable", () => {
  it("keeps the table name for the default schema and prefixes other schemas", () => {
    expect(destinationTable("", "public.orders", "public")).toBe("orders");
    expect(destinationTable("shop_", "public.orders", "public")).toBe("shop_orders");
    expect(destinationTable("", "sales.orders", "sales")).toBe("sales_orders");
    expect(destinationTable("", "sales.q1.orders", "sales")).toBe("sales_q1.orders");
    expect(destinationTable("raw_", "orders.v2")).toBe("raw_orders.v2");
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
      settings: { stream: "public.customers", namespace: "public", syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: ["id"] },
      columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }],
    });
    expect(plan).toMatchObject({ table: "shop_customers", mode: "incremental_dedup", cursorField: "updated_at", primaryKey: ["id"], attempt: 2 });
  });
});
