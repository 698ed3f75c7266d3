import { describe, expect, it } from "vitest";

import { type TSqlLineage, sqlLineage } from "@/engine/lineage/column-lineage";
import type { TColumnSource, TRelationColumns } from "@/engine/lineage/sql/column-lineage-types";

const BRONZE: TRelationColumns[] = [
  { relation: "bronze.public_customers", columns: ["id", "email", "full_name", "country", "created_at", "updated_at", "_weir_run_id"] },
  { relation: "bronze.public_orders", columns: ["id", "customer_id", "status", "ordered_at"] },
  { relation: "bronze.public_order_items", columns: ["id", "order_id", "product", "quantity", "unit_price"] },
];
const SILVER: TRelationColumns[] = [
  { relation: "silver.orders", columns: ["order_id", "customer_id", "status", "ordered_at", "order_date", "amount"] },
  { relation: "silver.customers", columns: ["customer_id", "email", "full_name", "country", "created_at", "updated_at"] },
];

// The product's demo models, as compiled.
const CUSTOMERS_SQL = `select id as customer_id, lower(trim(email)) as email, trim(full_name) as full_name, upper(trim(country)) as country, created_at, updated_at
from "bronze"."public_customers" qualify row_number() over (partition by id order by updated_at desc) = 1`;
const ORDERS_SQL = `select o.id as order_id, o.customer_id, lower(o.status) as status, o.ordered_at, cast(o.ordered_at as date) as order_date,
  coalesce(sum(i.quantity * i.unit_price), 0)::decimal(12, 2) as amount
from "bronze"."public_orders" o left join "bronze"."public_order_items" i on i.order_id = o.id group by all`;
const DAILY_REVENUE_SQL = `select o.order_date, c.country, count(*) as orders, sum(o.amount) as revenue
from "silver"."orders" o join "silver"."customers" c using (customer_id) where o.status in ('paid','shipped','delivered') group by all`;

function id(relation: string, column: string): TColumnSource {
  return { relation, column, transformation: "IDENTITY" };
}
function tr(relation: string, column: string): TColumnSource {
  return { relation, column, transformation: "TRANSFORMATION" };
}
function agg(relation: string, column: string): TColumnSource {
  return { relation, column, transformation: "AGGREGATION" };
}

/** The lineage, asserting it succeeded. */
async function lineage(sql: string, relations: readonly TRelationColumns[] = [...BRONZE, ...SILVER]): Promise<Extract<TSqlLineage, { ok: true }>> {
  const result = await sqlLineage(sql, relations);
  if (!result.ok) throw new Error(`expected lineage, got: ${result.error}`);
  return result;
}

/** Output columns as name → sources (and unresolved, when there is one). */
function byName(result: Extract<TSqlLineage, { ok: true }>): Record<string, unknown> {
  return Object.fromEntries(result.columns.map((c) => [c.name, c.unresolved ? { sources: c.sources, unresolved: c.unresolved } : c.sources]));
}

describe("sqlLineage", () => {
  it("traces a renamed column as IDENTITY", async () => {
    const result = await lineage("select id as customer_id, email from bronze.public_customers");
    expect(result).toEqual({
      ok: true,
      inputs: ["bronze.public_customers"],
      columns: [
        { name: "customer_id", sources: [id("bronze.public_customers", "id")] },
        { name: "email", sources: [id("bronze.public_customers", "email")] },
      ],
      indirect: [],
    });
  });

  it("traces the silver.customers demo model: functions transform, QUALIFY's window is indirect", async () => {
    const result = await lineage(CUSTOMERS_SQL, BRONZE);
    expect(result.inputs).toEqual(["bronze.public_customers"]);
    expect(byName(result)).toEqual({
      customer_id: [id("bronze.public_customers", "id")],
      email: [tr("bronze.public_customers", "email")],
      full_name: [tr("bronze.public_customers", "full_name")],
      country: [tr("bronze.public_customers", "country")],
      created_at: [id("bronze.public_customers", "created_at")],
      updated_at: [id("bronze.public_customers", "updated_at")],
    });
    expect(result.indirect).toEqual([id("bronze.public_customers", "id"), id("bronze.public_customers", "updated_at")]);
  });

  it("traces the silver.orders demo model: an aggregate inside COALESCE and a cast is AGGREGATION", async () => {
    const result = await lineage(ORDERS_SQL, BRONZE);
    expect(result.inputs).toEqual(["bronze.public_order_items", "bronze.public_orders"]);
    expect(byName(result)).toEqual({
      order_id: [id("bronze.public_orders", "id")],
      customer_id: [id("bronze.public_orders", "customer_id")],
      status: [tr("bronze.public_orders", "status")],
      ordered_at: [id("bronze.public_orders", "ordered_at")],
      order_date: [tr("bronze.public_orders", "ordered_at")],
      amount: [agg("bronze.public_order_items", "quantity"), agg("bronze.public_order_items", "unit_price")],
    });
    // The join keys, and GROUP BY ALL's keys (every select item that does not aggregate).
    expect(result.indirect).toEqual([
      id("bronze.public_order_items", "order_id"),
      id("bronze.public_orders", "customer_id"),
      id("bronze.public_orders", "id"),
      id("bronze.public_orders", "ordered_at"),
      id("bronze.public_orders", "status"),
    ]);
  });

  it("traces the gold.daily_revenue demo model: count(*) has no sources, USING and WHERE columns are indirect", async () => {
    const result = await lineage(DAILY_REVENUE_SQL, SILVER);
    expect(result.inputs).toEqual(["silver.customers", "silver.orders"]);
    expect(result.columns).toEqual([
      { name: "order_date", sources: [id("silver.orders", "order_date")] },
      { name: "country", sources: [id("silver.customers", "country")] },
      { name: "orders", sources: [] },
      { name: "revenue", sources: [agg("silver.orders", "amount")] },
    ]);
    expect(result.indirect).toEqual(
      expect.arrayContaining([id("silver.orders", "status"), id("silver.orders", "customer_id"), id("silver.customers", "customer_id")]),
    );
    expect(result.indirect).toHaveLength(5);
  });

  it("follows a CTE chain with a join and an aggregate, the strongest transformation winning", async () => {
    const sql = `
      with items as (select order_id, quantity * unit_price as line_total from bronze.public_order_items),
      totals as (select order_id, sum(line_total) as total from items group by order_id),
      enriched as (select o.id, o.customer_id, t.total from bronze.public_orders o join totals t on t.order_id = o.id)
      select id as order_id, total, customer_id from enriched where total > 0`;
    const result = await lineage(sql, BRONZE);
    expect(result.inputs).toEqual(["bronze.public_order_items", "bronze.public_orders"]);
    expect(byName(result)).toEqual({
      order_id: [id("bronze.public_orders", "id")],
      // A plain select of `total` from the CTE that aggregated it stays an AGGREGATION.
      total: [agg("bronze.public_order_items", "quantity"), agg("bronze.public_order_items", "unit_price")],
      customer_id: [id("bronze.public_orders", "customer_id")],
    });
    // totals' order_id is a grouping key, not aggregated: the join on it reads it as IDENTITY.
    expect(result.indirect).toEqual([
      id("bronze.public_order_items", "order_id"),
      agg("bronze.public_order_items", "quantity"),
      agg("bronze.public_order_items", "unit_price"),
      id("bronze.public_orders", "id"),
    ]);
  });

  it("looks into subqueries in FROM", async () => {
    const result = await lineage(`select s.cid, s.n * 2 as doubled from (select customer_id as cid, count(order_id) as n from silver.orders group by 1) as s`);
    expect(byName(result)).toEqual({ cid: [id("silver.orders", "customer_id")], doubled: [agg("silver.orders", "order_id")] });
    expect(result.indirect).toEqual([id("silver.orders", "customer_id")]);
  });

  it("expands * across a join of known columns, a USING column once, and EXCLUDE / REPLACE / COLUMNS", async () => {
    const result = await lineage(`select * from silver.orders o join silver.customers c using (customer_id)`);
    expect(result.columns.map((c) => c.name)).toEqual([
      "order_id",
      "customer_id",
      "status",
      "ordered_at",
      "order_date",
      "amount",
      "email",
      "full_name",
      "country",
      "created_at",
      "updated_at",
    ]);
    expect(result.columns[1]).toEqual({ name: "customer_id", sources: [id("silver.orders", "customer_id")] });
    expect(result.columns[6]).toEqual({ name: "email", sources: [id("silver.customers", "email")] });

    const qualified = await lineage(
      `select c.* exclude (email, full_name) replace (upper(country) as country) from silver.orders o join silver.customers c on c.customer_id = o.customer_id`,
    );
    expect(byName(qualified)).toEqual({
      customer_id: [id("silver.customers", "customer_id")],
      country: [tr("silver.customers", "country")],
      created_at: [id("silver.customers", "created_at")],
      updated_at: [id("silver.customers", "updated_at")],
    });
    const columns = await lineage(`select columns('^order') from silver.orders`);
    expect(columns.columns.map((c) => c.name)).toEqual(["order_id", "ordered_at", "order_date"]);
  });

  it("expands * through CTEs, and says so when a table's columns are unknown", async () => {
    const through = await lineage(`with o as (select * from silver.orders) select * from o`);
    expect(through.columns).toHaveLength(6);
    expect(through.columns[5]).toEqual({ name: "amount", sources: [id("silver.orders", "amount")] });

    const unknown = await lineage(`with t as (select * from bronze.t) select *, x.* from t join silver.customers x using (customer_id)`);
    expect(unknown.inputs).toEqual(["bronze.t", "silver.customers"]);
    expect(unknown.columns[0]).toEqual({ name: "*", sources: [], unresolved: "columns of bronze.t are unknown, so * cannot be expanded" });
    // The USING column, placed with the right side's columns as the left side's cannot be listed.
    expect(unknown.columns[1]).toEqual({ name: "customer_id", sources: [id("bronze.t", "customer_id")] });
    expect(unknown.columns.slice(1).map((c) => c.name)).toEqual([
      "customer_id",
      "email",
      "full_name",
      "country",
      "created_at",
      "updated_at",
      "customer_id",
      "email",
      "full_name",
      "country",
      "created_at",
      "updated_at",
    ]);
    expect(unknown.indirect).toEqual([id("bronze.t", "customer_id"), id("silver.customers", "customer_id")]);
  });

  it("traces a column of a table of unknown columns only when that table is the sole FROM item", async () => {
    const sole = await lineage(`select a, t.b from raw.things t`, []);
    expect(byName(sole)).toEqual({ a: [id("raw.things", "a")], b: [id("raw.things", "b")] });

    const joined = await lineage(`select o.amount, label from silver.orders o join raw.labels l on l.order_id = o.order_id`);
    expect(byName(joined)).toEqual({
      amount: [id("silver.orders", "amount")],
      label: { sources: [], unresolved: 'column "label" is in none of o (silver.orders), and the columns of l (raw.labels) are unknown' },
    });
  });

  it("resolves a USING column to the left side (the right one for RIGHT joins, both for FULL joins)", async () => {
    const left = await lineage(`select customer_id, c.customer_id as c_id from silver.orders join silver.customers c using (customer_id)`);
    expect(byName(left)).toEqual({ customer_id: [id("silver.orders", "customer_id")], c_id: [id("silver.customers", "customer_id")] });
    expect(left.indirect).toEqual([id("silver.customers", "customer_id"), id("silver.orders", "customer_id")]);

    const right = await lineage(`select customer_id from silver.orders right join silver.customers using (customer_id)`);
    expect(right.columns[0]!.sources).toEqual([id("silver.customers", "customer_id")]);
    const full = await lineage(`select customer_id from silver.orders full join silver.customers using (customer_id)`);
    expect(full.columns[0]!.sources).toEqual([tr("silver.customers", "customer_id"), tr("silver.orders", "customer_id")]);
  });

  it("names both candidates of an ambiguous unqualified column, and every FROM item for a missing one", async () => {
    const result = await lineage(`select customer_id, email, nope from silver.orders o join silver.customers c on o.customer_id = c.customer_id`);
    expect(byName(result)).toEqual({
      customer_id: { sources: [], unresolved: 'column "customer_id" is ambiguous: it is in o (silver.orders), c (silver.customers)' },
      email: [id("silver.customers", "email")],
      nope: { sources: [], unresolved: 'column "nope" is in none of o (silver.orders), c (silver.customers)' },
    });
  });

  it("merges UNION ALL branches by position, named by the first", async () => {
    const result = await lineage(`select order_id as id, status from silver.orders union all select customer_id, 'customer' from silver.customers`);
    expect(result.inputs).toEqual(["silver.customers", "silver.orders"]);
    expect(byName(result)).toEqual({
      id: [id("silver.customers", "customer_id"), id("silver.orders", "order_id")],
      status: [id("silver.orders", "status")],
    });
  });

  it("makes columns used only in WHERE indirect, and counts a table read only there as an input", async () => {
    const result = await lineage(
      `select order_id from silver.orders o where o.status = 'paid' and exists (select 1 from raw.refunds r where r.order_id = o.order_id)`,
    );
    expect(result.inputs).toEqual(["raw.refunds", "silver.orders"]);
    expect(result.columns).toEqual([{ name: "order_id", sources: [id("silver.orders", "order_id")] }]);
    expect(result.indirect).toEqual([id("raw.refunds", "order_id"), id("silver.orders", "order_id"), id("silver.orders", "status")]);
  });

  it("returns DuckDB's message for SQL it cannot parse, and refuses more than one statement", async () => {
    expect(await sqlLineage("selec id from t", [])).toEqual({ ok: false, error: 'syntax error at or near "selec"' });
    expect(await sqlLineage("select 1; select 2", [])).toEqual({ ok: false, error: "The SQL holds 2 statements; a model is one SELECT." });
    const insert = await sqlLineage("insert into t values (1)", []);
    expect(insert.ok).toBe(false);
    expect(!insert.ok && insert.error).toMatch(/plain SELECT/);
  });

  it("lists a table missing from the relations as an input, lower-case, catalog dropped, bare names matched when unique", async () => {
    const result = await lineage(
      `select o.order_id, e.kind from warehouse.silver.orders o join "Raw"."Events" e on e.order_id = o.order_id join customers c using (customer_id)`,
    );
    expect(result.inputs).toEqual(["raw.events", "silver.customers", "silver.orders"]);
    expect(byName(result)).toEqual({ order_id: [id("silver.orders", "order_id")], kind: [id("raw.events", "kind")] });
  });

  it("reads SQL with comments and a trailing semicolon", async () => {
    const result = await lineage(`-- the customer's orders
      select /* the key */ order_id, amount -- money
      from silver.orders;  -- done
    `);
    expect(result.columns.map((c) => c.name)).toEqual(["order_id", "amount"]);
  });

  it("traces struct fields, window functions, literals and unaliased expressions", async () => {
    const result = await lineage(
      `select e.payload.kind, amount + 1, 'x' as lit, current_date as today, sum(amount) over (partition by customer_id order by ordered_at) as running, lag(status) over (order by ordered_at) as prev
       from raw.events e join silver.orders o on o.order_id = e.order_id`,
    );
    expect(result.columns).toEqual([
      { name: "kind", sources: [tr("raw.events", "payload")] },
      { name: "(amount + 1)", sources: [tr("silver.orders", "amount")] },
      { name: "lit", sources: [] },
      { name: "today", sources: [] },
      { name: "running", sources: [agg("silver.orders", "amount")] },
      { name: "prev", sources: [tr("silver.orders", "status")] },
    ]);
    expect(result.indirect).toEqual([
      id("raw.events", "order_id"),
      id("silver.orders", "customer_id"),
      id("silver.orders", "order_id"),
      id("silver.orders", "ordered_at"),
    ]);
  });

  it("reads PostgreSQL-style SQL: ::casts, ILIKE, DISTINCT ON, FILTER, string_agg … ORDER BY, ORDER BY an alias", async () => {
    const result = await lineage(`select distinct on (c.customer_id) c.customer_id, c.email::text as email,
        count(*) filter (where o.status ilike 'p%') as paid, string_agg(o.status, ',' order by o.ordered_at) as statuses, date_trunc('day', max(o.ordered_at)) as last_day
      from silver.customers c left join lateral (select * from silver.orders x where x.customer_id = c.customer_id) o on true
      group by c.customer_id, c.email order by c.customer_id, last_day desc`);
    expect(byName(result)).toEqual({
      customer_id: [id("silver.customers", "customer_id")],
      email: [tr("silver.customers", "email")],
      paid: [],
      statuses: [agg("silver.orders", "status")],
      last_day: [agg("silver.orders", "ordered_at")],
    });
    expect(result.indirect).toEqual([
      id("silver.customers", "customer_id"),
      id("silver.customers", "email"),
      id("silver.orders", "customer_id"),
      agg("silver.orders", "ordered_at"),
      id("silver.orders", "status"),
    ]);
  });

  it("traces recursive CTEs, VALUES, scalar and IN subqueries", async () => {
    const result = await lineage(`with recursive days(d) as (select min(order_date) from silver.orders union all select d + 1 from days where d < current_date)
      select d, v.label, (select sum(amount) from silver.orders o where o.order_date = days.d) as revenue, d in (select created_at from silver.customers) as signup
      from days, (values ('day')) v(label)`);
    expect(byName(result)).toEqual({
      d: [agg("silver.orders", "order_date")],
      label: [],
      revenue: [agg("silver.orders", "amount")],
      signup: [agg("silver.orders", "order_date")],
    });
    expect(result.indirect).toEqual([id("silver.customers", "created_at"), agg("silver.orders", "order_date")]);
  });

  it("gives the same answer to concurrent callers sharing the parser", async () => {
    const sqls = [CUSTOMERS_SQL, ORDERS_SQL, DAILY_REVENUE_SQL, CUSTOMERS_SQL, "selec", ORDERS_SQL];
    const together = await Promise.all(sqls.map((sql) => sqlLineage(sql, [...BRONZE, ...SILVER])));
    const oneByOne: TSqlLineage[] = [];
    for (const sql of sqls) oneByOne.push(await sqlLineage(sql, [...BRONZE, ...SILVER]));
    expect(together).toEqual(oneByOne);
    expect(together.map((r) => r.ok)).toEqual([true, true, true, true, false, true]);
  });
});
