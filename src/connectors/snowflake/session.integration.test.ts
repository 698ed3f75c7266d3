// What a Snowflake load sends over the wire (as the emulator received it): staged files of a bounded size, a QUERY_TAG on every statement, the query ids kept for the run page.
import { randomBytes, randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSnowflakeFixture, createSnowflakeFixture, emulatorQueries, testContext } from "@/connectors/snowflake/snowflake-fixture";
import { connector } from "@/connectors/snowflake/destination";
import { buildBatch, loadOnce, planBuilder, ts } from "@/connectors/testing/load-builders";
import type { TColumn } from "@/connectors/types";

let fx: TSnowflakeFixture;
beforeAll(async () => {
  fx = await createSnowflakeFixture();
});
afterAll(async () => {
  await fx?.teardown();
});

const buildPlan = planBuilder({ connectionId: "conn-snowflake-wire", namespace: "wire" });
const BLOB: TColumn = { name: "payload", type: { kind: "text" }, nullable: true };

describe("a Snowflake load on the wire", () => {
  it("gzips batches into files of about the configured size, PUTs and COPYs each once, tags every statement with the run, and hands over the query ids", async () => {
    const plan = buildPlan({
      table: "big",
      mode: "incremental_append",
      columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }, BLOB, { name: "updated_at", type: { kind: "timestamptz" }, nullable: false }],
    });
    const attribution = { kind: "sync" as const, run: plan.runId, connection: plan.connectionId };
    const session = await connector.open({ ...fx.config, fileMb: 1, queryTag: "weir-test-app" }, { ...testContext(), attribution });
    const before = (await emulatorQueries()).length;
    let ids: string[] | undefined;
    try {
      await session.discardStaging(plan);
      await session.prepareStream(plan);
      // 12 batches of 1,000 rows with 256 random bytes each (as hex: ~6 MB, ~3 MB gzipped): about three 1 MB files.
      for (let b = 0; b < 12; b++) {
        const rows = Array.from({ length: 1000 }, (_, i) => [b * 1000 + i, randomBytes(256).toString("hex"), ts(b)]);
        await session.writeBatch(plan, buildBatch(plan, rows));
      }
      const entry = await session.commitStream(plan, null);
      expect(entry).toMatchObject({ rows: 12_000, state: { cursor: ts(11) } });
      ids = session.takeQueryIds?.() ?? [];
    } finally {
      await session.close();
    }
    const received = (await emulatorQueries()).slice(before);
    const sent = received.filter((q) => q.queryTag?.includes(plan.runId));
    const puts = sent.filter((q) => /^PUT /.test(q.sqlText));
    const copies = sent.filter((q) => /^COPY INTO /.test(q.sqlText));
    expect(puts.length).toBeGreaterThanOrEqual(2);
    expect(puts.length).toBeLessThanOrEqual(5);
    expect(copies).toHaveLength(puts.length);
    expect(sent.filter((q) => /^INSERT INTO "WIRE"\."BIG"/.test(q.sqlText))).toHaveLength(1);
    // The commit, after the last file's rows were stamped: few statements, each a round trip. Columns, cursor with the recorded
    // boundary, schema (new here: created, then the session back in its own), the new table; one transaction with rows, boundary
    // and ledger; then the staging dropped and old boundaries pruned.
    const stamped = sent.map((q) => q.sqlText.startsWith("UPDATE ")).lastIndexOf(true);
    const commit = sent.slice(stamped + 1).map((q) => /^\w+/.exec(q.sqlText)?.[0]);
    expect(commit).toEqual(["SELECT", "SELECT", "SELECT", "CREATE", "USE", "CREATE", "BEGIN", "INSERT", "INSERT", "INSERT", "COMMIT", "DROP", "DELETE"]);
    // Each statement carried the run's tag; the only untagged requests are the driver's own second asks for a PUT's upload URL.
    for (const q of sent)
      expect(JSON.parse(q.queryTag!)).toEqual({ app: "weir-test-app", kind: "sync", run: plan.runId, connection: plan.connectionId, stream: plan.stream });
    expect(received.filter((q) => !q.queryTag && !/^PUT 'file:\/\/_weir_stage_/.test(q.sqlText)).map((q) => q.sqlText)).toEqual([]);
    // Each that got a query id (the emulator gives PUT none) was handed over for the run page.
    expect(sent.filter((q) => q.queryId).map((q) => q.queryId)).toEqual(ids);
    expect(sent.some((q) => /\bSELECT\b|\bBEGIN\b|\bCOMMIT\b/.test(q.sqlText))).toBe(true);
    expect(await fx.query('SELECT COUNT(*) AS n, COUNT(DISTINCT "ID") AS ids FROM "WIRE"."BIG"')).toEqual([{ n: 12_000, ids: 12_000 }]);
  });

  it("a new stream with lower-case names is stored upper-case, so unquoted SQL finds it; other names keep their case", async () => {
    const plan = buildPlan({
      table: "Mixed Case",
      mode: "full_refresh_append",
      columns: [
        { name: "id", type: { kind: "bigint" }, nullable: false },
        { name: "customerId", type: { kind: "text" }, nullable: true },
      ],
    });
    const session = await fx.openSession();
    try {
      await session.prepareStream(plan);
      await session.writeBatch(plan, buildBatch(plan, [[1, "c-1"]]));
      await session.commitStream(plan, null);
    } finally {
      await session.close();
    }
    expect(await fx.query('SELECT id, "customerId" AS c, _weir_run_id AS r FROM wire."Mixed Case"')).toEqual([{ id: 1, c: "c-1", r: plan.runId }]);
    const columns = await fx.query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'WIRE' AND table_name = 'Mixed Case' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["ID", "customerId", "_WEIR_RUN_ID", "_WEIR_EXTRACTED_AT", "_WEIR_STREAM"]);
  });

  it("refuses a stream whose column names collide once upper-cased", async () => {
    const plan = buildPlan({
      table: "clash",
      mode: "full_refresh_append",
      runId: randomUUID(),
      columns: [
        { name: "id", type: { kind: "bigint" }, nullable: false },
        { name: "ID", type: { kind: "text" }, nullable: true },
      ],
    });
    const session = await fx.openSession();
    try {
      await expect(session.prepareStream(plan)).rejects.toThrow(/columns "id" and "ID" are both stored as ID/);
    } finally {
      await session.close();
    }
  });

  it("a stream committed before boundaries existed (a saved cursor, no boundary) reads as strictly after it once: nothing loaded twice", async () => {
    const first = buildPlan({ table: "legacy", mode: "incremental_append", runId: randomUUID() });
    const open = () => fx.openSession();
    await loadOnce(open, first, [
      [
        [1, "a", ts(5)],
        [2, "b", ts(3)],
      ],
    ]);
    await fx.query(`DELETE FROM _WEIR.LEDGER_KEYS WHERE "STREAM" = 'public.legacy'`); // as an upgraded ledger is
    const entry = await loadOnce(open, { ...first, runId: randomUUID() }, [
      [
        [1, "a", ts(5)],
        [3, "c", ts(6)],
      ],
    ]);
    expect(entry.rows).toBe(1);
    expect((await fx.readTable("wire", "legacy", ["id"])).map((r) => r[0]).sort()).toEqual(["1", "2", "3"]);
    const next = await loadOnce(open, { ...first, runId: randomUUID() }, [
      [
        [3, "c", ts(6)],
        [4, "d", ts(6)],
      ],
    ]);
    expect(next.rows).toBe(1);
  });
});
