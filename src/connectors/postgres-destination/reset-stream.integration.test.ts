// resetStream ("clear" in the UI) against a real PostgreSQL: state, boundary and objects forgotten in one transaction, the table dropped on request.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, buildBatch, buildPlan, createPgFixture, ts } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TWritePlan } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

/** One attempt committing `rows` with the ledger's state and the objects read. */
async function load(plan: TWritePlan, rows: unknown[][], objects: string[]) {
  const session = await fx.open();
  try {
    await session.prepareStream(plan);
    await session.writeBatch(plan, buildBatch(plan, rows));
    const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
    return await session.commitStream(plan, previous, { objects });
  } finally {
    await session.close();
  }
}

async function reset(plan: TWritePlan, dropTable: boolean, resetId = `reset:${randomUUID()}`) {
  const session = await fx.open();
  try {
    await session.resetStream({ connectionId: plan.connectionId, stream: plan.stream, namespace: plan.namespace, table: plan.table }, { dropTable, resetId });
    return { entry: await session.lastCommitted(plan.connectionId, plan.stream), objects: await session.seenObjects(plan.connectionId, plan.stream) };
  } finally {
    await session.close();
  }
}

const boundaryRows = (stream: string) => fx.query("SELECT cursor FROM _weir.boundary WHERE stream = $1", [stream]);

describe("resetStream", () => {
  it("works on a database Weir has never written to (it used to fail: attempt 0 is not a positive integer)", async () => {
    const plan = buildPlan({ table: "never", mode: "incremental_append" });
    const resetId = `reset:${randomUUID()}`;
    const { entry, objects } = await reset(plan, false, resetId);
    expect(entry).toMatchObject({ runId: resetId, attempt: 0, state: null, rows: 0 });
    expect(objects).toEqual([]);
  });

  it("forgets state, boundary and objects in one entry and keeps the table; the next run reads everything", async () => {
    const plan = buildPlan({ table: "cleared", mode: "incremental_append" });
    await load(plan, [[1, "a", ts(5)]], ["a.csv|1|1"]);
    expect(await boundaryRows(plan.stream)).toHaveLength(1);
    const { entry, objects } = await reset(plan, false);
    expect(entry).toMatchObject({ state: null, rows: 0 });
    expect(objects).toEqual([]);
    expect(await boundaryRows(plan.stream)).toEqual([]);
    // Nothing at the old boundary is dropped any more: the row read again is loaded again, as a run after a clear does.
    const again = await load({ ...plan, runId: randomUUID() }, [[1, "a", ts(5)]], []);
    expect(again).toMatchObject({ rows: 1, state: { cursor: ts(5) } });
    expect(await fx.readTable("weir_test", "cleared", ["id"])).toEqual([["1"], ["1"]]);
  });

  it("drops the table when asked, in the same transaction", async () => {
    const plan = buildPlan({ table: "cleared_drop", mode: "incremental_append" });
    await load(plan, [[1, "a", ts(5)]], []);
    await reset(plan, true);
    expect(await fx.listColumns("weir_test", "cleared_drop")).toEqual([]);
    expect((await load({ ...plan, runId: randomUUID() }, [[2, "b", ts(6)]], [])).rows).toBe(1);
    expect(await fx.readTable("weir_test", "cleared_drop", ["id"])).toEqual([["2"]]);
  });
});
