/**
 * The behaviour every warehouse must have for model builds, as a vitest
 * suite run against each real warehouse (DuckDB file, PostgreSQL database):
 * each materialization, incremental correctness across three runs, failed
 * builds leaving the previous relation in place, and SQL errors that name
 * the model and the line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TBuildRequest, TMaterialization, TWarehouse } from "@/connectors/warehouse-types";
import { AppError } from "@/lib/app-error";

export type TWarehouseTarget = {
  open(): Promise<TWarehouse>;
  /** Runs statements on a connection of its own. */
  exec(sql: string): Promise<void>;
  /** Rows as text (null for NULL), sorted. */
  rows(sql: string): Promise<(string | null)[][]>;
  teardown(): Promise<void>;
};

const SCHEMA = "silver";

/** Tables and views named `name` in SCHEMA, as one row (tables, views); portable across warehouses (Snowflake's emulator lists views only in information_schema.views). */
const relationKindSql = (name: string) =>
  `SELECT (SELECT count(*) FROM information_schema.tables WHERE lower(table_schema) = '${SCHEMA}' AND lower(table_name) = '${name}' AND table_type = 'BASE TABLE') AS tables, ` +
  `(SELECT count(*) FROM information_schema.views WHERE lower(table_schema) = '${SCHEMA}' AND lower(table_name) = '${name}') AS views`;

export type TWarehouseSuiteOptions = {
  /** Whether SQL errors carry the line of the model's SQL (the Snowflake emulator re-writes SQL on one line before running it). Default true. */
  errorLines?: boolean;
};

export function describeWarehouse(name: string, createTarget: () => Promise<TWarehouseTarget>, options: TWarehouseSuiteOptions = { errorLines: true }): void {
  describe(`${name} warehouse: model builds`, () => {
    let target: TWarehouseTarget;
    let warehouse: TWarehouse;
    const orders = () => warehouse.relation("bronze", "orders");
    const request = (model: string, materialization: TMaterialization, render: (incremental: boolean) => string, uniqueKey: string[] = []): TBuildRequest => ({
      model,
      schema: SCHEMA,
      name: model,
      materialization,
      uniqueKey,
      render,
    });

    beforeAll(async () => {
      target = await createTarget();
      await target.exec(`CREATE SCHEMA bronze`);
      await target.exec(`CREATE TABLE bronze.orders (id integer, customer text, amount numeric(12,2), updated_at integer)`);
      await target.exec(`INSERT INTO bronze.orders VALUES (1, 'ann', 10.00, 1), (2, 'bob', 20.50, 1), (3, 'ann', 5.25, 1)`);
      warehouse = await target.open();
    });
    afterAll(async () => {
      await warehouse?.close();
      await target?.teardown();
    });

    it("view: reads the source live, and is replaced when its columns change", async () => {
      const result = await warehouse.build(request("orders_view", "view", () => `select id, customer from ${orders()}`));
      expect(result).toMatchObject({ rows: null, incremental: false });
      expect(await target.rows(`SELECT count(*) FROM ${SCHEMA}.orders_view`)).toEqual([["3"]]);
      await warehouse.build(request("orders_view", "view", () => `select customer, sum(amount) as total from ${orders()} group by customer`));
      expect(await target.rows(`SELECT customer, CAST(total AS DECIMAL(12,2)) FROM ${SCHEMA}.orders_view`)).toEqual([
        ["ann", "15.25"],
        ["bob", "20.50"],
      ]);
    });

    it("table: built under a temporary name and swapped in; a failed build leaves the previous table and names the model and line", async () => {
      const first = await warehouse.build(
        request("customer_totals", "table", () => `select customer, sum(amount) as total\nfrom ${orders()}\ngroup by customer`),
      );
      expect(first).toMatchObject({ rows: 2, incremental: false });
      const failure = await warehouse
        .build(
          request("customer_totals", "table", () => `select customer,\n  sum(amount) as total\nfrom ${orders()}\nwhere no_such_column > 0\ngroup by customer`),
        )
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe("BAD_INPUT");
      expect((failure as AppError).message).toMatch(
        options.errorLines ? /^Model "customer_totals", line 4: .*no_such_column/is : /^Model "customer_totals"(, line \d+)?: .*no_such_column/is,
      );
      expect(await target.rows(`SELECT customer, CAST(total AS DECIMAL(12,2)) FROM ${SCHEMA}.customer_totals`)).toEqual([
        ["ann", "15.25"],
        ["bob", "20.50"],
      ]);
      const syntax = await warehouse
        .build(request("customer_totals", "table", () => `select customer\nfrom ${orders()}\nwhere id = 1)`))
        .catch((e: unknown) => e);
      expect((syntax as AppError).message).toMatch(
        options.errorLines
          ? /^Model "customer_totals", line 3: .*(syntax error|unexpected)/is
          : /^Model "customer_totals"(, line \d+)?: .*(syntax error|unexpected)/is,
      );
      expect(await target.rows(`SELECT count(*) FROM ${SCHEMA}.customer_totals`)).toEqual([["2"]]);
      expect(await target.rows(`SELECT count(*) FROM information_schema.tables WHERE table_name ILIKE '%weir_building%'`)).toEqual([["0"]]);
    });

    it("switches a model between view and table", async () => {
      await warehouse.build(request("switching", "view", () => `select id from ${orders()}`));
      await warehouse.build(request("switching", "table", () => `select id from ${orders()} where id > 1`));
      expect(await target.rows(relationKindSql("switching"))).toEqual([["1", "0"]]);
      await warehouse.build(request("switching", "view", () => `select id from ${orders()}`));
      expect(await target.rows(relationKindSql("switching"))).toEqual([["0", "1"]]);
      expect(await target.rows(`SELECT count(*) FROM ${SCHEMA}.switching`)).toEqual([["3"]]);
    });

    it("incremental: a full build first, then only new and changed rows, merged on the unique key, over three runs", async () => {
      const modes: boolean[] = [];
      const model = (incremental: boolean) => {
        modes.push(incremental);
        const filter = incremental ? `\nwhere updated_at > (select max(updated_at) from ${warehouse.relation(SCHEMA, "orders_inc")})` : "";
        return `select id, customer, amount, updated_at from ${orders()}${filter}`;
      };
      const build = () => warehouse.build(request("orders_inc", "incremental", model, ["id"]));
      expect(await build()).toMatchObject({ rows: 3, incremental: false });

      await target.exec(`UPDATE bronze.orders SET amount = 11.00, updated_at = 2 WHERE id = 1`);
      await target.exec(`INSERT INTO bronze.orders VALUES (4, 'cid', 7.00, 2)`);
      expect(await build()).toMatchObject({ rows: 2, incremental: true });

      await target.exec(`UPDATE bronze.orders SET customer = 'bobby', updated_at = 3 WHERE id = 2`);
      await target.exec(`INSERT INTO bronze.orders VALUES (5, 'dee', 1.50, 3)`);
      expect(await build()).toMatchObject({ rows: 2, incremental: true });

      expect(modes).toEqual([false, true, true]);
      // Exactly the source: every id once, with its latest values.
      expect(await target.rows(`SELECT id, customer, amount, updated_at FROM ${SCHEMA}.orders_inc`)).toEqual(
        await target.rows(`SELECT id, customer, amount, updated_at FROM bronze.orders`),
      );
      expect(await target.rows(`SELECT count(*) AS n, count(DISTINCT id) AS ids FROM ${SCHEMA}.orders_inc`)).toEqual([["5", "5"]]);
    });

    it("incremental without a unique key appends", async () => {
      const build = () => warehouse.build(request("orders_log", "incremental", () => `select id, updated_at from ${orders()} where id = 1`));
      await build();
      await build();
      expect(await target.rows(`SELECT count(*) FROM ${SCHEMA}.orders_log`)).toEqual([["2"]]);
    });
  });
}
