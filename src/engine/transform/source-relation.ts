/**
 * Where `source('connection', 'stream')` points: the table the connection
 * loads the stream into (its namespace, its prefix plus the stream's table).
 */
import type { TCatalog } from "@/connectors/types";
import { destinationTable } from "@/lib/destination-table";

export type TSourceConnection = {
  name: string;
  namespace: string;
  tablePrefix: string;
  destinationId: string;
  streams: readonly { stream: string; selected: boolean }[];
  source: { catalog: unknown };
};

/** The dataset a connection loads `stream` into; an Error naming what is missing otherwise. */
export function sourceDataset(
  connection: TSourceConnection | undefined,
  connectionName: string,
  stream: string,
): { schema: string; table: string; destinationId: string } {
  if (!connection) throw new Error(`source('${connectionName}', '${stream}'): there is no connection "${connectionName}"`);
  if (!connection.streams.some((s) => s.stream === stream && s.selected))
    throw new Error(`source('${connectionName}', '${stream}'): the connection does not sync a stream "${stream}"`);
  const namespace = (connection.source.catalog as TCatalog | null)?.streams.find((s) => s.name === stream)?.namespace;
  return { schema: connection.namespace, table: destinationTable(connection.tablePrefix, stream, namespace), destinationId: connection.destinationId };
}
