/**
 * What both halves of the destination conformance suite at the edges share
 * (destination-conformance-boundary.ts, destination-conformance-edges.ts):
 * the target a destination's test supplies, the edge tables' columns and
 * cursor values, plans, and one load attempt with or without the objects
 * read in full.
 */
import { randomUUID } from "node:crypto";
import type { TColumn, TDestinationSession, TSyncMode, TWritePlan } from "@/connectors/types";
import { buildBatch, loadOnce } from "@/connectors/testing/load-builders";

export type TEdgeTarget = {
  openSession(): Promise<TDestinationSession>;
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  listTables(namespace: string): Promise<string[]>;
  /** The table's column names in table order; [] when the table does not exist. */
  listColumns(namespace: string, table: string): Promise<string[]>;
};

export const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
export const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
export const UPDATED: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };

export const T = "2024-05-01 10:00:00+00";
export const T_LATER = "2024-05-01 11:00:00+00";
export const T_EARLIER = "2024-05-01 09:00:00+00";

export const sortRows = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export function edgePlan(overrides: Partial<TWritePlan> & { table: string; mode: TSyncMode }): TWritePlan {
  return {
    connectionId: "conn-conformance-edges",
    runId: randomUUID(),
    attempt: 1,
    stream: `public.${overrides.table}`,
    namespace: "conformance",
    columns: [ID, NAME, UPDATED],
    primaryKey: ["id"],
    cursorField: "updated_at",
    ...overrides,
  };
}

export const next = (p: TWritePlan, overrides: Partial<TWritePlan> = {}): TWritePlan => ({ ...p, runId: randomUUID(), attempt: 1, ...overrides });

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected the load to fail, but it succeeded");
}

/** Loads and reads of one target, as the edge tests call them. */
export function edgeLoads(getTarget: () => TEdgeTarget) {
  return {
    load: (p: TWritePlan, batches: unknown[][][], objects?: string[]) =>
      objects ? loadWithObjects(getTarget, p, batches, objects) : loadOnce(() => getTarget().openSession(), p, batches),
    read: (p: TWritePlan, cols: string[]) => getTarget().readTable(p.namespace, p.table, cols).then(sortRows),
  };
}

/** One attempt like loadOnce, committing with objects read in full. */
async function loadWithObjects(getTarget: () => TEdgeTarget, plan: TWritePlan, batches: unknown[][][], objects: string[]) {
  const session = await getTarget().openSession();
  try {
    await session.discardStaging(plan);
    await session.prepareStream(plan);
    for (const rows of batches) await session.writeBatch(plan, buildBatch(plan, rows));
    const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
    return await session.commitStream(plan, previous, { objects });
  } catch (e) {
    await session.discardStaging(plan).catch(() => undefined);
    throw e;
  } finally {
    await session.close();
  }
}
