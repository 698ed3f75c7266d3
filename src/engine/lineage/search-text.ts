/**
 * The text catalog search matches: a dataset's name, description, owner,
 * tags, and its columns' names, descriptions and tags. Kept in
 * Dataset.searchText; a trigger turns it into Dataset.searchVector (names
 * weighted above the rest, GIN-indexed), and its words go into CatalogWord,
 * where typo tolerance finds words similar to a query's (catalog_search
 * migration).
 */
import type { Prisma } from "@/generated/prisma/client";

type TSql = Pick<Prisma.TransactionClient, "$executeRaw">;

export async function refreshSearchText(tx: TSql, datasetIds: readonly string[]): Promise<void> {
  if (!datasetIds.length) return;
  await tx.$executeRaw`
    UPDATE "Dataset" d SET "searchText" = left(concat_ws(' ',
      d.name, replace(replace(d.name, '.', ' '), '_', ' '), d.description, d.owner, array_to_string(d.tags, ' '),
      (SELECT string_agg(c.name || ' ' || replace(c.name, '_', ' ') || ' ' || c.description || ' ' || array_to_string(c.tags, ' '), ' ' ORDER BY c.position)
         FROM "DatasetColumn" c WHERE c."datasetId" = d.id)
    ), 20000)
    WHERE d.id = ANY(${datasetIds as string[]}::uuid[])`;
  await tx.$executeRaw`
    INSERT INTO "CatalogWord" (word)
    SELECT DISTINCT unnest(tsvector_to_array("searchVector")) AS word FROM "Dataset" WHERE id = ANY(${datasetIds as string[]}::uuid[])
    ORDER BY word -- one order for every writer, so two of them never wait on each other in a circle
    ON CONFLICT DO NOTHING`;
}
