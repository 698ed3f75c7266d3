/**
 * The name a source stream's table gets at the destination. Pure and shared: the sync engine
 * writes to it and the UI shows it (topic and dataset pickers), so it lives under both.
 */

/**
 * The destination table of a source stream: the connection's prefix plus the
 * stream's name without its namespace; streams outside the default schema
 * keep their schema in the name ("sales.orders" → "sales_orders") so two
 * schemas never collide. Streams without a namespace (files, APIs) keep their name.
 */
export function destinationTable(prefix: string, stream: string, namespace?: string): string {
  if (!namespace || !stream.startsWith(`${namespace}.`)) return `${prefix}${stream}`;
  const table = stream.slice(namespace.length + 1);
  return `${prefix}${namespace === "public" ? "" : `${namespace}_`}${table}`;
}
