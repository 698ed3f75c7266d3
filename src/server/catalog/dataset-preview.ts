/**
 * Up to 100 rows of a warehouse dataset, read in its warehouse. Columns
 * tagged PII are masked unless the caller may see personal data (engineers
 * and admins); masking happens here, on the server, so the values never
 * reach an analyst's browser.
 */
import { db } from "@/db/client";
import { MASK } from "@/engine/quality/run-check";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import { AppError } from "@/lib/app-error";
import { childLogger } from "@/lib/logger";
import type { TPreviewOutput } from "@/server/catalog/catalog-contracts";
import { datasetRow, relationOf } from "@/server/catalog/dataset-page";
import { type TRole, satisfiesTier } from "@/server/roles";

export const PREVIEW_ROWS = 100;

const display = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v));

export async function previewDataset(id: string, user: { role: TRole }): Promise<TPreviewOutput> {
  const row = await datasetRow(id);
  const relation = relationOf(row.name);
  if (!row.destinationId || !relation || (row.kind !== "table" && row.kind !== "model")) {
    throw new AppError("BAD_INPUT", "Only datasets in a Weir warehouse (loaded tables and models) can be previewed.");
  }
  const destination = await db().destination.findUnique({ where: { id: row.destinationId } });
  if (!destination) throw new AppError("NOT_FOUND", "The dataset's warehouse no longer exists.");
  const mask = !satisfiesTier(user.role, "engineer");
  const pii = new Set(row.columns.filter((c) => c.pii).map((c) => c.name));
  const warehouse = await openWarehouse(destination, {
    log: childLogger({ datasetId: id }),
    signal: AbortSignal.timeout(30_000),
    attribution: { kind: "preview", dataset: id },
  });
  try {
    const rows = await warehouse.query(`SELECT * FROM ${warehouse.relation(relation.schema, relation.table)} LIMIT ${PREVIEW_ROWS}`);
    const names = rows[0] ? Object.keys(rows[0]) : row.columns.map((c) => c.name);
    const hidden = names.map((n) => mask && pii.has(n));
    return {
      columns: names.map((name, i) => ({ name, masked: hidden[i]! })),
      rows: rows.map((r) => names.map((n, i) => (hidden[i] && r[n] !== null ? MASK : display(r[n])))),
      masked: hidden.some(Boolean),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("CONNECTOR_ERROR", `The warehouse could not be read: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await warehouse.close();
  }
}
