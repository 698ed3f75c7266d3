/**
 * Turns a connection's stream settings into destination write plans. Pure.
 */
import type { TColumn, TSyncMode, TWritePlan } from "@/connectors/types";
import { destinationTable } from "@/lib/destination-table";

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
