/**
 * Turns a connection's stream settings into destination write plans. Pure.
 */
import type { TColumn, TSyncMode, TWritePlan } from "@/connectors/types";

/**
 * The destination table of a source stream: the connection's prefix plus the
 * stream's table name; streams outside the default schema keep their schema
 * in the name ("sales.orders" → "sales_orders") so two schemas never collide.
 */
export function destinationTable(prefix: string, stream: string): string {
  const dot = stream.indexOf(".");
  const schema = dot >= 0 ? stream.slice(0, dot) : "";
  const table = dot >= 0 ? stream.slice(dot + 1) : stream;
  return `${prefix}${schema && schema !== "public" ? `${schema}_` : ""}${table}`;
}

export type TStreamSettings = {
  stream: string;
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
    table: destinationTable(input.tablePrefix, settings.stream),
    columns: input.columns,
    mode: settings.syncMode,
    primaryKey: settings.primaryKey,
    cursorField: settings.cursorField ?? undefined,
  };
}
