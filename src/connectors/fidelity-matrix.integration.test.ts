/**
 * The type-fidelity matrix: every type a PostgreSQL column can have (listed
 * from pg_type), with arrays of one and two dimensions, filled with value
 * classes from fast-check, read by the real PostgreSQL source and loaded
 * into every destination (DuckDB file, PostgreSQL, the Snowflake emulator)
 * in every sync mode. Each value must arrive exactly, arrive converted by
 * the rule its destination documents, or be refused out loud naming column,
 * row and value. The outcome is docs/connectors/type-mapping.md: this test
 * writes it, and fails when the committed page differs (commit the new one).
 *
 * Values are generated from a seed printed on failure; set
 * WEIR_FIDELITY_SEED to replay a run.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connector as duckdb } from "@/connectors/duckdb/destination";
import { createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";
import { connector as postgresDestination } from "@/connectors/postgres-destination/destination";
import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { type TSourceDatabase, createSourceDatabase, discoverStream, readAll } from "@/connectors/postgres/postgres-fixture";
import { connector as snowflake } from "@/connectors/snowflake/destination";
import { createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import type { TColumn } from "@/connectors/types";
import { expectedWire, parseWireCsv } from "@/connectors/testing/fidelity/expected-wire";
import { renderTypeMapping } from "@/connectors/testing/fidelity/matrix-doc";
import { type TMatrixDestination, type TMatrixResult, type TWireCell, runMatrix } from "@/connectors/testing/fidelity/matrix-run";
import { NOT_COLUMN_TYPES, PG_TYPE_CASES } from "@/connectors/testing/fidelity/pg-value-classes";
import { FIDELITY_TABLE, type TSourceTable, buildSourceTable, createSourceTable, printedCells } from "@/connectors/testing/fidelity/source-table";

const SEED = Number(process.env.WEIR_FIDELITY_SEED) || Math.floor(Math.random() * 2 ** 31);
const DOC = path.resolve(__dirname, "..", "..", "docs", "connectors", "type-mapping.md");
const seedNote = (extra = "") => `(fidelity matrix seed ${SEED}: rerun with WEIR_FIDELITY_SEED=${SEED})${extra}`;

let source: TSourceDatabase;
let table: TSourceTable;
let columns: TColumn[];
let cells: TWireCell[];
let ids: { id: number; u: string }[];
const results = new Map<string, TMatrixResult>();

beforeAll(async () => {
  source = await createSourceDatabase();
  table = buildSourceTable(SEED);
  const client = new pg.Client({ connectionString: source.url });
  await client.connect();
  try {
    await createSourceTable(client, table);
  } finally {
    await client.end();
  }
  const stream = await discoverStream(source.config, `public.${FIDELITY_TABLE}`);
  columns = stream.columns;
  const read = await readAll(source.config, [{ stream }], { maxBatchRows: 1_000_000 });
  const rows = parseWireCsv(read.csv);
  const names = stream.columns.map((c) => c.name);
  const klass = new Map(table.cells.map((c) => [`${c.id}/${c.column}`, c.klass]));
  cells = [];
  ids = [];
  for (const row of rows) {
    const id = Number(row[names.indexOf("id")]);
    ids[id - 1] = { id, u: row[names.indexOf("u")]! };
    names.forEach((name, i) => {
      const k = klass.get(`${id}/${name}`);
      if (k) cells.push({ id, column: name, klass: k, wire: row[i] ?? null });
    });
  }
}, 300_000);

afterAll(async () => {
  await source?.drop();
});

describe("type-fidelity matrix", () => {
  it("covers every type a PostgreSQL column can have, from pg_type", async () => {
    const listed = await source.query<{ typname: string }>(
      `SELECT typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typtype IN ('b', 'r', 'm') AND typisdefined AND typcategory <> 'A' AND typname NOT LIKE '\\_%'`,
    );
    const covered = new Set(PG_TYPE_CASES.map((c) => c.typname));
    const missing = listed.map((r) => r.typname).filter((t) => !covered.has(t) && !(t in NOT_COLUMN_TYPES));
    expect(missing, "types with no value classes in pg-value-classes.ts").toEqual([]);
    for (const kind of ["enum", "domain", "composite"]) expect(covered.has(kind), kind).toBe(true);
  });

  it("the PostgreSQL source sends every value as PostgreSQL prints it, by the wire format's rules", async () => {
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    let printed;
    try {
      printed = await printedCells(client, table);
    } finally {
      await client.end();
    }
    const typeOf = new Map(columns.map((c) => [c.name, c.type]));
    const wrong: string[] = [];
    for (const cell of cells) {
      const want = expectedWire(printed.get(`${cell.id}/${cell.column}`)!, typeOf.get(cell.column)!);
      if (want !== cell.wire)
        wrong.push(
          `${cell.column} row ${cell.id} (${cell.klass}): expected ${JSON.stringify(want?.slice(0, 120))}, sent ${JSON.stringify(cell.wire?.slice(0, 120))}`,
        );
    }
    expect(wrong, seedNote()).toEqual([]);
  });

  const destinations: {
    name: string;
    describe: TMatrixDestination["describeType"];
    make: () => Promise<Omit<TMatrixDestination, "name" | "describeType" | "namespace"> & { teardown(): Promise<void> }>;
  }[] = [
    { name: "DuckDB", describe: (t) => duckdb.describeType(t), make: createTestWarehouse },
    {
      name: "PostgreSQL",
      describe: (t) => postgresDestination.describeType(t),
      make: async () => {
        const f = await createPgFixture();
        return { openSession: f.open, readTable: f.readTable, teardown: f.drop };
      },
    },
    { name: "Snowflake (emulator)", describe: (t) => snowflake.describeType(t), make: createSnowflakeFixture },
  ];

  for (const d of destinations) {
    it(`${d.name}: every value arrives exactly, converted by its documented rule, or refused naming column, row and value, in every sync mode`, async () => {
      const fixture = await d.make();
      try {
        const result = await runMatrix(
          {
            name: d.name,
            describeType: d.describe,
            namespace: "fidelity",
            openSession: () => fixture.openSession(),
            readTable: (n, t, c) => fixture.readTable(n, t, c),
          },
          columns,
          cells,
          ids,
        );
        expect(result.findings, seedNote(` after ${result.loads} loads`)).toEqual([]);
        results.set(d.name, result);
      } finally {
        await fixture.teardown();
      }
    }, 900_000);
  }

  it("writes docs/connectors/type-mapping.md from the outcomes, and the committed page matches", () => {
    expect([...results.keys()], "every destination ran").toEqual(destinations.map((d) => d.name));
    const page = renderTypeMapping(
      table.columns,
      columns,
      destinations.map((d) => ({ name: d.name, describeType: d.describe, outcomes: results.get(d.name)!.outcomes })),
      "Values are generated anew on every run; a failing run prints its seed.",
    );
    const committed = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
    if (committed !== page) writeFileSync(DOC, page);
    expect(committed === page, "docs/connectors/type-mapping.md was out of date; this run rewrote it: review and commit it").toBe(true);
  });
});
