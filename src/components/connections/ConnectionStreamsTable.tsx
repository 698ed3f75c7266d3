"use client";
/**
 * A saved connection's streams: how each syncs and where its state stands
 * (the cursor value committed with the last load, and when).
 */
import { ClearStreamButton } from "@/components/connections/ClearStreamButton";
import { greyUnselected, savedStreamColumn, selectedFirst } from "@/components/connections/saved-stream-columns";
import { SYNC_MODES } from "@/components/connections/stream-settings";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatTime } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TStream = RouterOutputs["connection"]["get"]["streams"][number];

const modeLabel = (mode: string) => SYNC_MODES.find((m) => m.value === mode)?.label ?? mode;

const COLUMNS: TDataColumn<TStream>[] = [
  savedStreamColumn<TStream>("Stream", "not synced"),
  { id: "mode", header: "Sync mode", sortValue: (s) => modeLabel(s.syncMode), cell: (s) => modeLabel(s.syncMode) },
  { id: "cursor", header: "Cursor", className: "font-mono text-xs", cell: (s) => s.cursorField ?? "—" },
  { id: "pk", header: "Primary key", className: "font-mono text-xs", cell: (s) => s.primaryKey.join(", ") || "—" },
  {
    id: "cursorValue",
    header: "Cursor value",
    className: "font-mono text-xs",
    cell: (s) => <span data-testid={`stream-cursor-value-${s.stream}`}>{s.state?.cursor ?? "—"}</span>,
  },
  { id: "stateUpdated", header: "State updated", className: "text-slate-600", sortValue: (s) => s.stateUpdatedAt, cell: (s) => formatTime(s.stateUpdatedAt) },
];

export function ConnectionStreamsTable({ streams, connectionId, canEdit }: { streams: TStream[]; connectionId: string; canEdit: boolean }) {
  const clear: TDataColumn<TStream> = {
    id: "clear",
    header: "",
    className: "text-right",
    cell: (s) => (s.selected ? <ClearStreamButton connectionId={connectionId} stream={s.stream} /> : null),
  };
  return (
    <DataTable
      rows={selectedFirst(streams)}
      columns={canEdit ? [...COLUMNS, clear] : COLUMNS}
      rowId={(s) => s.id}
      rowTestId={(s) => `stream-row-${s.stream}`}
      rowClassName={greyUnselected}
      testId="connection-streams"
      sortable
      empty="No streams."
    />
  );
}
