/**
 * The demo's silver and gold layers on top of the synced bronze tables, so a
 * new user sees a three-layer pipeline: cleaned customers and orders
 * (deduplicated, typed, standardised) and a daily revenue mart, with checks
 * that gate it. They read the demo connection with source(), so each
 * successful sync of it rebuilds them (engine/pipeline/after-sync.ts).
 * Created once; a user's later edits are theirs.
 */
import { db } from "@/db/client";
import type { TCheckKind } from "@/engine/quality/check-definition";
import { createCheck } from "@/server/transforms/check-store";
import { createModel } from "@/server/transforms/model-store";

const SYSTEM = { id: null, email: "demo" } as const;

const CUSTOMERS_SQL = `{{ config(materialized='table') }}
-- One row per customer: the newest version, with tidy values.
select
  id as customer_id,
  lower(trim(email)) as email,
  trim(full_name) as full_name,
  upper(trim(country)) as country,
  created_at,
  updated_at
from {{ source('shop → warehouse', 'public.customers') }}
qualify row_number() over (partition by id order by updated_at desc) = 1`;

const ORDERS_SQL = `{{ config(materialized='table') }}
-- Orders with their amount from the order items.
select
  o.id as order_id,
  o.customer_id,
  lower(o.status) as status,
  o.ordered_at,
  cast(o.ordered_at as date) as order_date,
  coalesce(sum(i.quantity * i.unit_price), 0)::decimal(12, 2) as amount
from {{ source('shop → warehouse', 'public.orders') }} o
left join {{ source('shop → warehouse', 'public.order_items') }} i on i.order_id = o.id
group by all`;

const DAILY_REVENUE_SQL = `{{ config(materialized='table') }}
-- Revenue per day and country from orders that were paid.
select
  o.order_date,
  c.country,
  count(*) as orders,
  sum(o.amount) as revenue
from {{ ref('orders') }} o
join {{ ref('customers') }} c using (customer_id)
where o.status in ('paid', 'shipped', 'delivered')
group by all`;

type TDemoCheck = { name: string; model: string; check: TCheckKind; severity: "warn" | "error" };

const CHECKS: TDemoCheck[] = [
  { name: "email not null", model: "customers", check: { kind: "not_null", column: "email" }, severity: "error" },
  { name: "customer_id unique", model: "customers", check: { kind: "unique", columns: ["customer_id"] }, severity: "error" },
  {
    name: "status known",
    model: "orders",
    check: { kind: "accepted_values", column: "status", values: ["placed", "paid", "shipped", "delivered", "cancelled"] },
    severity: "warn",
  },
  {
    name: "customer exists",
    model: "orders",
    check: { kind: "relationships", column: "customer_id", toSchema: "silver", toTable: "customers", toColumn: "customer_id" },
    severity: "error",
  },
];

export async function ensureDemoModels(destinationId: string): Promise<void> {
  if (await db().model.findFirst({ where: { name: { in: ["customers", "orders", "daily_revenue"] } } })) return;
  const common = { uniqueKey: [], owner: "demo", columnDescriptions: {}, schedule: null, destinationId, materialization: "table" as const };
  const customers = await createModel(
    { ...common, name: "customers", layer: "silver", sql: CUSTOMERS_SQL, description: "Shop customers, one row each, standardised." },
    SYSTEM,
  );
  const orders = await createModel({ ...common, name: "orders", layer: "silver", sql: ORDERS_SQL, description: "Shop orders with their amounts." }, SYSTEM);
  await createModel(
    {
      ...common,
      name: "daily_revenue",
      layer: "gold",
      sql: DAILY_REVENUE_SQL,
      description: "Paid revenue per day and country.",
      columnDescriptions: { revenue: "Sum of order amounts." },
    },
    SYSTEM,
  );
  const models = { customers, orders };
  for (const c of CHECKS) {
    const model = models[c.model as keyof typeof models];
    await createCheck(
      {
        name: c.name,
        destinationId,
        datasetSchema: model.schema,
        datasetTable: model.name,
        modelId: model.id,
        connectionId: null,
        stream: null,
        check: c.check,
        severity: c.severity,
        mostly: null,
      },
      SYSTEM,
    );
  }
}
