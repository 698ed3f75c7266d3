// Identifiers that need quoting, names at PostgreSQL's length limit, and columns that appear or disappear between runs (real PostgreSQL).
import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DDL_LOCK_KEY } from "@/connectors/postgres-destination/ddl-sql";
import {
  ID,
  NAME,
  type TPgFixture,
  UPDATED,
  buildBatch,
  buildPlan,
  createPgFixture,
  loadOnce,
  ts,
} from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TColumn, TSyncMode } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const MODES: TSyncMode[] = ["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_dedup"];
const WEIRD = ["order", "select", "user", "has space", "dot.ted", 'quo"te', "ünï", "MixedCase", "semi;colon", "dash-ed", "😀"];

describe("identifiers", () => {
  for (const mode of MODES) {
    it(`schema, table and column names that need quoting round-trip (${mode}, twice)`, async () => {
      const cols: TColumn[] = [
        { name: "order", type: { kind: "bigint" }, nullable: false },
        ...WEIRD.slice(1).map((n): TColumn => ({ name: n, type: { kind: "text" }, nullable: true })),
        { name: "user.updated", type: { kind: "timestamptz" }, nullable: true },
      ];
      const table = `select "${mode}".t ü`;
      const first = buildPlan({ table, namespace: 'user "schema".x', mode, columns: cols, primaryKey: ["order"], cursorField: "user.updated" });
      const row = (id: number, second: number) => [id, ...WEIRD.slice(1).map((n) => `${n}-${id}`), ts(second)];
      await loadOnce(fx, first, [[row(1, 1), row(2, 2)]]);
      const entry = await loadOnce(fx, { ...first, runId: randomUUID() }, [[row(1, 3)]]);
      expect(entry.state).toEqual({ cursor: ts(3) });
      const back = await fx.readTable(first.namespace, table, ["order", "😀", 'quo"te']);
      const expected =
        mode === "full_refresh_overwrite"
          ? [["1", "😀-1", 'quo"te-1']]
          : mode === "incremental_dedup"
            ? [
                ["1", "😀-1", 'quo"te-1'],
                ["2", "😀-2", 'quo"te-2'],
              ]
            : [
                ["1", "😀-1", 'quo"te-1'],
                ["1", "😀-1", 'quo"te-1'],
                ["2", "😀-2", 'quo"te-2'],
              ];
      expect(back).toEqual(expected);
      expect((await fx.listTables(first.namespace)).filter((t) => t.startsWith("_weir_"))).toEqual([]);
    });
  }

  it("names of exactly 63 bytes work in every mode; 64 bytes are refused before anything is created", async () => {
    const table = `t${"é".repeat(31)}`; // 63 bytes
    for (const mode of MODES) {
      const plan = buildPlan({
        table,
        mode,
        namespace: "long_names",
        columns: [{ ...ID, name: `c${"x".repeat(62)}` }, NAME, UPDATED],
        primaryKey: [`c${"x".repeat(62)}`],
      });
      await loadOnce(fx, plan, [[[1, "a", ts(1)]]]);
      await loadOnce(fx, { ...plan, runId: randomUUID() }, [[[1, "b", ts(2)]]]);
    }
    expect(await fx.listTables("long_names")).toEqual([table]);
    const tooLong = buildPlan({ table: `${table}x`, mode: "incremental_append", namespace: "long_names_refused" });
    await expect(loadOnce(fx, tooLong, [])).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/64 bytes long; PostgreSQL allows at most 63/),
    });
    expect(await fx.query("SELECT 1 FROM pg_namespace WHERE nspname = 'long_names_refused'")).toEqual([]);
  });

  it("maps batch columns by name, whatever their order, and leaves absent ones NULL; refuses batches PostgreSQL reads differently", async () => {
    const plan = buildPlan({ table: "reordered", mode: "full_refresh_append" });
    const session = await fx.open();
    try {
      await session.prepareStream(plan);
      const reordered = { ...plan, columns: [UPDATED, ID] };
      await session.writeBatch(plan, { ...buildBatch(reordered, [[ts(1), 7]]), columns: ["updated_at", "id"] });
      await expect(session.writeBatch(plan, { ...buildBatch(reordered, [[ts(1), 7]]), columns: ["updated_at", "nope"] })).rejects.toThrow(
        /a column the plan does not have: "nope"/,
      );
      await expect(session.writeBatch(plan, { ...buildBatch(plan, [[8, "x", ts(1)]]), rows: 2 })).rejects.toThrow(
        /declares 2 rows but PostgreSQL's CSV reader found 1/,
      );
      await expect(session.writeBatch(plan, { ...buildBatch(plan, [[8, "x", ts(1)]]), csv: Buffer.from("8,x\n") })).rejects.toThrow(
        /missing data for column "updated_at" \(line 1 of the batch, row id=8\)/,
      );
      await session.commitStream(plan, null);
    } finally {
      await session.close();
    }
    // the batch that declared the wrong count was staged, and a real attempt would have failed there; this one commits it
    expect(await fx.readTable("weir_test", "reordered", ["id", "name", "updated_at"])).toEqual([
      ["7", null, ts(1)],
      ["8", "x", ts(1)],
    ]);
  });
});

describe("a schema that does not exist yet", () => {
  const parked = async () => (await fx.listTables("_weir")).filter((t) => t.startsWith("_weir_stage_") || t.startsWith("_weir_new_"));

  for (const mode of ["full_refresh_overwrite", "incremental_append"] as TSyncMode[]) {
    it(`stages in _weir until the commit creates the schema; a failed first load leaves no schema (${mode})`, async () => {
      const namespace = `fresh_${mode}`;
      const cols: TColumn[] = [ID, { name: "n", type: { kind: "integer" }, nullable: true }, UPDATED];
      const bad = buildPlan({ table: "t", namespace, mode, columns: cols });
      await expect(loadOnce(fx, bad, [[[1, "x", ts(1)]]])).rejects.toMatchObject({ code: "DATA_REJECTED" });
      expect(await fx.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [namespace])).toEqual([]);
      const cleaner = await fx.open();
      await cleaner.discardStaging(bad).finally(() => cleaner.close()); // a failed COPY leaves the direct load's table to the engine's discard
      expect(await parked()).toEqual([]);

      const good = { ...bad, runId: randomUUID() };
      const session = await fx.open();
      try {
        await session.prepareStream(good);
        expect(await parked()).toHaveLength(1);
        await session.writeBatch(good, buildBatch(good, [[1, 5, ts(1)]]));
        await session.commitStream(good, null);
      } finally {
        await session.close();
      }
      expect(await parked()).toEqual([]);
      expect(await fx.readTable(namespace, "t", ["id", "n", "_weir_run_id"])).toEqual([["1", "5", good.runId]]);
    });
  }
});

describe("schema evolution", () => {
  const SCORE: TColumn = { name: "score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true };
  const TAGS: TColumn = { name: "tags", type: { kind: "array", items: { kind: "text" } }, nullable: true };

  for (const mode of MODES) {
    it(`adds columns that appear between runs, and keeps dropped ones NULL in new rows (${mode})`, async () => {
      const table = `evolve_${mode}`;
      const first = buildPlan({ table, mode });
      await loadOnce(fx, first, [[[1, "a", ts(1)]]]);
      const wider = { ...first, runId: randomUUID(), columns: [ID, UPDATED, SCORE, TAGS] }; // "name" dropped, two added
      await loadOnce(fx, wider, [[[2, ts(2), "-12.50", ["x", null]]]]);
      const back = await fx.readTable("weir_test", table, ["id", "name", "score", "tags"]);
      const newRow = ["2", null, "-12.50", '["x",null]'];
      expect(back).toEqual(mode === "full_refresh_overwrite" ? [newRow] : [["1", "a", null, null], newRow]);
      const types = await fx.query<{ attname: string; type: string }>(
        `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [`weir_test."${table}"`],
      );
      expect(types.map((t) => `${t.attname} ${t.type}`)).toEqual([
        "id bigint",
        "name text",
        "updated_at timestamp with time zone",
        "_weir_run_id text",
        "_weir_extracted_at timestamp with time zone",
        "_weir_stream text",
        "score numeric(12,2)",
        "tags text[]",
      ]);
    });
  }

  it("prepareStream changes nothing in the target; a commit that needs no DDL neither alters the table nor waits for the DDL lock", async () => {
    const plan = buildPlan({ table: "idem", mode: "incremental_append" });
    const session = await fx.open();
    try {
      await session.prepareStream(plan);
      expect(await fx.listColumns("weir_test", "idem")).toEqual([]);
    } finally {
      await session.close();
    }
    await loadOnce(fx, plan, [[[1, "a", ts(1)]]]);
    const before = await fx.query("SELECT xmin::text AS x FROM pg_class WHERE oid = 'weir_test.idem'::regclass");
    const wider = { ...plan, runId: randomUUID(), columns: [ID, NAME, UPDATED, { name: "extra", type: { kind: "integer" }, nullable: true } as TColumn] };
    const preparing = await fx.open();
    try {
      await preparing.prepareStream(wider);
      expect(await fx.listColumns("weir_test", "idem")).not.toContain("extra");
    } finally {
      await preparing.close();
    }
    // Another session holds the DDL lock: a commit that changes no catalogue entry does not wait for it.
    const holder = new pg.Client({ connectionString: fx.url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${DDL_LOCK_KEY})`);
      await loadOnce(fx, { ...plan, runId: randomUUID() }, [[[2, "b", ts(2)]]]);
    } finally {
      await holder.end();
    }
    expect(await fx.query("SELECT xmin::text AS x FROM pg_class WHERE oid = 'weir_test.idem'::regclass")).toEqual(before);
    expect(await fx.readTable("weir_test", "idem", ["id"])).toEqual([["1"], ["2"]]);
  });
});
