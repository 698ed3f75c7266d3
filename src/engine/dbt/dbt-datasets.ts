/**
 * A dbt project's models, seeds, snapshots and sources as catalog datasets:
 * named as their relation in the warehouse the import names, exactly as
 * Weir names its own tables there (dataset-naming.ts), so a dbt source that
 * Weir loads, or a model an OpenLineage producer reports, is the same
 * catalog entry. Each carries the node's description, owner and column docs
 * (schema facet, the warehouse's columns where Weir reaches the relation)
 * and Weir's `weir` facet with a dbt kind. Nodes naming the same relation (a
 * seed also declared as a source) make one dataset. Pure.
 */
import type { TDbtColumn, TDbtImport } from "@/engine/dbt/dbt-artifacts";
import { type TEndpoint, warehouseRelationName } from "@/engine/lineage/dataset-naming";
import { FACET_SCHEMAS, type TDataset, type TSchemaField, facet } from "@/engine/lineage/event-types";

export type TDbtKind = "dbt_model" | "dbt_seed" | "dbt_snapshot" | "dbt_source";

/** A node of the project as the catalog sees it. */
export type TDbtCatalogNode = {
  uniqueId: string;
  kind: TDbtKind;
  /** `schema.table`, lower-case: the relation in the warehouse (dbt's database part left out, as Weir names its tables). */
  relation: string;
  schema: string;
  table: string;
  description: string;
  owner: string | null;
  columns: TDbtColumn[];
  upstream: string[];
  compiledSql: string | null;
};

/** Columns of a relation known apart from the manifest: the warehouse's, else the catalog's. */
export type TKnownColumns = ReadonlyMap<string, readonly { name: string; type: string }[]>;

const lastPart = (relation: string) => relation.split(".").at(-1)!;

export function catalogNodes(artifacts: TDbtImport): TDbtCatalogNode[] {
  const node = (n: Omit<TDbtCatalogNode, "relation">): TDbtCatalogNode => ({ ...n, relation: `${n.schema}.${n.table}`.toLowerCase() });
  return [
    ...artifacts.models.map((m) =>
      node({
        uniqueId: m.uniqueId,
        kind: `dbt_${m.kind}` as TDbtKind,
        schema: m.schema,
        table: lastPart(m.relation),
        description: m.description,
        owner: m.owner,
        columns: m.columns,
        upstream: m.upstream,
        compiledSql: m.compiledSql,
      }),
    ),
    ...artifacts.sources.map((s) =>
      node({
        uniqueId: s.uniqueId,
        kind: "dbt_source",
        schema: s.schema,
        table: lastPart(s.relation),
        description: s.description,
        owner: null,
        columns: s.columns,
        upstream: [],
        compiledSql: null,
      }),
    ),
  ];
}

/** The node's dataset name in the destination. */
export const dbtDatasetName = (destination: TEndpoint, node: Pick<TDbtCatalogNode, "schema" | "table">) =>
  warehouseRelationName(destination, node.schema, node.table);

/** The warehouse's (or catalog's) columns in their order with the manifest's docs; columns only the manifest lists come after. */
export function schemaFields(manifest: readonly TDbtColumn[], known: readonly { name: string; type: string }[] | undefined): TSchemaField[] {
  const docs = new Map(manifest.map((c) => [c.name.toLowerCase(), c]));
  const listed = new Set((known ?? []).map((c) => c.name.toLowerCase()));
  const field = (name: string, type: string | null, description: string) => ({ name, ...(type ? { type } : {}), ...(description ? { description } : {}) });
  return [
    ...(known ?? []).map((c) => field(c.name, c.type, docs.get(c.name.toLowerCase())?.description ?? "")),
    ...manifest.filter((c) => !listed.has(c.name.toLowerCase())).map((c) => field(c.name, c.dataType, c.description)),
  ];
}

/** A node that builds its relation outranks a source declaring it (the kind); the first non-empty description and owner win. */
const RANK: Record<TDbtKind, number> = { dbt_model: 0, dbt_snapshot: 1, dbt_seed: 2, dbt_source: 3 };

/**
 * One dataset per relation the project names, keyed by relation, with
 * everything the manifest and the warehouse say about it.
 */
export function dbtDatasets(nodes: readonly TDbtCatalogNode[], destination: TEndpoint & { id: string }, known: TKnownColumns): Map<string, TDataset> {
  const byRelation = new Map<string, TDbtCatalogNode[]>();
  for (const n of nodes) byRelation.set(n.relation, [...(byRelation.get(n.relation) ?? []), n]);
  const out = new Map<string, TDataset>();
  for (const [relation, group] of byRelation) {
    const sorted = [...group].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
    const description = sorted.find((n) => n.description)?.description;
    const owner = sorted.find((n) => n.owner)?.owner;
    const columns = sorted.flatMap((n) => n.columns).filter((c, i, all) => all.findIndex((o) => o.name.toLowerCase() === c.name.toLowerCase()) === i);
    const fields = schemaFields(columns, known.get(relation));
    out.set(relation, {
      ...dbtDatasetName(destination, sorted[0]!),
      facets: {
        ...(description ? { documentation: facet(FACET_SCHEMAS.documentation, { description }) } : {}),
        ...(owner ? { ownership: facet(FACET_SCHEMAS.ownership, { owners: [{ name: owner }] }) } : {}),
        ...(fields.length ? { schema: facet(FACET_SCHEMAS.schema, { fields }) } : {}),
        weir: facet(FACET_SCHEMAS.weir, { kind: sorted[0]!.kind, destinationId: destination.id }),
      },
    });
  }
  return out;
}
