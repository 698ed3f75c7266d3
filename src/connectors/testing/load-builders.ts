/**
 * Typed builders for destination tests: write plans with sensible defaults
 * (bigint id, text name, timestamptz cursor, a new run id), wire batches of
 * JavaScript values, and one load attempt as the sync engine runs it. Each
 * destination's fixture binds its own connection id and namespace.
 */
import { randomUUID } from "node:crypto";

import type { TColumn, TDestinationSession, TLedgerEntry, TRecordBatch, TSyncMode, TWritePlan } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

export const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
export const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
export const UPDATED: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };

export type TPlanOverrides = Partial<TWritePlan> & { table: string; mode: TSyncMode };

/** A plan builder with a destination's defaults (`connectionId`, `namespace`). */
export function planBuilder(defaults: Pick<TWritePlan, "connectionId" | "namespace">): (overrides: TPlanOverrides) => TWritePlan {
  return (overrides) => ({
    runId: randomUUID(),
    attempt: 1,
    stream: `public.${overrides.table}`,
    columns: [ID, NAME, UPDATED],
    primaryKey: ["id"],
    cursorField: "updated_at",
    ...defaults,
    ...overrides,
  });
}

/** A wire batch of `rows` (JavaScript values aligned with the plan's columns). */
export function buildBatch(plan: TWritePlan, rows: readonly (readonly unknown[])[], extractedAt = new Date()): TRecordBatch {
  return { stream: plan.stream, columns: plan.columns.map((c) => c.name), csv: encodeWireRows(plan.columns, rows), rows: rows.length, extractedAt };
}

/** One attempt as the sync engine runs it: discard stale staging, prepare, write the batches, commit with the ledger's state. */
export async function loadOnce(
  open: () => Promise<TDestinationSession>,
  plan: TWritePlan,
  batches: readonly (readonly (readonly unknown[])[])[],
): Promise<TLedgerEntry> {
  const session = await open();
  try {
    await session.discardStaging(plan);
    await session.prepareStream(plan);
    for (const rows of batches) await session.writeBatch(plan, buildBatch(plan, rows));
    const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
    return await session.commitStream(plan, previous);
  } finally {
    await session.close();
  }
}

/** A timestamptz in wire text: 2024-05-01 10:00:<second>+00. */
export const ts = (second: number) => `2024-05-01 10:00:${String(second).padStart(2, "0")}+00`;
