/**
 * Turns a connection's stream settings into destination write plans. Pure.
 */
import type { TColumn, TSyncMode, TWritePlan } from "@/connectors/types";

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

export type TStreamSettings = {
  stream: string;
  /** The stream's namespace at the source (its schema), if any. */
  namespace?: string;
  syncMode: TSyncMode;
  cursorField: string | null;
  primaryKey: string[];
};

export function buildWritePlan(input: {
  connectionId: string;
  runId: string;
  attempt: number;
  namespace: string;
  tablePrefix: string;
  settings: TStreamSettings;
  columns: TColumn[];
}): TWritePlan {
  const { settings } = input;
  return {
    connectionId: input.connectionId,
    runId: input.runId,
    attempt: input.attempt,
    stream: settings.stream,
    namespace: input.namespace,
    table: destinationTable(input.tablePrefix, settings.stream, settings.namespace),
    columns: input.columns,
    mode: settings.syncMode,
    primaryKey: settings.primaryKey,
    cursorField: settings.cursorField ?? undefined,
  };
}
