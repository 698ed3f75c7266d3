/**
 * Refusals a person can act on: when a value does not convert, the error
 * (DATA_REJECTED, never retried) names the stream, the column, the row's key
 * (primary key values like `id=42`, else the cursor value, else its position
 * in the staged rows) and the value (at most 200 characters).
 *
 * PostgreSQL's message names the value and the type but not the row or the
 * column. After a commit failed on a value (SQLSTATE class 22), the first
 * staged row whose conversion fails is found by bisecting the staging table
 * by row id (TID range scans: about two scans of the table in all, only
 * after a failure), then the column by converting that row's columns one by
 * one. COPY errors of a direct load say line and column; the row is read
 * back from the batch (csv-record.ts).
 */
import type pg from "pg";

import { stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { isConnectionLost } from "@/connectors/postgres-destination/pg-errors";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import { CAST_REFUSAL_MARKER, castColumnFromWire } from "@/connectors/postgres-destination/cast-check-sql";
import { castFromWire, pgType, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn, TWritePlan } from "@/connectors/types";

/** How much of a refused value a message shows. */
export const MAX_VALUE_CHARS = 200;

/** A refused value as a message shows it: quoted, at most 200 characters. */
export function shownValue(value: string | null): string {
  if (value === null) return "NULL";
  return JSON.stringify(value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value);
}

/** The row's key: primary key values, else the cursor value, else its position. `valueOf` gives a column's wire text. */
export function rowKey(plan: Pick<TWritePlan, "primaryKey" | "cursorField">, valueOf: (column: string) => string | null | undefined, position: string): string {
  const named = (columns: readonly string[]) => columns.map((c) => `${c}=${valueOf(c) === null ? "NULL" : valueOf(c)}`).join(", ");
  if (plan.primaryKey.length && plan.primaryKey.every((c) => valueOf(c) !== undefined)) return named(plan.primaryKey);
  if (plan.cursorField && valueOf(plan.cursorField) !== undefined) return named([plan.cursorField]);
  return position;
}

export type TRejection = { stream: string; column: TColumn; key: string; value: string | null; reason: string };

/** "stream "s", column "n" (integer), row id=42: the value "x" cannot be stored (reason)." */
export function rejectionText(r: TRejection): string {
  // PostgreSQL's reason quotes the value whole: cut it there too.
  const long = r.value !== null && r.value.length > MAX_VALUE_CHARS;
  const reason = long ? r.reason.split(r.value!).join(`${r.value!.slice(0, MAX_VALUE_CHARS)}…`) : r.reason;
  return `stream "${r.stream}", column "${r.column.name}" (${pgType(r.column.type)}), row ${r.key}: the value ${shownValue(r.value)} cannot be stored (${reason.slice(0, 2 * MAX_VALUE_CHARS + 200)}). Correct the value at the source or exclude the column`;
}

/** Runs `sql`; whether it failed (a lost connection is rethrown: nothing more can be learned). */
async function fails(client: pg.Client, sql: string, params: unknown[]): Promise<string | null> {
  try {
    await client.query(sql, params);
    return null;
  } catch (e) {
    if (isConnectionLost(e)) throw e;
    const detail = (e as { detail?: string }).detail;
    return `${e instanceof Error ? e.message : String(e)}${detail ? `: ${detail}` : ""}`;
  }
}

/** The ctid of the first staged row whose conversion fails, or null when every row converts. */
async function firstFailingRow(client: pg.Client, table: string, casts: string[]): Promise<string | null> {
  const probe = `SELECT count(ROW(${casts.join(", ")})) FROM ${table} AS s WHERE s.ctid >= $1::tid AND s.ctid < $2::tid`;
  const blocks =
    (await client.query<{ n: number }>(`SELECT ceil(pg_relation_size($1::regclass) / current_setting('block_size')::float8)::int AS n`, [table])).rows[0]?.n ??
    0;
  if (!(await fails(client, probe, ["(0,0)", `(${blocks},0)`]))) return null;
  let [lo, hi] = [0, blocks];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fails(client, probe, [`(${lo},0)`, `(${mid},0)`])) hi = mid;
    else lo = mid;
  }
  let [first, last] = [0, 65_536];
  while (last - first > 1) {
    const mid = Math.floor((first + last) / 2);
    if (await fails(client, probe, [`(${lo},${first})`, `(${lo},${mid})`])) last = mid;
    else first = mid;
  }
  return `(${lo},${first})`;
}

/** Why a castFrom column refused a value that converts: what the column would have made of it. */
async function changedValueReason(client: pg.Client, table: string, ctid: string, staged: string, column: TColumn): Promise<string> {
  const stored = wireFromValue(castFromWire(staged, column.type), column.type);
  const found = await client.query<{ stored: string | null }>(`SELECT ${stored} AS stored FROM ${table} AS s WHERE s.ctid = $1::tid`, [ctid]);
  const from = column.castFrom ? weirTypeName(column.castFrom) : "another type";
  return `the column is kept as ${pgType(column.type)} while the source sends ${from}, and ${pgType(column.type)} would store it as ${shownValue(found.rows[0]?.stored ?? null)}`;
}

/** After a commit failed on a value: the refusal naming stream, column, row and value, or null when no staged value fails to convert. */
export async function findRejectedValue(client: pg.Client, r: TResolvedPlan): Promise<TRejection | null> {
  const table = qualified(r.stageSchema, r.stage);
  const staged = r.columns.map((_, i) => `s.${quoteIdent(stageColumn(i))}`);
  const casts = r.columns.map((c, i) => castColumnFromWire(staged[i]!, c));
  const ctid = await firstFailingRow(client, table, casts);
  if (!ctid) return null;
  const row =
    (await client.query<Record<string, string | null>>(`SELECT ${staged.join(", ")} FROM ${table} AS s WHERE s.ctid = $1::tid`, [ctid])).rows[0] ?? {};
  const valueOf = (name: string) => {
    const i = r.columns.findIndex((c) => c.name === name);
    return i < 0 ? undefined : (row[stageColumn(i)] ?? null);
  };
  for (let i = 0; i < casts.length; i++) {
    let reason = await fails(client, `SELECT ${casts[i]} FROM ${table} AS s WHERE s.ctid = $1::tid`, [ctid]);
    if (!reason) continue;
    if (reason.includes(CAST_REFUSAL_MARKER)) reason = await changedValueReason(client, table, ctid, staged[i]!, r.columns[i]!);
    const before = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} AS s WHERE s.ctid < $1::tid`, [ctid]);
    const position = `${(before.rows[0]?.n ?? 0) + 1} of this load`;
    return { stream: r.plan.stream, column: r.columns[i]!, key: rowKey(r.plan, valueOf, position), value: valueOf(r.columns[i]!.name) ?? null, reason };
  }
  return null;
}
