/**
 * Writes the dataset facts of an event plan (event-plan.ts) set-based: one
 * statement per table whatever the number of datasets, rows passed as one
 * JSON parameter and read with jsonb_to_recordset. A producer's 5,000-input
 * event is a handful of statements, not tens of thousands of round trips.
 * Rows are written in (namespace, name) order, so two writers lock shared
 * rows in the same order. Edited fields stay as a person left them.
 */
import type { Prisma } from "@/generated/prisma/client";
import { type TDatasetFact, datasetKey } from "@/engine/lineage/event-plan";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

const json = (rows: unknown[]) => JSON.stringify(rows);
const byKey = (a: TDatasetFact, b: TDatasetFact) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Weir's own datasets under a namespace that changed (a source's host or
 * port, a warehouse file moved): the entry of the same owner, kind and name
 * moves to the new namespace, keeping its edits, edges and history, instead
 * of a second entry appearing beside it.
 */
async function moveDatasets(tx: Tx, facts: readonly TDatasetFact[]): Promise<void> {
  const owned = facts.filter((f) => f.kind && (f.ownerSourceId || f.ownerDestinationId)).map((f) => ({ namespace: f.namespace, name: f.name, kind: f.kind, ownerSourceId: f.ownerSourceId, ownerDestinationId: f.ownerDestinationId }));
  if (!owned.length) return;
  await tx.$executeRaw`
    UPDATE "Dataset" d SET namespace = m.namespace, "updatedAt" = now()
    FROM (
      SELECT DISTINCT ON (r.namespace, r.name) o.id, r.namespace
      FROM jsonb_to_recordset(${json(owned)}::jsonb) AS r(namespace text, name text, kind text, "ownerSourceId" uuid, "ownerDestinationId" uuid)
      JOIN "Dataset" o ON o.name = r.name AND o.kind = r.kind AND o.namespace <> r.namespace
        AND (o."sourceId" = r."ownerSourceId" OR o."destinationId" = r."ownerDestinationId")
      WHERE NOT EXISTS (SELECT 1 FROM "Dataset" x WHERE x.namespace = r.namespace AND x.name = r.name)
      ORDER BY r.namespace, r.name, o."updatedAt" DESC
    ) m
    WHERE d.id = m.id`;
}

/** Creates the missing entries and updates all of them from their facts; returns dataset ids by key. */
export async function storeDatasets(tx: Tx, facts: readonly TDatasetFact[]): Promise<Map<string, string>> {
  if (!facts.length) return new Map();
  const sorted = [...facts].sort(byKey);
  await moveDatasets(tx, sorted);
  await tx.$executeRaw`
    INSERT INTO "Dataset" (id, namespace, name, platform, kind, "updatedAt")
    SELECT gen_random_uuid(), r.namespace, r.name, r.platform, 'external', now()
    FROM jsonb_to_recordset(${json(sorted.map((f) => ({ namespace: f.namespace, name: f.name, platform: f.platform })))}::jsonb) AS r(namespace text, name text, platform text)
    ON CONFLICT (namespace, name) DO NOTHING`;
  const rows = sorted.map(({ columns: _columns, roles: _roles, ...row }) => row);
  const ids = await tx.$queryRaw<{ id: string; namespace: string; name: string }[]>`
    UPDATE "Dataset" d SET
      kind = COALESCE(r.kind, d.kind),
      platform = COALESCE(r."weirPlatform", d.platform),
      layer = CASE WHEN r."setLayer" THEN r.layer ELSE d.layer END,
      "sourceId" = CASE WHEN r."setSource" THEN r."sourceId" ELSE d."sourceId" END,
      "destinationId" = CASE WHEN r."setDestination" THEN r."destinationId" ELSE d."destinationId" END,
      "connectionId" = CASE WHEN r."setConnection" THEN r."connectionId" ELSE d."connectionId" END,
      stream = CASE WHEN r."setConnection" THEN r.stream ELSE d.stream END,
      "modelId" = CASE WHEN r."setModel" THEN r."modelId" ELSE d."modelId" END,
      description = CASE WHEN r.description IS NOT NULL AND NOT ('description' = ANY(COALESCE(d."editedFields", '{}'))) THEN r.description ELSE d.description END,
      owner = CASE WHEN r.owner IS NOT NULL AND NOT ('owner' = ANY(COALESCE(d."editedFields", '{}'))) THEN r.owner ELSE d.owner END,
      "lastUpdatedAt" = COALESCE(r."writtenAt", d."lastUpdatedAt"),
      "rowCount" = COALESCE(r."rowCount", d."rowCount"),
      "sizeBytes" = COALESCE(r."sizeBytes", d."sizeBytes"),
      facets = (d.facets - ARRAY(SELECT jsonb_array_elements_text(r."deletedFacets"))) || r.facets,
      "updatedAt" = now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(
      namespace text, name text, kind text, "weirPlatform" text, "setLayer" boolean, layer "ModelLayer",
      "setSource" boolean, "sourceId" uuid, "setDestination" boolean, "destinationId" uuid,
      "setConnection" boolean, "connectionId" uuid, stream text, "setModel" boolean, "modelId" uuid,
      description text, owner text, "writtenAt" timestamptz, "rowCount" bigint, "sizeBytes" bigint,
      facets jsonb, "deletedFacets" jsonb)
    WHERE d.namespace = r.namespace AND d.name = r.name
    RETURNING d.id, d.namespace, d.name`;
  return new Map(ids.map((r) => [datasetKey(r), r.id]));
}

/** Replaces the columns of the datasets whose fact carries a schema: gone columns deleted, new ones added, changed ones updated. */
export async function storeColumns(tx: Tx, facts: readonly TDatasetFact[], ids: ReadonlyMap<string, string>): Promise<void> {
  const withSchema = facts.filter((f) => f.columns);
  if (!withSchema.length) return;
  const datasetIds = withSchema.map((f) => ids.get(datasetKey(f))!);
  const rows = withSchema.flatMap((f) => f.columns!.map((c) => ({ datasetId: ids.get(datasetKey(f))!, ...c })));
  rows.sort((a, b) => (a.datasetId < b.datasetId ? -1 : a.datasetId > b.datasetId ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const param = json(rows);
  await tx.$executeRaw`
    DELETE FROM "DatasetColumn" c
    WHERE c."datasetId" = ANY(${datasetIds}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${param}::jsonb) AS r("datasetId" uuid, name text) WHERE r."datasetId" = c."datasetId" AND r.name = c.name)`;
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "DatasetColumn" AS c (id, "datasetId", name, type, description, position)
    SELECT gen_random_uuid(), r."datasetId", r.name, r.type, r.description, r.position
    FROM jsonb_to_recordset(${param}::jsonb) AS r("datasetId" uuid, name text, type text, description text, position int)
    ON CONFLICT ("datasetId", name) DO UPDATE SET
      type = EXCLUDED.type,
      position = EXCLUDED.position,
      description = CASE WHEN EXCLUDED.description = '' OR 'description' = ANY(COALESCE(c."editedFields", '{}')) THEN c.description ELSE EXCLUDED.description END
    WHERE c.type <> EXCLUDED.type OR c.position <> EXCLUDED.position
      OR (EXCLUDED.description <> '' AND c.description <> EXCLUDED.description AND NOT ('description' = ANY(COALESCE(c."editedFields", '{}'))))`;
}

/** The run's inputs and outputs ("the runs that produced it" on a dataset page). */
export async function storeRunLinks(tx: Tx, runId: string, at: Date, facts: readonly TDatasetFact[], ids: ReadonlyMap<string, string>): Promise<void> {
  const rows = facts.flatMap((f) => f.roles.map((role) => ({ datasetId: ids.get(datasetKey(f))!, role })));
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "LineageRunDataset" ("runId", "datasetId", role, "eventTime")
    SELECT ${runId}::uuid, r."datasetId", r.role, ${at}
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r("datasetId" uuid, role text)
    ORDER BY r."datasetId", r.role
    ON CONFLICT ("runId", "datasetId", role) DO UPDATE SET "eventTime" = EXCLUDED."eventTime"`;
}
