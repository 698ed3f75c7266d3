/**
 * Type changes the destination cannot apply by itself, through the sync
 * job's logic and the procedures' services, into a real DuckDB file and a
 * real PostgreSQL database: the connection pauses before loading with the
 * three choices; each choice (cast, ignore, rebuild) ends in a working
 * stream and the connection resumes after the last one. A value the cast
 * cannot hold, and a stored type the destination refuses at its commit,
 * pause the connection too instead of failing every run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { getConnection, setConnectionStatus, updateConnection } from "@/server/connections/connection-store";
import { resolveTypeChange } from "@/server/connections/resolve-type-change";
import { getRun } from "@/server/connections/run-store";
import { ACTOR, setUpSyncScene, type TSyncScene, type TTestDestination } from "@/server/testing/sync-scene";

const KINDS = ["duckdb", "postgres"] as const;
type TKind = (typeof KINDS)[number];
const TEXT: Record<TKind, string> = { duckdb: "VARCHAR", postgres: "text" };
const INTEGER: Record<TKind, string> = { duckdb: "INTEGER", postgres: "integer" };
const BIGINT: Record<TKind, string> = { duckdb: "BIGINT", postgres: "bigint" };

const table = (name: string, type: string, values: string) => `
  CREATE TABLE ${name} (id bigint PRIMARY KEY, c ${type}, updated_at timestamptz NOT NULL);
  INSERT INTO ${name} SELECT g, ${values}, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;`;

const SOURCE = [
  table("t_cast", "text", "g::text"),
  table("t_ignore", "text", "g::text"),
  table("t_rebuild", "text", "g::text"),
  table("t_overflow", "integer", "g"),
  table("t_saved", "text", "g::text"),
  table("t_dba", "integer", "g"),
].join("\n");

let scene: TSyncScene;
const scenes = new Map<string, { id: string; d: TTestDestination; ns: string }>();

beforeAll(async () => {
  scene = await setUpSyncScene(SOURCE);
  for (const kind of KINDS) {
    const d = kind === "duckdb" ? await scene.duckdb("wh_choices") : await scene.postgres("pg_choices");
    const make = async (
      name: string,
      policy: "propagate" | "ignore",
      streams: { stream: string; syncMode: "incremental_dedup" | "incremental_append" | "full_refresh_overwrite" }[],
    ) => {
      const ns = `${name}_${kind}`;
      const id = await scene.connect({
        name: `${name} ${kind}`,
        destinationId: d.id,
        namespace: ns,
        policy,
        streams: streams.map((s) => ({ ...s, selected: true, primaryKey: [], cursorField: s.syncMode === "full_refresh_overwrite" ? null : "updated_at" })),
      });
      expect((await scene.run(id)).error, `first run of ${name} ${kind}`).toBeUndefined();
      scenes.set(`${name}/${kind}`, { id, d, ns });
    };
    await make("choices", "propagate", [
      { stream: "public.t_cast", syncMode: "incremental_dedup" },
      { stream: "public.t_ignore", syncMode: "incremental_append" },
      { stream: "public.t_rebuild", syncMode: "full_refresh_overwrite" },
    ]);
    await make("overflow", "ignore", [{ stream: "public.t_overflow", syncMode: "incremental_append" }]);
    await make("saved", "propagate", [{ stream: "public.t_saved", syncMode: "incremental_append" }]);
    await make("dba", "propagate", [{ stream: "public.t_dba", syncMode: "incremental_append" }]);
  }
  await scene.source.exec(`
    ALTER TABLE t_cast ALTER COLUMN c TYPE integer USING c::integer; INSERT INTO t_cast VALUES (4, 40, '2024-02-01');
    ALTER TABLE t_ignore ALTER COLUMN c TYPE integer USING c::integer; INSERT INTO t_ignore VALUES (4, 40, '2024-02-01');
    ALTER TABLE t_rebuild ALTER COLUMN c TYPE integer USING c::integer; INSERT INTO t_rebuild VALUES (4, 40, '2024-02-01');
    ALTER TABLE t_overflow ALTER COLUMN c TYPE bigint; INSERT INTO t_overflow VALUES (4, 5000000000, '2024-02-01');
    ALTER TABLE t_saved ALTER COLUMN c TYPE integer USING c::integer; INSERT INTO t_saved VALUES (4, 40, '2024-02-01');
    INSERT INTO t_dba VALUES (5, 50, '2024-02-01');`);
});

afterAll(async () => {
  await scene?.teardown();
});

describe.each(KINDS)("type changes that need a choice, into %s", (kind) => {
  it("text → integer pauses with the three choices; cast, ignore and rebuild each end in a working stream", async () => {
    const { id, d, ns } = scenes.get(`choices/${kind}`)!;
    const paused = await scene.run(id);
    expect(paused.error?.code).toBe("SCHEMA_CHANGED");
    const connection = await getConnection(id);
    expect(connection.status).toBe("paused");
    expect(connection.pausedReason).toContain(
      "The destination cannot convert public.t_cast.c from text to integer by itself. Choose on the connection page: rebuild the table from scratch, keep text and cast new values into it, or ignore the column.",
    );
    expect(connection.streams.map((s) => s.typeConflicts)).toEqual([1, 2, 3].map(() => [{ column: "c", fromType: "text", toType: "integer" }]));
    expect(await d.columnType(ns, "t_cast", "c")).toBe(TEXT[kind]);
    // Resuming without a choice is refused: it would fail the same way.
    await expect(setConnectionStatus(id, "active", ACTOR)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/public\.t_cast\.c \(text → integer\)/),
    });

    await resolveTypeChange({ id, stream: "public.t_cast", column: "c", choice: "cast" }, ACTOR);
    await resolveTypeChange({ id, stream: "public.t_ignore", column: "c", choice: "ignore" }, ACTOR);
    expect((await getConnection(id)).status).toBe("paused");
    await resolveTypeChange({ id, stream: "public.t_rebuild", column: "c", choice: "rebuild" }, ACTOR);
    const resumed = await getConnection(id);
    expect(resumed).toMatchObject({ status: "active", pausedReason: null });
    expect(await d.tables(ns)).not.toContain("t_rebuild"); // dropped, to be built again

    for (const attempt of ["after the choices", "and the run after"]) {
      const run = await scene.run(id);
      expect(run.error, attempt).toBeUndefined();
    }
    expect(await d.columnType(ns, "t_cast", "c")).toBe(TEXT[kind]);
    expect(await d.value(ns, "t_cast", "c", 4)).toBe("40");
    expect(await d.columnType(ns, "t_ignore", "c")).toBe(TEXT[kind]);
    expect(await d.value(ns, "t_ignore", "c", 4)).toBeNull();
    expect(await d.value(ns, "t_ignore", "c", 1)).toBe("1");
    expect(await d.columnType(ns, "t_rebuild", "c")).toBe(INTEGER[kind]);
    expect(await d.query(`SELECT CAST(c AS VARCHAR) AS v FROM ${ns}.t_rebuild ORDER BY id`)).toEqual(["1", "2", "3", "40"].map((v) => ({ v })));
    const resolved = await db().schemaChangeEvent.findMany({
      where: { connectionId: id, action: { in: ["cast", "column ignored", "rebuilt"] } },
      orderBy: { stream: "asc" },
    });
    expect(resolved.map((e) => `${e.stream} ${e.action}`)).toEqual(["public.t_cast cast", "public.t_ignore column ignored", "public.t_rebuild rebuilt"]);
    expect(await db().auditEvent.count({ where: { targetId: id, action: "connection.resolve_type_change" } })).toBe(3);
  });

  it("a value the cast cannot hold fails once and pauses with the choices; rebuild takes the new type", async () => {
    const { id, d, ns } = scenes.get(`overflow/${kind}`)!;
    const failed = await scene.run(id);
    expect(failed.error?.code).toBe("DATA_REJECTED");
    const run = await getRun(failed.runId);
    expect(run).toMatchObject({ status: "failed", attempts: 1, rows: 0 });
    expect(run.error).toMatch(/5000000000/);
    const connection = await getConnection(id);
    expect(connection.status).toBe("paused");
    expect(connection.pausedReason).toContain("public.t_overflow.c is kept as integer while the source now has bigint");
    expect(connection.streams[0]!.typeConflicts).toEqual([{ column: "c", fromType: "integer", toType: "bigint" }]);

    await resolveTypeChange({ id, stream: "public.t_overflow", column: "c", choice: "rebuild" }, ACTOR);
    expect((await getConnection(id)).status).toBe("active");
    expect((await scene.run(id)).error).toBeUndefined();
    expect(await d.columnType(ns, "t_overflow", "c")).toBe(BIGINT[kind]);
    expect(await d.value(ns, "t_overflow", "c", 4)).toBe("5000000000");
  });

  it("saving the streams after discovering the new type does not accept it: the run pauses with the choices", async () => {
    const { id, d, ns } = scenes.get(`saved/${kind}`)!;
    await scene.rediscover();
    const before = await getConnection(id);
    await updateConnection(
      {
        id,
        streams: before.streams.map((s) => ({
          stream: s.stream,
          selected: s.selected,
          syncMode: s.syncMode,
          cursorField: s.cursorField,
          primaryKey: s.primaryKey,
        })),
      },
      ACTOR,
    );
    expect((await getConnection(id)).streams[0]!.columns.find((c) => c.name === "c")?.type).toEqual({ kind: "text" });
    const failed = await scene.run(id);
    expect(failed.error?.code).toBe("SCHEMA_CHANGED");
    expect((await getConnection(id)).streams[0]!.typeConflicts).toEqual([{ column: "c", fromType: "text", toType: "integer" }]);
    await resolveTypeChange({ id, stream: "public.t_saved", column: "c", choice: "cast" }, ACTOR);
    expect((await scene.run(id)).error).toBeUndefined();
    expect(await d.value(ns, "t_saved", "c", 4)).toBe("40");
  });

  it("a stored type the destination refuses at its commit pauses the connection instead of failing every run", async () => {
    const { id, d, ns } = scenes.get(`dba/${kind}`)!;
    // Someone widened the stored column by hand; the plan's integer is not a widening of it.
    await d.query(`ALTER TABLE ${ns}.t_dba ALTER COLUMN c TYPE BIGINT`);
    const failed = await scene.run(id);
    expect(failed.error?.code).toBe("SCHEMA_CHANGED");
    expect(await getRun(failed.runId)).toMatchObject({ status: "failed", attempts: 1, rows: 0 });
    const connection = await getConnection(id);
    expect(connection.status).toBe("paused");
    expect(connection.pausedReason).toMatch(/t_dba/);
    expect(connection.streams[0]!.typeConflicts).toEqual([{ column: "c", fromType: "bigint", toType: "integer" }]);
    expect(await d.columnType(ns, "t_dba", "c")).toBe(BIGINT[kind]);

    await resolveTypeChange({ id, stream: "public.t_dba", column: "c", choice: "cast" }, ACTOR);
    expect((await scene.run(id)).error).toBeUndefined();
    expect(await d.value(ns, "t_dba", "c", 5)).toBe("50");
    expect(await d.columnType(ns, "t_dba", "c")).toBe(BIGINT[kind]);
  });
});
