/**
 * A discover puts the source's streams into the catalog (kind
 * source_stream) with their columns, in the same transaction that keeps the
 * source's catalog, so every stream Weir discovered is findable before any
 * sync reads it.
 */
import type { TCatalog } from "@/connectors/types";
import type { Prisma } from "@/generated/prisma/client";
import { type TEndpoint, platformOf, sourceStreamName } from "@/engine/lineage/dataset-naming";
import { replaceColumns } from "@/engine/lineage/record-event";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { typeName } from "@/engine/sync/schema-diff";

export async function recordDiscoveredStreams(tx: Prisma.TransactionClient, source: TEndpoint & { id: string }, catalog: TCatalog): Promise<void> {
  const ids: string[] = [];
  for (const stream of catalog.streams) {
    const { namespace, name } = sourceStreamName(source, stream.name);
    // The source's host or port changed: its streams' entries move to the new namespace.
    if (!(await tx.dataset.findUnique({ where: { namespace_name: { namespace, name } }, select: { id: true } }))) {
      const moved = await tx.dataset.findFirst({ where: { sourceId: source.id, kind: "source_stream", name }, select: { id: true } });
      if (moved) await tx.dataset.update({ where: { id: moved.id }, data: { namespace } });
    }
    const row = await tx.dataset.upsert({
      where: { namespace_name: { namespace, name } },
      create: { namespace, name, platform: source.connector || platformOf(namespace), kind: "source_stream", sourceId: source.id, rowCount: stream.estimatedRows === undefined ? null : BigInt(stream.estimatedRows) },
      update: { sourceId: source.id, kind: "source_stream", platform: source.connector, ...(stream.estimatedRows === undefined ? {} : { rowCount: BigInt(stream.estimatedRows) }) },
      select: { id: true },
    });
    await replaceColumns(tx, row.id, stream.columns.map((c) => ({ name: c.name, type: c.sourceType ?? typeName(c.type) })));
    ids.push(row.id);
  }
  await refreshSearchText(tx, ids);
}
