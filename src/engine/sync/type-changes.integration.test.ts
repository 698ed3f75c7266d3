/**
 * Type changes at the source under each schema-change policy, through the
 * sync job's logic, from a real PostgreSQL source into a real DuckDB file
 * and a real PostgreSQL database: integer → text, varchar(10) → text,
 * integer → bigint, numeric precision up and a renamed column (a drop and
 * an add), each in a different sync mode. Every case ends in a working
 * stream (propagate, ignore) or a paused connection with a clear reason
 * that resuming accepts (pause); never in a stream that fails forever.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { getConnection, setConnectionStatus } from "@/server/connections/connection-store";
import { getRun } from "@/server/connections/run-store";
import { ACTOR, setUpSyncScene, type TSyncScene, type TTestDestination } from "@/server/testing/sync-scene";

const KINDS = ["duckdb", "postgres"] as const;
const POLICIES = ["propagate", "pause", "ignore"] as const;
type TKind = (typeof KINDS)[number];
type TPolicy = (typeof POLICIES)[number];

const SOURCE = `
  CREATE TABLE int_text (id bigint PRIMARY KEY, c integer, updated_at timestamptz NOT NULL);
  CREATE TABLE varchar_text (id bigint PRIMARY KEY, code varchar(10), updated_at timestamptz NOT NULL);
  CREATE TABLE int_bigint (id bigint PRIMARY KEY, c integer, updated_at timestamptz NOT NULL);
  CREATE TABLE numeric_up (id bigint PRIMARY KEY, amount numeric(10,2), updated_at timestamptz NOT NULL);
  CREATE TABLE renamed (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
  INSERT INTO int_text SELECT g, g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;
  INSERT INTO varchar_text SELECT g, 'code ' || g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;
  INSERT INTO int_bigint SELECT g, g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;
  INSERT INTO numeric_up SELECT g, g * 1.25, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;
  INSERT INTO renamed SELECT g, 'name ' || g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3) g;`;

const CHANGE = `
  ALTER TABLE int_text ALTER COLUMN c TYPE text; INSERT INTO int_text VALUES (4, '42', '2024-02-01');
  ALTER TABLE varchar_text ALTER COLUMN code TYPE text; INSERT INTO varchar_text VALUES (4, 'longer than ten characters', '2024-02-01');
  ALTER TABLE int_bigint ALTER COLUMN c TYPE bigint; INSERT INTO int_bigint VALUES (4, 7, '2024-02-01');
  ALTER TABLE numeric_up ALTER COLUMN amount TYPE numeric(12,2); INSERT INTO numeric_up VALUES (4, 12.34, '2024-02-01');
  ALTER TABLE renamed RENAME COLUMN name TO title; INSERT INTO renamed VALUES (4, 'four', '2024-02-01');`;

const STREAMS = [
  { stream: "public.int_text", syncMode: "incremental_dedup", cursorField: "updated_at" },
  { stream: "public.varchar_text", syncMode: "incremental_append", cursorField: "updated_at" },
  { stream: "public.int_bigint", syncMode: "full_refresh_overwrite", cursorField: null },
  { stream: "public.numeric_up", syncMode: "full_refresh_append", cursorField: null },
  { stream: "public.renamed", syncMode: "incremental_dedup", cursorField: "updated_at" },
] as const;

/** The stored types each destination names: before the change, and after it propagated. */
const TYPES: Record<TKind, Record<"integer" | "bigint" | "text" | "numeric10" | "numeric12", string>> = {
  duckdb: { integer: "INTEGER", bigint: "BIGINT", text: "VARCHAR", numeric10: "DECIMAL(10,2)", numeric12: "DECIMAL(12,2)" },
  postgres: { integer: "integer", bigint: "bigint", text: "text", numeric10: "numeric(10,2)", numeric12: "numeric(12,2)" },
};

let scene: TSyncScene;
const connections = new Map<string, { id: string; destination: TTestDestination; namespace: string }>();
const key = (kind: TKind, policy: TPolicy) => `${kind}/${policy}`;

beforeAll(async () => {
  scene = await setUpSyncScene(SOURCE);
  for (const kind of KINDS) {
    for (const policy of POLICIES) {
      const destination = kind === "duckdb" ? await scene.duckdb(`wh_${policy}`) : await scene.postgres(`pg_${policy}`);
      const namespace = `tc_${policy}`;
      const id = await scene.connect({
        name: key(kind, policy),
        destinationId: destination.id,
        namespace,
        policy,
        streams: STREAMS.map((s) => ({ ...s, selected: true, primaryKey: [] })),
      });
      connections.set(key(kind, policy), { id, destination, namespace });
      const first = await scene.run(id);
      expect(first.error, `first run of ${key(kind, policy)}`).toBeUndefined();
    }
  }
  await scene.source.exec(CHANGE);
});

afterAll(async () => {
  await scene?.teardown();
});

/** After the change propagated: the new types, old values converted, the new row exact, the renamed column loaded. */
async function expectPropagated(kind: TKind, d: TTestDestination, ns: string) {
  const t = TYPES[kind];
  expect(await d.columnType(ns, "int_text", "c")).toBe(t.text);
  expect([await d.value(ns, "int_text", "c", 1), await d.value(ns, "int_text", "c", 4)]).toEqual(["1", "42"]);
  expect(await d.value(ns, "varchar_text", "code", 4)).toBe("longer than ten characters");
  expect(await d.columnType(ns, "int_bigint", "c")).toBe(t.bigint);
  expect(await d.value(ns, "int_bigint", "c", 4)).toBe("7");
  expect(await d.columnType(ns, "numeric_up", "amount")).toBe(t.numeric12);
  expect(await d.value(ns, "numeric_up", "amount", 4)).toBe("12.34");
  expect(await d.value(ns, "renamed", "title", 4)).toBe("four");
  expect(await d.value(ns, "renamed", "name", 4)).toBeNull(); // the dropped name stays, NULL in new rows
  expect(await d.value(ns, "renamed", "name", 1)).toBe("name 1");
}

describe.each(KINDS)("type changes into %s", (kind) => {
  it("propagate: widening changes are applied in the destination and the stream keeps working", async () => {
    const { id, destination, namespace } = connections.get(key(kind, "propagate"))!;
    const run = await scene.run(id);
    expect(run.error).toBeUndefined();
    await expectPropagated(kind, destination, namespace);
    const events = await db().schemaChangeEvent.findMany({ where: { connectionId: id }, orderBy: { column: "asc" } });
    expect(events.map((e) => `${e.stream} ${e.column} ${e.change} ${e.action}`).sort()).toEqual([
      "public.int_bigint c type_changed propagated",
      "public.int_text c type_changed propagated",
      "public.numeric_up amount type_changed propagated",
      "public.renamed name column_dropped propagated",
      "public.renamed title column_added propagated",
    ]);
    expect((await scene.run(id)).error, "the run after").toBeUndefined();
  });

  it("pause: the connection pauses before loading, naming each change; resume accepts them and the next run works", async () => {
    const { id, destination, namespace } = connections.get(key(kind, "pause"))!;
    const paused = await scene.run(id);
    expect(paused.error?.code).toBe("SCHEMA_CHANGED");
    const connection = await getConnection(id);
    expect(connection.status).toBe("paused");
    for (const part of [
      "public.int_text changed: c type changed (integer → text)",
      "public.int_bigint changed: c type changed (integer → bigint)",
      "public.numeric_up changed: amount type changed (numeric(10,2) → numeric(12,2))",
      "public.renamed changed: title added, name dropped",
    ]) {
      expect(connection.pausedReason).toContain(part);
    }
    expect(connection.pausedReason).not.toContain("varchar_text");
    expect((await getRun(paused.runId)).status).toBe("failed");
    expect(await destination.columnType(namespace, "int_text", "c")).toBe(TYPES[kind].integer); // nothing loaded, no DDL
    expect(connection.streams.filter((s) => s.pendingChanges).map((s) => s.stream)).toEqual([
      "public.int_bigint",
      "public.int_text",
      "public.numeric_up",
      "public.renamed",
    ]);

    await setConnectionStatus(id, "active", ACTOR);
    const resumed = await scene.run(id);
    expect(resumed.error, "the run after resume does not pause again").toBeUndefined();
    expect((await getConnection(id)).streams.some((s) => s.pendingChanges)).toBe(false);
    await expectPropagated(kind, destination, namespace);
    expect(await db().auditEvent.count({ where: { targetId: id, action: "connection.resume" } })).toBe(1);
  });

  it("ignore: the accepted columns keep their types, the new values are cast into them, and the stream keeps working", async () => {
    const { id, destination: d, namespace: ns } = connections.get(key(kind, "ignore"))!;
    const run = await scene.run(id);
    expect(run.error).toBeUndefined();
    const t = TYPES[kind];
    expect(await d.columnType(ns, "int_text", "c")).toBe(t.integer);
    expect(await d.value(ns, "int_text", "c", 4)).toBe("42");
    expect(await d.value(ns, "varchar_text", "code", 4)).toBe("longer than ten characters");
    expect(await d.columnType(ns, "int_bigint", "c")).toBe(t.integer);
    expect(await d.value(ns, "int_bigint", "c", 4)).toBe("7");
    expect(await d.columnType(ns, "numeric_up", "amount")).toBe(t.numeric10);
    expect(await d.columnType(ns, "renamed", "title")).toBeNull();
    expect(await d.value(ns, "renamed", "name", 4)).toBeNull();
    expect(await db().schemaChangeEvent.count({ where: { connectionId: id, action: "ignored" } })).toBe(5);
    expect((await getConnection(id)).status).toBe("active");
  });
});
