/**
 * Who may state what about a catalog entry, and who did.
 *
 * Every fact of an entry (description, owner, schema, stats) remembers who
 * set it: Weir (a sync, discover or model build), a person (a catalog edit),
 * a dbt import, or an OpenLineage producer, with the job and the time.
 *
 * An entry Weir discovers, loads or builds (any kind but `external`) is
 * Weir's: an event received on the API may add facets of its own to it
 * (shown as "reported by <producer>"), but its schema, description, owner,
 * stats and the facets that state them stay as Weir has them, and a facet
 * another producer set is not overwritten or deleted. A table Weir loads or
 * a model it builds is written by Weir alone: no producer's job is recorded
 * as writing it (no edge into it, no output link). What was not applied is
 * said in the API's answer.
 *
 * A producer may have named a dataset before Weir built it (kind external
 * then): when Weir's own event makes it a table or model, what producers
 * said of it as facts goes (their edges into it, their output links, a
 * description or owner only they set, their fact-stating facets), their
 * own facets stay.
 */
import type { Prisma } from "@/generated/prisma/client";
import { WEIR_JOB_NAMESPACE } from "@/engine/lineage/dataset-naming";
import type { TDatasetFact } from "@/engine/lineage/event-plan";
import { WEIR_PRODUCER } from "@/engine/lineage/event-types";

export type TSetterKind = "weir" | "person" | "dbt" | "producer";

/** Who set a fact, through which job, and when; for a producer, also how it was received ("token:<name>", "user:<email>"), since a producer names itself. */
export type TSetter = { by: TSetterKind; name: string; job: string | null; at: string; via?: string };

/** The facts provenance is kept for. */
export type TFactName = "description" | "owner" | "schema" | "stats";

export type TProvenance = Partial<Record<TFactName, TSetter>>;

/** Kinds whose entries are not Weir's. */
const EXTERNAL = "external";

/** Weir writes these (a sync's table, a model's relation): nobody else's job is recorded as writing them. */
const WRITTEN_BY_WEIR = new Set(["table", "model"]);

/** Facets that state an entry's facts; a producer's copy of them is not kept on a Weir entry. */
export const FACT_FACETS = new Set([
  "schema",
  "documentation",
  "ownership",
  "columnLineage",
  "outputStatistics",
  "dataSource",
  "symlinks",
  "lifecycleStateChange",
  "storage",
  "version",
  "datasetType",
  "tags",
  "weir",
]);

export const isWeirOwned = (kind: string) => kind !== EXTERNAL;
export const isWrittenByWeir = (kind: string) => WRITTEN_BY_WEIR.has(kind);

/** The provenance a fact row gives the facts it states. */
export function provenanceOf(fact: TDatasetFact, setter: TSetter): TProvenance {
  return {
    ...(fact.description !== null ? { description: setter } : {}),
    ...(fact.owner !== null ? { owner: setter } : {}),
    ...(fact.columns !== null ? { schema: setter } : {}),
    ...(fact.writtenAt !== null || fact.rowCount !== null || fact.sizeBytes !== null ? { stats: setter } : {}),
  };
}

export type TStoredEntry = { kind: string; facetProducers: Record<string, string | null> };

/**
 * What a producer's event may still say about an entry that is Weir's: its
 * own facets only. Returns the reduced fact and, when something was left
 * out, a sentence saying what and why.
 */
export function asReport(fact: TDatasetFact, entry: TStoredEntry, producer: string): { fact: TDatasetFact; ignored: string | null } {
  const dropped: string[] = [];
  if (fact.description !== null) dropped.push("description");
  if (fact.owner !== null) dropped.push("owner");
  if (fact.columns !== null) dropped.push("schema");
  if (fact.writtenAt !== null || fact.rowCount !== null || fact.sizeBytes !== null) dropped.push("statistics");
  const facets: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(fact.facets)) {
    const holder = entry.facetProducers[key];
    if (FACT_FACETS.has(key) || (holder !== undefined && holder !== producer)) refused.push(key);
    else facets[key] = value;
  }
  const deletedFacets = fact.deletedFacets.filter((key) => {
    const mine = !FACT_FACETS.has(key) && entry.facetProducers[key] === producer;
    if (!mine && key in entry.facetProducers) refused.push(`${key} (delete)`);
    return mine;
  });
  const reduced: TDatasetFact = {
    ...fact,
    description: null,
    owner: null,
    columns: null,
    writtenAt: null,
    rowCount: null,
    sizeBytes: null,
    facets,
    deletedFacets,
  };
  const what = [...dropped, ...(refused.length ? [`facets ${[...new Set(refused)].join(", ")}`] : [])];
  const ignored = what.length
    ? `${fact.namespace} ${fact.name} is Weir's (${entry.kind}): its ${what.join(", ")} stay as Weir has them; this producer's own facets are kept as reported by it.`
    : null;
  return { fact: reduced, ignored };
}

/** Weir now writes `datasetIds` (they were external): producers' edges into them, output links and facts go. */
export async function claimForWeir(tx: Pick<Prisma.TransactionClient, "$executeRaw">, datasetIds: readonly string[]): Promise<void> {
  if (!datasetIds.length) return;
  const ids = [...datasetIds];
  await tx.$executeRaw`
    DELETE FROM "LineageEdge" e USING "LineageJob" j
    WHERE e."jobId" = j.id AND j.namespace <> ${WEIR_JOB_NAMESPACE} AND e."outputId" = ANY(${ids}::uuid[])`;
  await tx.$executeRaw`
    DELETE FROM "LineageRunDataset" l USING "LineageRun" r
    WHERE l."runId" = r.id AND r.origin = 'external' AND l.role = 'output' AND l."datasetId" = ANY(${ids}::uuid[])`;
  await tx.$executeRaw`
    UPDATE "Dataset" SET
      description = CASE WHEN provenance -> 'description' ->> 'by' = 'producer' THEN '' ELSE description END,
      owner = CASE WHEN provenance -> 'owner' ->> 'by' = 'producer' THEN NULL ELSE owner END,
      provenance = provenance - ARRAY(SELECT k FROM jsonb_each(provenance) p(k, v) WHERE v ->> 'by' = 'producer'),
      facets = facets - ARRAY(SELECT k FROM jsonb_each(facets) f(k, v) WHERE k = ANY(${[...FACT_FACETS]}::text[]) AND v ->> '_producer' IS DISTINCT FROM ${WEIR_PRODUCER})
    WHERE id = ANY(${ids}::uuid[])`;
}

/** Whether a namespace is one a token may name: exact, or under a pattern ending in `*`. */
export function namespaceAllowed(patterns: readonly string[], namespace: string): boolean {
  if (!patterns.length) return true;
  return patterns.some((p) => (p.endsWith("*") ? namespace.startsWith(p.slice(0, -1)) : namespace === p));
}
