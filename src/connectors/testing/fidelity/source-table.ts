/**
 * The fidelity matrix's source: one wide PostgreSQL table with, per type
 * case, a scalar column, a one-dimensional array column and a
 * two-dimensional array column (declared `[][]`), filled with the case's
 * value classes (edges plus values fast-check generates from the run's
 * seed). Every cell remembers its class; the table also yields, per cell,
 * what PostgreSQL prints for the value (the independent expectation).
 */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import fc from "fast-check";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { type TPgPrinted, WIRE_SESSION_SQL, parseDims } from "@/connectors/testing/fidelity/expected-wire";
import { PG_TYPE_CASES, type TPgTypeCase, USER_TYPES_SQL, pgArrayLiteral, pgMatrixLiteral } from "@/connectors/testing/fidelity/pg-value-classes";

export const FIDELITY_TABLE = "fidelity";
const quote = (name: string) => pg.escapeIdentifier(name);

/** One column of the wide table: which case and shape it holds. */
export type TMatrixColumn = { name: string; case: TPgTypeCase; shape: "scalar" | "array" | "matrix" };

/** A cell: its row id, column, class and input literal. */
export type TMatrixCell = { id: number; column: string; klass: string; literal: string };

export type TSourceTable = { columns: TMatrixColumn[]; cells: TMatrixCell[]; rows: number };

/** How many generated values each class adds to its edges. */
const GENERATED = { ordinary: 10, other: 3 } as const;

/** Column names readable in the docs: "numeric(12,2)" → "numeric_12_2". */
export function slug(sql: string): string {
  return sql
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The class names with a "2-D value in a column declared 1-D" class: types whose arrays are common in applications. */
const DIMENSION_MISMATCH_TYPES = new Set(["integer", "text", "date", "numeric"]);
export const DIMENSION_MISMATCH = "2-D value in a 1-D column";
export const EMPTY_ARRAY = "empty array";

/** Builds the columns and cells of the wide table from the cases and a seed. */
export function buildSourceTable(seed: number): TSourceTable {
  const columns: TMatrixColumn[] = [];
  const cells: TMatrixCell[] = [];
  PG_TYPE_CASES.forEach((tc, caseIndex) => {
    const base = slug(tc.sql);
    const shapes: TMatrixColumn["shape"][] = tc.noArrays ? ["scalar"] : ["scalar", "array", "matrix"];
    const values = tc.classes.map((k, classIndex) => {
      const count = k.name === "ordinary" ? GENERATED.ordinary : GENERATED.other;
      const generated = k.generated ? fc.sample(k.generated, { numRuns: count, seed: seed + caseIndex * 101 + classIndex }) : [];
      return { klass: k.name, values: [...new Set([...(k.edges ?? []), ...generated])] };
    });
    for (const shape of shapes) {
      const name = shape === "scalar" ? base : `${base}_${shape === "array" ? "a" : "m"}`;
      columns.push({ name, case: tc, shape });
      let id = 0;
      const add = (klass: string, literal: string) => cells.push({ id: ++id, column: name, klass, literal });
      for (const { klass, values: vs } of values) {
        if (shape === "scalar") vs.forEach((v) => add(klass, v));
        else if (shape === "array") {
          for (let i = 0; i < vs.length; i += 3) add(klass, pgArrayLiteral([vs[i]!, null, ...vs.slice(i + 1, i + 3)], tc.delimiter));
        } else {
          for (let i = 0; i < vs.length; i += 2)
            add(
              klass,
              pgMatrixLiteral(
                [
                  [vs[i]!, null],
                  [vs[i + 1] ?? vs[i]!, vs[i]!],
                ],
                tc.delimiter,
              ),
            );
        }
      }
      if (shape !== "scalar") add(EMPTY_ARRAY, "{}");
      if (shape === "array" && DIMENSION_MISMATCH_TYPES.has(tc.sql))
        add(
          DIMENSION_MISMATCH,
          pgMatrixLiteral([
            [values[0]!.values[0]!, null],
            [null, values[0]!.values[1] ?? null],
          ]),
        );
    }
  });
  const rows = Math.max(...cells.map((cell) => cell.id));
  return { columns, cells, rows };
}

function columnSql(column: TMatrixColumn): string {
  const suffix = column.shape === "scalar" ? "" : column.shape === "array" ? "[]" : "[][]";
  return `${quote(column.name)} ${column.case.sql}${suffix}`;
}

const csvField = (v: string | undefined) => (v === undefined ? "" : `"${v.replaceAll('"', '""')}"`);

/** Creates the user types and the table, and COPYs the cells in (through each type's input function). */
export async function createSourceTable(client: pg.Client, table: TSourceTable): Promise<void> {
  for (const sql of USER_TYPES_SQL) await client.query(sql);
  await client.query(`CREATE TABLE ${FIDELITY_TABLE} (id bigint PRIMARY KEY, u timestamptz NOT NULL, ${table.columns.map(columnSql).join(", ")})`);
  const rows: Map<string, string>[] = Array.from({ length: table.rows }, () => new Map());
  for (const cell of table.cells) rows[cell.id - 1]!.set(cell.column, cell.literal);
  const lines = rows.map(
    (row, i) =>
      [String(i + 1), new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(), ...table.columns.map((c) => csvField(row.get(c.name)))].join(",") + "\n",
  );
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${FIDELITY_TABLE} FROM STDIN WITH (FORMAT csv)`)));
}

/**
 * How PostgreSQL prints a value of this case for the wire: its output
 * function (concat calls it; a cast to text may differ, e.g. char(n) loses its
 * padding and inet gains a /32), money as its numeric amount, composites as JSON.
 */
function printSql(expr: string, tc: TPgTypeCase): string {
  if (tc.sql === "money") return `(${expr})::numeric::text`;
  if (tc.typname === "composite") return `to_json(${expr})::text`;
  return `CASE WHEN (${expr}) IS NULL THEN NULL ELSE concat(${expr}) END`;
}

/** The leaves of nested arrays, row-major. */
function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value ?? null];
}

/** What PostgreSQL prints for every cell, by "id/column". */
export async function printedCells(client: pg.Client, table: TSourceTable): Promise<Map<string, TPgPrinted>> {
  await client.query(WIRE_SESSION_SQL);
  const exprs = table.columns.map((col) => {
    const c = quote(col.name);
    if (col.shape === "scalar") return `${printSql(c, col.case)} AS ${quote(col.name)}`;
    // Composite elements: unnest cannot tell a NULL element from one whose fields are all NULL; array_to_json can.
    const elements = col.case.typname === "composite" ? `array_to_json(${c})` : `(SELECT json_agg(${printSql("x", col.case)}) FROM unnest(${c}) AS x)`;
    return `CASE WHEN ${c} IS NULL THEN NULL ELSE json_build_array(array_dims(${c}), ${elements}) END AS ${quote(col.name)}`;
  });
  const result = await client.query<Record<string, unknown>>(`SELECT id, ${exprs.join(", ")} FROM ${FIDELITY_TABLE}`);
  const printed = new Map<string, TPgPrinted>();
  for (const row of result.rows) {
    for (const col of table.columns) {
      const value = row[col.name];
      const key = `${row.id}/${col.name}`;
      if (col.shape === "scalar") printed.set(key, { text: (value as string | null) ?? null });
      else if (value === null || value === undefined) printed.set(key, { text: null });
      else {
        const [dims, elements] = value as [string | null, unknown];
        const flat =
          col.case.typname === "composite"
            ? flatten(elements).map((e) => (e === null ? null : JSON.stringify(e)))
            : ((elements as (string | null)[] | null) ?? []);
        printed.set(key, { dims: parseDims(dims), elements: flat });
      }
    }
  }
  return printed;
}
