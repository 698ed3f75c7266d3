/**
 * Models through the tRPC procedures, against a real database: validation
 * of the template and the graph on every write, config() over the form,
 * compiled SQL, audit, and the guards on rename and delete.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let warehouseId: string;
let engineer: Awaited<ReturnType<typeof buildUser>>;
beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  engineer = await buildUser({ role: "engineer" });
  warehouseId = (await db().destination.create({ data: { name: "Models warehouse", connector: "duckdb", config: {} } })).id;
});
afterAll(() => teardown());

const model = (name: string, sql: string, over: Record<string, unknown> = {}) => ({ name, layer: "silver" as const, sql, destinationId: warehouseId, ...over });

describe("model procedures", () => {
  it("creates models whose refs resolve, applies config() over the form, audits, and compiles the SQL", async () => {
    const api = callerFor(engineer);
    const base = await api.model.create(model("customers_clean", "select * from bronze.shop_customers"));
    expect(base).toMatchObject({
      name: "customers_clean",
      schema: "silver",
      materialization: "view",
      refs: [],
      destination: { id: warehouseId, connector: "duckdb" },
    });
    const mart = await api.model.create(
      model(
        "customer_counts",
        "{{ config(materialized='incremental', unique_key='country') }}\nselect country, count(*) as n from {{ ref('customers_clean') }}\n{% if is_incremental() %}where true{% endif %}\ngroup by 1",
        {
          layer: "gold",
          materialization: "view",
        },
      ),
    );
    expect(mart).toMatchObject({ schema: "gold", materialization: "incremental", uniqueKey: ["country"], refs: ["customers_clean"] });
    expect(await db().auditEvent.findFirst({ where: { targetId: mart.id, action: "model.create" } })).toMatchObject({ actorId: engineer.id });

    const compiled = await callerFor(await buildUser({ role: "viewer" })).model.compile({
      name: mart.name,
      sql: mart.sql,
      destinationId: warehouseId,
      isIncremental: true,
    });
    expect(compiled.sql).toBe(`select country, count(*) as n from "silver"."customers_clean"\nwhere true\ngroup by 1`);
    expect((await api.model.list()).map((m) => m.name)).toEqual(expect.arrayContaining(["customers_clean", "customer_counts"]));
  });

  it("refuses unknown refs, cycles and unsupported templates, naming them", async () => {
    const api = callerFor(engineer);
    await expect(api.model.create(model("orphan", "select * from {{ ref('nowhere') }}"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/"orphan" refers to "nowhere"/),
    });
    const a = await api.model.create(model("cycle_a", "select 1 as x"));
    await api.model.create(model("cycle_b", "select * from {{ ref('cycle_a') }}"));
    await expect(api.model.update({ id: a.id, sql: "select * from {{ ref('cycle_b') }}" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/cycle: cycle_a → cycle_b → cycle_a/),
    });
    await expect(api.model.create(model("sneaky", "select {{ this.constructor }}"))).rejects.toMatchObject({
      message: expect.stringMatching(/^Model "sneaky", line 1, column \d+: attribute or index lookup is not supported/),
    });
    await expect(api.model.create(model("bad name!", "select 1"))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/name/) });
    await expect(api.model.create(model("dup", "select 1"))).resolves.toBeTruthy();
    await expect(api.model.create(model("dup", "select 2"))).rejects.toMatchObject({ code: "CONFLICT", message: 'name: a model named "dup" already exists.' });
    await expect(api.model.create(model("cron_bad", "select 1", { schedule: "every day" }))).rejects.toMatchObject({
      message: expect.stringMatching(/schedule: "every day" must have five fields/),
    });
  });

  it("will not rename or delete a model others ref", async () => {
    const api = callerFor(engineer);
    const parent = await api.model.create(model("parent_m", "select 1 as x"));
    const child = await api.model.create(model("child_m", "select * from {{ ref('parent_m') }}"));
    await expect(api.model.update({ id: parent.id, name: "parent_renamed" })).rejects.toMatchObject({
      message: expect.stringMatching(/"child_m" ref\("parent_m"\)/),
    });
    await expect(api.model.delete({ id: parent.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await api.model.delete({ id: child.id });
    await api.model.delete({ id: parent.id });
    await expect(api.model.get({ id: parent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("builds models only in warehouses", async () => {
    const source = await db().destination.create({ data: { name: "Not a warehouse", connector: "files-out", config: {} } });
    await expect(callerFor(engineer).model.create(model("nowhere_m", "select 1", { destinationId: source.id }))).rejects.toMatchObject({
      message: expect.stringMatching(/built in warehouse destinations \(DuckDB, PostgreSQL, Snowflake\)/),
    });
  });
});
