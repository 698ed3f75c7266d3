/**
 * A discover puts the source's streams into the catalog (kind
 * source_stream) with their columns, in the same transaction that keeps the
 * source's catalog, so every stream Weir discovered is findable before any
 * sync reads it. The entries are written as a sync's events write them.
 */
import type { TCatalog } from "@/connectors/types";
import type { Prisma } from "@/generated/prisma/client";
import type { TEndpoint } from "@/engine/lineage/dataset-naming";
import { storeCatalogEntries } from "@/engine/lineage/record-event";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { sourceStreamDataset } from "@/engine/lineage/weir-events";

export async function recordDiscoveredStreams(tx: Prisma.TransactionClient, source: TEndpoint & { id: string }, catalog: TCatalog): Promise<void> {
  const datasets = catalog.streams.map((stream) => sourceStreamDataset(source, stream.name, stream.columns, stream.estimatedRows));
  await refreshSearchText(tx, await storeCatalogEntries(tx, datasets, { trusted: true }));
}
