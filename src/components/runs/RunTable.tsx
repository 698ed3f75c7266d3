/**
 * Runs as a table: status, trigger, rows committed and rows read, bytes,
 * duration and start; with the connection's name when the runs come from
 * several connections. A failed run reads rows it never committed, so the
 * two differ there.
 */
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { runFigureColumns } from "@/components/runs/run-figure-columns";
import { formatTime, runDurationMs } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TRun = RouterOutputs["run"]["get"];

const startedAt = (r: TRun) => r.startedAt ?? r.queuedAt;

const CONNECTION: TDataColumn<TRun> = {
  id: "connection",
  header: "Connection",
  sortValue: (r) => r.connectionName,
  cell: (r) => (
    <Link href={`/connections/${r.connectionId}`} className="hover:underline">
      {r.connectionName}
    </Link>
  ),
};

const COLUMNS: TDataColumn<TRun>[] = [
  { id: "status", header: "Status", sortValue: (r) => r.status, cell: (r) => <RunStatusBadge status={r.status} /> },
  CONNECTION,
  { id: "trigger", header: "Trigger", sortValue: (r) => r.trigger, className: "text-slate-600", cell: (r) => r.trigger },
  ...runFigureColumns<TRun>({ testIds: { committed: "run-rows-committed", read: "run-rows-read" }, durationMs: runDurationMs }),
  {
    id: "started",
    header: "Started",
    className: "whitespace-nowrap text-slate-600",
    sortValue: (r) => new Date(startedAt(r)),
    cell: (r) => `${formatTime(startedAt(r))}${r.startedAt ? "" : " (queued)"}`,
  },
  {
    id: "details",
    header: "",
    className: "text-right",
    cell: (r) => (
      <Link href={`/runs/${r.id}`} className="text-xs font-medium text-slate-700 underline">
        Details
      </Link>
    ),
  },
];
const WITHOUT_CONNECTION = COLUMNS.filter((c) => c !== CONNECTION);

export function RunTable({ runs, showConnection = false, pageSize }: { runs: TRun[]; showConnection?: boolean; pageSize?: number }) {
  return (
    <DataTable
      rows={runs}
      columns={showConnection ? COLUMNS : WITHOUT_CONNECTION}
      rowId={(r) => r.id}
      rowTestId={(r) => `run-row-${r.id}`}
      testId="run-table"
      sortable
      pageSize={pageSize}
      empty="No runs."
    />
  );
}
