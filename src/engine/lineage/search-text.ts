/**
 * The text catalog search matches: a dataset's name, description, owner,
 * tags, and its columns' names, descriptions and tags. Kept in
 * Dataset.searchText; a trigger turns it into Dataset.searchVector (names
 * weighted above the rest, GIN-indexed), and its words go into CatalogWord,
 * where typo tolerance finds words similar to a query's (catalog_search
 * migration). A new entry gets the same text in the insert that creates it
 * (store-datasets.ts, insertDatasets): change both together.
 */
import type { Prisma } from "@/generated/prisma/client";

type TSql = Pick<Prisma.TransactionClient, "$executeRaw">;

export async function refreshSearchText(tx: TSql, datasetIds: readonly string[]): Promise<void> {
  if (!datasetIds.length) return;
  // Only rows whose text changed are written: a producer naming the same 5,000 datasets run after run rewrites none.
  await tx.$executeRaw`
    UPDATE "Dataset" d SET "searchText" = n.text
    FROM (
      SELECT x.id, left(concat_ws(' ',
        x.name, replace(replace(x.name, '.', ' '), '_', ' '), x.description, x.owner, array_to_string(x.tags, ' '),
        (SELECT string_agg(c.name || ' ' || replace(c.name, '_', ' ') || ' ' || c.description || ' ' || array_to_string(c.tags, ' '), ' ' ORDER BY c.position)
           FROM "DatasetColumn" c WHERE c."datasetId" = x.id AND c."removedAt" IS NULL)
      ), 20000) AS text
      FROM "Dataset" x WHERE x.id = ANY(${datasetIds as string[]}::uuid[])
    ) n
    WHERE d.id = n.id AND d."searchText" IS DISTINCT FROM n.text`;
  await tx.$executeRaw`
    INSERT INTO "CatalogWord" (word)
    SELECT DISTINCT unnest(tsvector_to_array("searchVector")) AS word FROM "Dataset" WHERE id = ANY(${datasetIds as string[]}::uuid[])
    ORDER BY word -- one order for every writer, so two of them never wait on each other in a circle
    ON CONFLICT DO NOTHING`;
}
