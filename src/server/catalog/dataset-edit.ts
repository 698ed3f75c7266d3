/**
 * What engineers edit on a dataset page: its description, owner and tags,
 * and its columns' descriptions, PII flags and tags. An edited field is
 * remembered as edited, so the runs that update the entry leave it alone,
 * and its provenance names the person. Engineers may flag a column PII;
 * only an admin may remove a flag (it unmasks the column for analysts).
 * Every edit is audited in the same transaction.
 */
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";

import { db } from "@/db/client";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { AppError } from "@/lib/app-error";
import type { TProvenance, TSetter } from "@/engine/lineage/catalog-provenance";
import { type TAuditActor, writeAudit } from "@/db/write-audit";
import type { TRole } from "@/server/roles";
import type { TDatasetOutput, ZUpdateColumnInput, ZUpdateDatasetInput } from "@/server/catalog/catalog-contracts";
import { datasetRow, getDataset } from "@/server/catalog/dataset-page";

type TChange = Record<string, { from: unknown; to: unknown }>;

function changes<T extends object>(before: T, after: Partial<T>): TChange {
  const diff: TChange = {};
  for (const [field, to] of Object.entries(after) as [keyof T & string, unknown][]) {
    if (to !== undefined && JSON.stringify(before[field]) !== JSON.stringify(to)) diff[field] = { from: before[field], to };
  }
  return diff;
}

/** The entry's provenance with `fields` set by the person. */
function editedBy(provenance: unknown, fields: string[], actor: TAuditActor): Prisma.InputJsonObject {
  const setter: TSetter = { by: "person", name: actor.email, job: null, at: new Date().toISOString() };
  const out: TProvenance = { ...(provenance as TProvenance) };
  for (const f of fields) if (f === "description" || f === "owner") out[f] = setter;
  return out as Prisma.InputJsonObject;
}

export async function updateDataset(input: z.infer<typeof ZUpdateDatasetInput>, actor: TAuditActor, requestId?: string): Promise<TDatasetOutput> {
  const row = await datasetRow(input.id);
  const tags = input.tags && [...new Set(input.tags)];
  const owner = input.owner === undefined ? undefined : input.owner || null;
  const diff = changes({ description: row.description, owner: row.owner, tags: row.tags }, { description: input.description, owner, tags });
  if (Object.keys(diff).length) {
    await db().$transaction(async (tx) => {
      await tx.dataset.update({
        where: { id: row.id },
        data: {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(tags ? { tags } : {}),
          editedFields: [...new Set([...row.editedFields, ...Object.keys(diff)])],
          provenance: editedBy(row.provenance, Object.keys(diff), actor),
        },
      });
      await refreshSearchText(tx, [row.id]);
      await writeAudit(tx, { actor, action: "dataset.update", targetType: "dataset", targetId: row.id, diff, requestId });
    });
  }
  return getDataset(row.id);
}

export async function updateDatasetColumn(
  input: z.infer<typeof ZUpdateColumnInput>,
  actor: TAuditActor & { role: TRole },
  requestId?: string,
): Promise<TDatasetOutput> {
  const row = await datasetRow(input.datasetId);
  const column = row.columns.find((c) => c.name === input.column && !c.removedAt);
  if (!column) throw new AppError("BAD_INPUT", `column: the dataset has no column "${input.column}".`, { field: "column" });
  if (column.pii && input.pii === false && actor.role !== "admin") {
    throw new AppError("FORBIDDEN", `pii: only an admin can remove the PII flag of ${column.name} (it unmasks the column for analysts and viewers).`, {
      field: "pii",
    });
  }
  const tags = input.tags && [...new Set(input.tags)];
  const diff = changes({ description: column.description, pii: column.pii, tags: column.tags }, { description: input.description, pii: input.pii, tags });
  if (Object.keys(diff).length) {
    await db().$transaction(async (tx) => {
      await tx.datasetColumn.update({
        where: { id: column.id },
        data: {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.pii !== undefined ? { pii: input.pii } : {}),
          ...(tags ? { tags } : {}),
          editedFields: [...new Set([...column.editedFields, ...Object.keys(diff)])],
        },
      });
      await refreshSearchText(tx, [row.id]);
      await writeAudit(tx, {
        actor,
        action: "dataset.column.update",
        targetType: "dataset",
        targetId: row.id,
        diff: Object.fromEntries(Object.entries(diff).map(([k, v]) => [`${column.name}.${k}`, v])),
        requestId,
      });
    });
  }
  return getDataset(row.id);
}
