/**
 * The checks Weir keeps on every connection stream with a primary key, so
 * nobody has to write them: not null on each key column and, where the
 * destination table should hold one row per key (full refresh overwrite,
 * incremental dedup), unique on the key. Append modes keep every version by
 * design, so a unique check there would only ever fail. Kept in step with
 * the connection's streams whenever it is created or changed; they run after
 * each sync and gate the models that read the stream.
 */
import { db } from "@/db/client";
import { sourceDataset } from "@/engine/transform/source-relation";
import type { TCheckKind } from "@/engine/quality/check-definition";
import { isWarehouseConnector } from "@/server/transforms/model-store";

type TWanted = { name: string; schema: string; table: string; stream: string; check: TCheckKind };

export async function syncAutomaticChecks(connectionId: string): Promise<void> {
  const connection = await db().connection.findUnique({
    where: { id: connectionId },
    include: { streams: true, destination: true, source: { select: { catalog: true } } },
  });
  if (!connection) return;
  const wanted: TWanted[] = [];
  if (isWarehouseConnector(connection.destination.connector)) {
    for (const stream of connection.streams.filter((s) => s.selected && s.primaryKey.length)) {
      const dataset = sourceDataset(connection, connection.name, stream.stream);
      const at = { schema: dataset.schema, table: dataset.table, stream: stream.stream };
      for (const column of stream.primaryKey) wanted.push({ ...at, name: `${column} not null`, check: { kind: "not_null", column } });
      if (stream.syncMode === "full_refresh_overwrite" || stream.syncMode === "incremental_dedup") {
        wanted.push({ ...at, name: `${stream.primaryKey.join(", ")} unique`, check: { kind: "unique", columns: stream.primaryKey } });
      }
    }
  }
  await db().$transaction(async (tx) => {
    const existing = await tx.check.findMany({ where: { connectionId, automatic: true } });
    const key = (c: { datasetSchema: string; datasetTable: string; name: string }) => `${c.datasetSchema}.${c.datasetTable}\u0000${c.name}`;
    const keep = new Set(wanted.map((w) => key({ datasetSchema: w.schema, datasetTable: w.table, name: w.name })));
    const stale = existing.filter((c) => !keep.has(key(c)) || c.destinationId !== connection.destinationId);
    if (stale.length) await tx.check.deleteMany({ where: { id: { in: stale.map((c) => c.id) } } });
    for (const w of wanted) {
      await tx.check.upsert({
        where: {
          destinationId_datasetSchema_datasetTable_name: {
            destinationId: connection.destinationId,
            datasetSchema: w.schema,
            datasetTable: w.table,
            name: w.name,
          },
        },
        create: {
          name: w.name,
          destinationId: connection.destinationId,
          datasetSchema: w.schema,
          datasetTable: w.table,
          connectionId,
          stream: w.stream,
          definition: w.check,
          severity: "error",
          automatic: true,
        },
        update: { connectionId, stream: w.stream, definition: w.check },
      });
    }
  });
}
