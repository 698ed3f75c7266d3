/**
 * Every source × every destination through the sync engine: the same logical
 * "people" stream from PostgreSQL, files and an HTTP API, loaded into DuckDB
 * and PostgreSQL in incremental append + dedup (a full load, then only the
 * changes) and full refresh overwrite. Real databases, real files, a real
 * local HTTP server.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";
import { createFilesFolder, type TFilesFolder } from "@/connectors/files/files-fixture";
import { startApi, type TTestApi } from "@/connectors/http/api-fixture";
import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import type { TDestinationSession, TStreamDescriptor, TStreamState, TSyncMode } from "@/connectors/types";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";

type TPerson = { id: number; name: string; updated_at: string };
const people: TPerson[] = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  name: `person ${i + 1}`,
  updated_at: `2024-01-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`,
}));
const changes: TPerson[] = [
  { id: 2, name: "renamed two", updated_at: "2024-06-01T00:00:00Z" },
  { id: 3, name: "renamed three", updated_at: "2024-06-01T00:00:01Z" },
  { id: 301, name: "newcomer", updated_at: "2024-06-01T00:00:02Z" },
];
const merged = () => [...people.filter((p) => !changes.some((c) => c.id === p.id)), ...changes].sort((a, b) => a.id - b.id);
const asRows = (list: TPerson[]) => list.map((p) => [String(p.id), p.name]);

type TSourceCase = { name: string; connector: string; config: () => unknown; stream: string; cursor: string; change(): Promise<void>; reset(): Promise<void> };

let pgSource: TSourceDatabase;
let folder: TFilesFolder;
let api: TTestApi;
let apiData: TPerson[] = people;

const csv = (list: TPerson[]) => `id,name,updated_at\n${list.map((p) => `${p.id},${p.name},${p.updated_at}`).join("\n")}\n`;

const SOURCES: TSourceCase[] = [
  {
    name: "PostgreSQL",
    connector: "postgres",
    config: () => pgSource.config,
    stream: "public.people",
    cursor: "updated_at",
    change: () =>
      pgSource.exec(
        changes
          .map(
            (c) =>
              `INSERT INTO people VALUES (${c.id}, '${c.name}', '${c.updated_at}') ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at;`,
          )
          .join("\n"),
      ),
    reset: async () => {
      await pgSource.exec(`TRUNCATE people; INSERT INTO people VALUES ${people.map((p) => `(${p.id}, '${p.name}', '${p.updated_at}')`).join(", ")};`);
    },
  },
  {
    name: "files",
    connector: "files",
    config: () => folder.config({ name: "people", pattern: "people*.csv", format: "csv", primaryKey: ["id"] }),
    stream: "people",
    cursor: "_weir_file_mtime",
    change: async () => void folder.write("people-2.csv", csv(changes), new Date("2030-01-01T00:00:00Z")),
    reset: async () => {
      folder.remove();
      folder = createFilesFolder();
      folder.write("people-1.csv", csv(people), new Date("2024-01-01T00:00:00Z"));
    },
  },
  {
    name: "HTTP API",
    connector: "http",
    stream: "people",
    cursor: "updated_at",
    config: () => ({
      baseUrl: api.baseUrl,
      streams: [
        {
          name: "people",
          path: "/people",
          recordsPath: "",
          primaryKey: ["id"],
          pagination: { type: "none" },
          incremental: { cursorField: "updated_at", param: "updated_since" },
        },
      ],
    }),
    change: async () => void (apiData = merged()),
    reset: async () => void (apiData = people),
  },
];

const DESTINATIONS = [
  { name: "DuckDB", connector: "duckdb", make: createTestWarehouse },
  {
    name: "PostgreSQL",
    connector: "postgres-destination",
    make: async () => {
      const f = await createPgFixture();
      return { config: f.config, readTable: f.readTable.bind(f), teardown: () => f.drop() };
    },
  },
];

beforeAll(async () => {
  pgSource = await createSourceDatabase();
  await pgSource.exec(`CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL)`);
  folder = createFilesFolder();
  api = await startApi((req) => {
    const since = req.query.get("updated_since");
    return { json: since ? apiData.filter((p) => p.updated_at >= since.replace(" ", "T").replace("+00", "Z")) : apiData };
  });
});

afterAll(async () => {
  await pgSource?.drop();
  folder?.remove();
  await api?.close();
});

describe.each(SOURCES)("source $name", (src) => {
  describe.each(DESTINATIONS)("→ destination $name", (dst) => {
    let target: Awaited<ReturnType<typeof dst.make>> & { config?: unknown; file?: string };
    beforeAll(async () => {
      target = await dst.make();
    });
    afterAll(async () => {
      await target?.teardown();
    });

    async function sync(mode: TSyncMode, table: string, state: TStreamState | null) {
      const source = sourceConnector(src.connector);
      const destination = destinationConnector(dst.connector);
      const ctx = { log: logger, signal: new AbortController().signal };
      const catalog = await source.discover(src.config(), ctx);
      const descriptor = catalog.streams.find((s) => s.name === src.stream) as TStreamDescriptor;
      const config = "config" in target && target.config ? target.config : { path: (target as { file: string }).file };
      const session: TDestinationSession = await destination.open(config, ctx);
      try {
        const columns = descriptor.columns.filter((c) => ["id", "name", src.cursor].includes(c.name));
        return await syncStream({
          source,
          sourceConfig: src.config(),
          session,
          ctx,
          knownState: state,
          plan: {
            connectionId: "pairs",
            runId: randomUUID(),
            attempt: 1,
            stream: `${src.name}-${table}`,
            namespace: "pairs",
            table,
            columns,
            mode,
            primaryKey: ["id"],
            cursorField: src.cursor,
          },
          request: { stream: descriptor, columns: columns.map((c) => c.name) },
        });
      } finally {
        await session.close();
      }
    }

    it("incremental append + dedup: a full load, then only the changed rows, one row per key", async () => {
      await src.reset();
      const table = `dedup_${src.connector}`;
      const first = await sync("incremental_dedup", table, null);
      expect(first.rows).toBe(300);
      expect((await target.readTable("pairs", table, ["id", "name"])).sort()).toEqual(asRows(people).sort());
      await src.change();
      const second = await sync("incremental_dedup", table, first.entry.state);
      // Reads include the saved cursor's value; what the destination already holds there is dropped, not committed again.
      expect(second.entry.rows).toBe(3);
      expect(second.rows).toBeGreaterThanOrEqual(3);
      expect((await target.readTable("pairs", table, ["id", "name"])).sort()).toEqual(asRows(merged()).sort());
    });

    it("full refresh overwrite: the table becomes the source's current copy", async () => {
      await src.reset();
      await src.change();
      const table = `overwrite_${src.connector}`;
      await sync("full_refresh_overwrite", table, null);
      const again = await sync("full_refresh_overwrite", table, null);
      const expected = src.connector === "files" ? [...people, ...changes] : merged(); // files: both files are read in full
      expect(again.rows).toBe(expected.length);
      expect((await target.readTable("pairs", table, ["id", "name"])).sort()).toEqual(asRows(expected).sort());
    });
  });
});
