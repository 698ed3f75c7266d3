/**
 * Which source connectors stream (their connections are started and
 * stopped rather than run on a schedule). The connection's own output says
 * so (`streaming`); before a connection exists, the wizard only knows the
 * source's connector name, and neither the source list nor the connector
 * catalog carries the connector's `streaming` flag yet, hence this list.
 */
const STREAMING_CONNECTORS: ReadonlySet<string> = new Set(["kafka"]);

export function isStreamingConnector(connector: string | undefined): boolean {
  return connector !== undefined && STREAMING_CONNECTORS.has(connector);
}
