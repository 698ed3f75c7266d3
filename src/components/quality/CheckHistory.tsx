/**
 * A check's results, newest first: status, observed value, failing and total
 * rows, duration, time, and the run that produced each.
 */
import Link from "next/link";
import { CheckStatusBadge } from "@/components/quality/CheckStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatDuration, formatRows, formatTime } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TResult = RouterOutputs["quality"]["check"]["results"][number] & { index: number };

const COLUMNS: TDataColumn<TResult>[] = [
  { id: "status", header: "Status", sortValue: (r) => r.status, cell: (r) => <CheckStatusBadge status={r.status} /> },
  {
    id: "observed",
    header: "Observed",
    numeric: true,
    sortValue: (r) => r.observed,
    cell: (r) => (r.observed === null ? "—" : r.observed.toLocaleString("en-US", { maximumFractionDigits: 4 })),
  },
  {
    id: "failing",
    header: "Failing rows",
    numeric: true,
    sortValue: (r) => r.failingRows,
    cell: (r) => (
      <>
        {r.failingRows === null ? "—" : formatRows(r.failingRows)}
        {r.totalRows !== null ? <span className="text-xs text-slate-400"> / {formatRows(r.totalRows)}</span> : null}
      </>
    ),
  },
  { id: "message", header: "Message", className: "max-w-md text-slate-700", cell: (r) => r.message },
  { id: "took", header: "Took", numeric: true, sortValue: (r) => r.durationMs, cell: (r) => formatDuration(r.durationMs) },
  { id: "time", header: "Time", className: "whitespace-nowrap text-slate-600", sortValue: (r) => r.createdAt, cell: (r) => formatTime(r.createdAt) },
  {
    id: "run",
    header: "",
    className: "text-right",
    cell: (r) =>
      r.transformRunId ? (
        <Link href={`/models/runs/${r.transformRunId}`} className="text-xs underline">
          Run
        </Link>
      ) : r.syncRunId ? (
        <Link href={`/runs/${r.syncRunId}`} className="text-xs underline">
          Sync
        </Link>
      ) : null,
  },
];

export function CheckHistory({ results }: { results: RouterOutputs["quality"]["check"]["results"] }) {
  return (
    <DataTable
      rows={results.map((r, index) => ({ ...r, index }))}
      columns={COLUMNS}
      rowId={(r) => r.id}
      rowTestId={(r) => `check-result-${r.index}`}
      rowClassName="align-top"
      testId="check-history"
      sortable
    />
  );
}
