/**
 * Connection procedures through tRPC callers of each tier, against a real
 * PostgreSQL source and a real PostgreSQL destination: clearStream (state
 * and table), typeMapping (source type and note, Weir type, the
 * destination's describeType), and resolveTypeChange's refusals and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destinationConnector } from "@/connectors/registry";
import type { TColumn } from "@/connectors/types";
import { db } from "@/db/client";
import { setUpSyncScene, type TSyncScene, type TTestDestination } from "@/server/testing/sync-scene";
import { buildUser, callerFor } from "@/server/testing/test-app";

const SOURCE = `
  CREATE TABLE orders (id bigint PRIMARY KEY, total money, details json, note text, status integer, updated_at timestamptz NOT NULL);
  INSERT INTO orders SELECT g, g * 1.5, '{"b": 1, "a": 2}', 'order ' || g, g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 50) g;`;

let scene: TSyncScene;
let pg: TTestDestination;
let engineer: ReturnType<typeof callerFor>;
let viewer: ReturnType<typeof callerFor>;
let connectionId: string;

beforeAll(async () => {
  scene = await setUpSyncScene(SOURCE);
  pg = await scene.postgres("warehouse");
  engineer = callerFor(await buildUser({ role: "engineer" }));
  viewer = callerFor(await buildUser({ role: "viewer" }));
  connectionId = await scene.connect({
    name: "orders",
    destinationId: pg.id,
    namespace: "shop",
    policy: "propagate",
    streams: [{ stream: "public.orders", selected: true, syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: [] }],
  });
  expect((await scene.run(connectionId)).error).toBeUndefined();
});

afterAll(async () => {
  await scene?.teardown();
});

describe("connection.clearStream on a PostgreSQL destination", () => {
  it("forgets the state, keeping the table, so the next run reads everything again", async () => {
    await engineer.connection.clearStream({ id: connectionId, stream: "public.orders", dropTable: false });
    expect((await viewer.connection.get({ id: connectionId })).streams[0]?.state).toBeNull();
    expect(await pg.tables("shop")).toContain("orders");
    const run = await scene.run(connectionId);
    expect(run.error).toBeUndefined();
    expect((await viewer.run.get({ id: run.runId })).streams[0]).toMatchObject({ rows: 50, rowsRead: 50 });
    expect(await pg.query(`SELECT count(*)::int AS n FROM shop.orders`)).toEqual([{ n: 50 }]);
  });

  it("with dropTable, drops the table too, audited", async () => {
    await engineer.connection.clearStream({ id: connectionId, stream: "public.orders", dropTable: true });
    expect(await pg.tables("shop")).not.toContain("orders");
    expect(await db().auditEvent.count({ where: { targetId: connectionId, action: "connection.clear_stream" } })).toBe(2);
    expect((await scene.run(connectionId)).error).toBeUndefined();
    expect(await pg.query(`SELECT count(*)::int AS n FROM shop.orders`)).toEqual([{ n: 50 }]);
  });

  it("is refused to viewers", async () => {
    await expect(viewer.connection.clearStream({ id: connectionId, stream: "public.orders", dropTable: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("connection.typeMapping", () => {
  it("shows each column's source type and note, Weir type and how the destination stores it", async () => {
    const [stream] = await viewer.connection.typeMapping({ id: connectionId });
    expect(stream?.stream).toBe("public.orders");
    const stored = (await db().connectionStream.findFirstOrThrow({ where: { connectionId } })).columns as TColumn[];
    const describe = destinationConnector("postgres-destination").describeType;
    expect(stream?.columns.map((c) => c.name)).toEqual(stored.map((c) => c.name));
    for (const column of stored) {
      const shown = stream!.columns.find((c) => c.name === column.name)!;
      const d = describe(column.type);
      expect(shown).toEqual({
        name: column.name,
        sourceType: column.sourceType ?? null,
        sourceConversion: column.conversion ?? null,
        weirType: shown.weirType,
        destination: { type: d.type, conversion: d.conversion ?? null, refuses: d.refuses ?? [] },
        choice: null,
      });
    }
    const byName = Object.fromEntries(stream!.columns.map((c) => [c.name, c]));
    expect(byName.total).toMatchObject({ sourceType: "money", weirType: expect.stringMatching(/^numeric/), sourceConversion: expect.stringMatching(/money/) });
    expect(byName.details?.destination).toMatchObject({ type: "jsonb", conversion: expect.stringMatching(/jsonb/) });
    expect(byName.status).toMatchObject({ weirType: "integer", destination: { type: "integer", conversion: null, refuses: [] } });
  });
});

describe("connection.resolveTypeChange", () => {
  it("refuses a column with no type change waiting, a key column to ignore, and viewers", async () => {
    await expect(engineer.connection.resolveTypeChange({ id: connectionId, stream: "public.orders", column: "status", choice: "cast" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await scene.source.exec(`ALTER TABLE orders ALTER COLUMN status TYPE boolean USING status > 10, ALTER COLUMN updated_at TYPE date`);
    const paused = await scene.run(connectionId);
    expect(paused.error?.code).toBe("SCHEMA_CHANGED");
    const connection = await viewer.connection.get({ id: connectionId });
    expect(connection.streams[0]?.typeConflicts.map((c) => `${c.column} ${c.fromType} → ${c.toType}`)).toEqual([
      "status integer → boolean",
      "updated_at timestamptz → date",
    ]);
    await expect(
      engineer.connection.resolveTypeChange({ id: connectionId, stream: "public.orders", column: "updated_at", choice: "ignore" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/cursor or part of the primary key/),
    });
    await expect(viewer.connection.resolveTypeChange({ id: connectionId, stream: "public.orders", column: "status", choice: "cast" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(engineer.connection.resume({ id: connectionId })).rejects.toMatchObject({ code: "CONFLICT" });

    const afterFirst = await engineer.connection.resolveTypeChange({ id: connectionId, stream: "public.orders", column: "status", choice: "ignore" });
    expect(afterFirst.status).toBe("paused");
    expect(afterFirst.streams[0]?.columnOverrides).toEqual({ status: { choice: "ignore", forType: "boolean" } });
    const resumed = await engineer.connection.resolveTypeChange({ id: connectionId, stream: "public.orders", column: "updated_at", choice: "cast" });
    expect(resumed).toMatchObject({ status: "active", pausedReason: null });
    expect((await viewer.connection.typeMapping({ id: connectionId }))[0]?.columns.find((c) => c.name === "status")?.choice).toBe("ignore");
    expect(await db().auditEvent.count({ where: { targetId: connectionId, action: "connection.resolve_type_change" } })).toBe(2);
    expect((await scene.run(connectionId)).error).toBeUndefined();
  });
});
