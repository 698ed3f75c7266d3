"use client";
/**
 * The schema changes Weir noticed at the source and what the connection's
 * policy did with each (propagated, paused, ignored). Hidden when there are none.
 */
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { Panel } from "@/components/ui/Panel";
import { formatTime } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TEvent = RouterOutputs["connection"]["schemaChanges"][number];

const changeLabel = (e: TEvent) => e.change.replace("column_", "column ").replace("_", " ");

const COLUMNS: TDataColumn<TEvent>[] = [
  { id: "when", header: "When", className: "text-slate-600", sortValue: (e) => e.createdAt, cell: (e) => formatTime(e.createdAt) },
  { id: "stream", header: "Stream", className: "font-mono text-xs", sortValue: (e) => e.stream, cell: (e) => e.stream },
  { id: "change", header: "Change", sortValue: changeLabel, cell: changeLabel },
  { id: "column", header: "Column", className: "font-mono text-xs", sortValue: (e) => e.column, cell: (e) => e.column },
  { id: "type", header: "Type", className: "font-mono text-xs", cell: (e) => `${e.fromType ?? "—"} → ${e.toType ?? "—"}` },
  { id: "action", header: "Action", sortValue: (e) => e.action, cell: (e) => e.action },
];

export function SchemaChanges({ connectionId }: { connectionId: string }) {
  const events = trpc.connection.schemaChanges.useQuery({ id: connectionId });
  if (!events.data?.length) return null;
  return (
    <Panel title="Schema changes" testId="schema-changes">
      <DataTable rows={events.data} columns={COLUMNS} rowId={(e) => e.id} sortable />
    </Panel>
  );
}
