/**
 * Writes the dataset facts of an event plan (event-plan.ts) set-based: one
 * statement per table whatever the number of datasets, rows passed as one
 * JSON parameter and read with jsonb_to_recordset. A producer's 5,000-input
 * event is a handful of statements, not tens of thousands of round trips.
 * Rows are written in (namespace, name) order, so two writers lock shared
 * rows in the same order. Edited fields stay as a person left them.
 */
import { createHash } from "node:crypto";

import { Prisma } from "@/generated/prisma/client";
import { type TSetter, type TStoredEntry, asReport, isWeirOwned, provenanceOf } from "@/engine/lineage/catalog-provenance";
import { type TDatasetFact, datasetKey } from "@/engine/lineage/event-plan";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

const json = (rows: unknown[]) => JSON.stringify(rows);
const byKey = (a: TDatasetFact, b: TDatasetFact) =>
  a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Weir's own datasets under a namespace that changed (a source's host or
 * port, a warehouse file moved): the entry of the same owner, kind and name
 * moves to the new namespace, keeping its edits, edges and history, instead
 * of a second entry appearing beside it.
 */
async function moveDatasets(tx: Tx, facts: readonly TDatasetFact[]): Promise<void> {
  const owned = facts
    .filter((f) => f.kind && (f.ownerSourceId || f.ownerDestinationId))
    .map((f) => ({ namespace: f.namespace, name: f.name, kind: f.kind, ownerSourceId: f.ownerSourceId, ownerDestinationId: f.ownerDestinationId }));
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

export type TStoredDatasets = {
  /** Dataset ids by key (datasetKey). */
  ids: Map<string, string>;
  /** Entries these facts created. */
  inserted: Set<string>;
  /** Entries created or changed by these facts: their search text needs refreshing. */
  changed: Set<string>;
  /** Existing entries whose schema facet differs from the one stored: their columns need replacing. */
  schemaChanged: Set<string>;
  /** The kind of each entry (by id) as it was before these facts. */
  kinds: Map<string, string>;
  /** What a producer's facts could not change (catalog-provenance.ts), one sentence per entry. */
  ignored: string[];
  /** The facts as applied (a producer's reduced to what it may state): what storeColumns writes. */
  applied: TDatasetFact[];
};

/** Who states the facts, and for a producer's event (untrusted) its producer URI. */
export type TStoreOptions = { setter: TSetter; producer: string | null };

/** The SHA-1 of a fact as stored: the same facts give the same hash (their run links are not part of it). */
function factsHash(fact: TDatasetFact): string {
  const { roles: _roles, ...stated } = fact;
  return createHash("sha1").update(JSON.stringify(stated)).digest("base64url");
}

/** A fact as a row of the statements below, with who states it. */
const factRow = (fact: TDatasetFact, setter: TSetter) => {
  const { columns, roles: _roles, ...row } = fact;
  return { ...row, hasSchema: columns !== null, factsHash: factsHash(fact), provenance: provenanceOf(fact, setter) };
};

/** The recordset's columns: every field of a fact row. */
const FACT_COLUMNS = Prisma.sql`
  namespace text, name text, platform text, kind text, "weirPlatform" text, "setLayer" boolean, layer "ModelLayer",
  "setSource" boolean, "sourceId" uuid, "setDestination" boolean, "destinationId" uuid,
  "setConnection" boolean, "connectionId" uuid, stream text, "setModel" boolean, "modelId" uuid,
  description text, owner text, "writtenAt" timestamptz, "rowCount" bigint, "sizeBytes" bigint,
  facets jsonb, "deletedFacets" jsonb, "hasSchema" boolean, "factsHash" text, provenance jsonb`;

/**
 * New entries, written once with everything their facts say, their search
 * text included (search-text.ts's expression for an entry without tags,
 * over the columns it is about to get), so the insert is their only write.
 * A concurrent writer of the same key makes the event retry.
 */
async function insertDatasets(tx: Tx, facts: readonly TDatasetFact[], setter: TSetter): Promise<{ id: string; namespace: string; name: string }[]> {
  if (!facts.length) return [];
  const rows = facts.map((f) => ({ ...factRow(f, setter), searchColumns: f.columns ?? [] }));
  return tx.$queryRaw`
    INSERT INTO "Dataset" (id, namespace, name, platform, kind, layer, "sourceId", "destinationId", "connectionId", stream, "modelId",
      description, owner, "lastUpdatedAt", "rowCount", "sizeBytes", facets, "factsHash", provenance, "searchText", "updatedAt")
    SELECT gen_random_uuid(), r.namespace, r.name, COALESCE(r."weirPlatform", r.platform), COALESCE(r.kind, 'external'), r.layer, r."sourceId", r."destinationId",
      r."connectionId", r.stream, r."modelId", COALESCE(r.description, ''), r.owner, r."writtenAt", r."rowCount", r."sizeBytes", r.facets, r."factsHash", r.provenance,
      left(concat_ws(' ', r.name, replace(replace(r.name, '.', ' '), '_', ' '), COALESCE(r.description, ''), r.owner, '',
        (SELECT string_agg((c ->> 'name') || ' ' || replace(c ->> 'name', '_', ' ') || ' ' || (c ->> 'description') || ' ', ' ' ORDER BY (c ->> 'position')::int)
           FROM jsonb_array_elements(r."searchColumns") c)
      ), 20000),
      now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(${FACT_COLUMNS}, "searchColumns" jsonb)
    RETURNING id, namespace, name`;
}

/** Existing entries updated from their facts; `updatedAt` moves only when a value changes. */
async function updateDatasets(tx: Tx, facts: readonly TDatasetFact[], setter: TSetter): Promise<{ id: string; updated: boolean; schemaChanged: boolean }[]> {
  if (!facts.length) return [];
  return tx.$queryRaw`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${json(facts.map((f) => factRow(f, setter)))}::jsonb) AS r(${FACT_COLUMNS})
    ), m AS (
      SELECT d.id, r."factsHash",
        -- A dbt import names tables Weir loads or builds too: it adds their docs, never takes over their kind.
        CASE WHEN starts_with(r.kind, 'dbt_') AND NOT starts_with(d.kind, 'dbt_') AND d.kind <> 'external' THEN d.kind ELSE COALESCE(r.kind, d.kind) END AS kind,
        -- A dataset marked removed (its dbt node left the project) is back once Weir's facet states it again.
        CASE WHEN r.kind IS NOT NULL THEN NULL ELSE d."removedAt" END AS "removedAt",
        COALESCE(r."weirPlatform", d.platform) AS platform,
        CASE WHEN r."setLayer" THEN r.layer ELSE d.layer END AS layer,
        CASE WHEN r."setSource" THEN r."sourceId" ELSE d."sourceId" END AS "sourceId",
        CASE WHEN r."setDestination" THEN r."destinationId" ELSE d."destinationId" END AS "destinationId",
        CASE WHEN r."setConnection" THEN r."connectionId" ELSE d."connectionId" END AS "connectionId",
        CASE WHEN r."setConnection" THEN r.stream ELSE d.stream END AS stream,
        CASE WHEN r."setModel" THEN r."modelId" ELSE d."modelId" END AS "modelId",
        CASE WHEN r.description IS NOT NULL AND NOT ('description' = ANY(COALESCE(d."editedFields", '{}'))) THEN r.description ELSE d.description END AS description,
        CASE WHEN r.owner IS NOT NULL AND NOT ('owner' = ANY(COALESCE(d."editedFields", '{}'))) THEN r.owner ELSE d.owner END AS owner,
        COALESCE(r."writtenAt", d."lastUpdatedAt") AS "lastUpdatedAt",
        COALESCE(r."rowCount", d."rowCount") AS "rowCount",
        COALESCE(r."sizeBytes", d."sizeBytes") AS "sizeBytes",
        (d.facets - ARRAY(SELECT jsonb_array_elements_text(r."deletedFacets"))) || r.facets AS facets,
        r."hasSchema" AND d.facets -> 'schema' IS DISTINCT FROM r.facets -> 'schema' AS "schemaChanged",
        r.provenance AS stated
      FROM r JOIN "Dataset" d ON d.namespace = r.namespace AND d.name = r.name
    ), n AS (
      -- A fact's provenance moves only when its value does: who set the value the entry holds.
      SELECT m.*, d.provenance || jsonb_strip_nulls(jsonb_build_object(
          'description', CASE WHEN m.description IS DISTINCT FROM d.description THEN m.stated -> 'description' END,
          'owner', CASE WHEN m.owner IS DISTINCT FROM d.owner THEN m.stated -> 'owner' END,
          'schema', CASE WHEN m."schemaChanged" OR (m.stated ? 'schema' AND NOT d.provenance ? 'schema') THEN m.stated -> 'schema' END,
          'stats', CASE WHEN (m."lastUpdatedAt", m."rowCount", m."sizeBytes") IS DISTINCT FROM (d."lastUpdatedAt", d."rowCount", d."sizeBytes") THEN m.stated -> 'stats' END
        )) AS provenance
      FROM m JOIN "Dataset" d ON d.id = m.id
    ), c AS (
      SELECT n.*, (d.kind, d.platform, d.layer, d."sourceId", d."destinationId", d."connectionId", d.stream, d."modelId", d.description, d.owner, d."lastUpdatedAt", d."rowCount", d."sizeBytes", d.facets, d."removedAt")
          IS DISTINCT FROM (n.kind, n.platform, n.layer, n."sourceId", n."destinationId", n."connectionId", n.stream, n."modelId", n.description, n.owner, n."lastUpdatedAt", n."rowCount", n."sizeBytes", n.facets, n."removedAt") AS updated
      FROM n JOIN "Dataset" d ON d.id = n.id
    ), u AS (
      UPDATE "Dataset" d SET
        kind = n.kind, platform = n.platform, layer = n.layer, "sourceId" = n."sourceId", "destinationId" = n."destinationId",
        "connectionId" = n."connectionId", stream = n.stream, "modelId" = n."modelId", description = n.description, owner = n.owner,
        "lastUpdatedAt" = n."lastUpdatedAt", "rowCount" = n."rowCount", "sizeBytes" = n."sizeBytes", facets = n.facets, "removedAt" = n."removedAt",
        "factsHash" = n."factsHash", provenance = n.provenance, "updatedAt" = CASE WHEN n.updated THEN now() ELSE d."updatedAt" END
      FROM c AS n
      WHERE d.id = n.id
      RETURNING d.id
    )
    SELECT c.id, c.updated, c."schemaChanged" FROM c WHERE c.id IN (SELECT id FROM u)`;
}

/** A dataset named and nothing more (an input by name): applying it changes nothing, so an existing entry is not written (nor its facts hash). */
function statesNothing(f: TDatasetFact): boolean {
  return (
    !f.kind &&
    !f.setLayer &&
    !f.setSource &&
    !f.setDestination &&
    !f.setConnection &&
    !f.setModel &&
    f.description === null &&
    f.owner === null &&
    f.writtenAt === null &&
    f.rowCount === null &&
    f.sizeBytes === null &&
    f.columns === null &&
    !f.deletedFacets.length &&
    !Object.keys(f.facets).length
  );
}

/**
 * Creates the missing entries and updates the others from their facts.
 * Each entry remembers the hash of the last facts applied to it; applying
 * facts is idempotent, so the same facts again (a producer's unchanged
 * inputs, run after run) are skipped without being sent, and a row is
 * written only when a value changes. A new entry is written once, whole.
 */
export async function storeDatasets(tx: Tx, stated: readonly TDatasetFact[], opts: TStoreOptions): Promise<TStoredDatasets> {
  const stored: TStoredDatasets = {
    ids: new Map(),
    inserted: new Set(),
    changed: new Set(),
    schemaChanged: new Set(),
    kinds: new Map(),
    ignored: [],
    applied: [],
  };
  if (!stated.length) return stored;
  let sorted = [...stated].sort(byKey);
  await moveDatasets(tx, sorted);
  const keys = json(sorted.map((f) => ({ namespace: f.namespace, name: f.name })));
  // Who set each facet matters only to a producer's event about an entry that is Weir's (asReport below).
  const producer = opts.producer;
  const facetProducers =
    producer === null
      ? Prisma.sql`'{}'::jsonb`
      : Prisma.sql`(SELECT COALESCE(jsonb_object_agg(e.key, e.value ->> '_producer'), '{}') FROM jsonb_each(d.facets) e)`;
  const existing = await tx.$queryRaw<({ id: string; namespace: string; name: string; factsHash: string | null } & TStoredEntry)[]>`
    SELECT d.id, d.namespace, d.name, d."factsHash", d.kind, ${facetProducers} AS "facetProducers"
    FROM jsonb_to_recordset(${keys}::jsonb) AS r(namespace text, name text) JOIN "Dataset" d ON d.namespace = r.namespace AND d.name = r.name`;
  const known = new Map(existing.map((r) => [datasetKey(r), r]));
  for (const r of existing) {
    stored.ids.set(datasetKey(r), r.id);
    stored.kinds.set(r.id, r.kind);
  }
  // A producer's facts about an entry that is Weir's: only its own facets stay.
  if (producer !== null) {
    sorted = sorted.map((f) => {
      const entry = known.get(datasetKey(f));
      if (!entry || !isWeirOwned(entry.kind)) return f;
      const report = asReport(f, entry, producer);
      if (report.ignored) stored.ignored.push(report.ignored);
      return report.fact;
    });
  }
  stored.applied = sorted;
  const fresh = sorted.filter((f) => !known.has(datasetKey(f)));
  const stale = sorted.filter((f) => known.has(datasetKey(f)) && !statesNothing(f) && known.get(datasetKey(f))!.factsHash !== factsHash(f));
  for (const r of await insertDatasets(tx, fresh, opts.setter)) {
    stored.ids.set(datasetKey(r), r.id);
    stored.inserted.add(r.id);
    stored.changed.add(r.id);
  }
  for (const r of await updateDatasets(tx, stale, opts.setter)) {
    if (r.updated) stored.changed.add(r.id);
    if (r.schemaChanged) stored.schemaChanged.add(r.id);
  }
  return stored;
}

/**
 * Columns of new entries are inserted; those of entries whose schema
 * changed are replaced: new ones added, changed ones updated, gone ones
 * deleted, except a gone column a person edited (a PII flag above all),
 * which is kept hidden (removedAt) and is back with its flags if it returns:
 * a schema change never removes a PII flag.
 */
export async function storeColumns(tx: Tx, facts: readonly TDatasetFact[], stored: TStoredDatasets): Promise<void> {
  const rowsOf = (list: readonly TDatasetFact[]) =>
    list
      .flatMap((f) => f.columns!.map((c) => ({ datasetId: stored.ids.get(datasetKey(f))!, ...c })))
      .sort((a, b) => (a.datasetId < b.datasetId ? -1 : a.datasetId > b.datasetId ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const idOf = (f: TDatasetFact) => stored.ids.get(datasetKey(f))!;
  const fresh = rowsOf(facts.filter((f) => f.columns && stored.inserted.has(idOf(f))));
  if (fresh.length) {
    await tx.$executeRaw`
      INSERT INTO "DatasetColumn" (id, "datasetId", name, type, description, position)
      SELECT gen_random_uuid(), r."datasetId", r.name, r.type, r.description, r.position
      FROM jsonb_to_recordset(${json(fresh)}::jsonb) AS r("datasetId" uuid, name text, type text, description text, position int)`;
  }
  const changed = facts.filter((f) => f.columns && stored.schemaChanged.has(idOf(f)));
  if (!changed.length) return;
  const rows = rowsOf(changed);
  const param = json(rows);
  const gone = Prisma.sql`c."datasetId" = ANY(${changed.map(idOf)}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${param}::jsonb) AS r("datasetId" uuid, name text) WHERE r."datasetId" = c."datasetId" AND r.name = c.name)`;
  const edited = Prisma.sql`(c.pii OR cardinality(c."editedFields") > 0)`;
  await tx.$executeRaw`DELETE FROM "DatasetColumn" c WHERE ${gone} AND NOT ${edited}`;
  await tx.$executeRaw`UPDATE "DatasetColumn" c SET "removedAt" = now() WHERE ${gone} AND ${edited} AND c."removedAt" IS NULL`;
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "DatasetColumn" AS c (id, "datasetId", name, type, description, position)
    SELECT gen_random_uuid(), r."datasetId", r.name, r.type, r.description, r.position
    FROM jsonb_to_recordset(${param}::jsonb) AS r("datasetId" uuid, name text, type text, description text, position int)
    ON CONFLICT ("datasetId", name) DO UPDATE SET
      type = EXCLUDED.type,
      position = EXCLUDED.position,
      "removedAt" = NULL,
      description = CASE WHEN EXCLUDED.description = '' OR 'description' = ANY(COALESCE(c."editedFields", '{}')) THEN c.description ELSE EXCLUDED.description END
    WHERE c.type <> EXCLUDED.type OR c.position <> EXCLUDED.position OR c."removedAt" IS NOT NULL
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
