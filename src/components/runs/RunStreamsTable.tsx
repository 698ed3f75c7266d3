/**
 * Each stream of a run: status, rows committed (of the source's estimate)
 * and rows read, bytes, duration, its error and, where the warehouse has
 * them (Snowflake), the ids of the queries that loaded it.
 */
import { QueryIds } from "@/components/runs/QueryIds";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { runFigureColumns } from "@/components/runs/run-figure-columns";
import { formatRows } from "@/lib/run-format";
import type { TRun } from "@/components/runs/RunTable";

type TStream = TRun["streams"][number];

const QUERIES: TDataColumn<TStream> = {
  id: "queries",
  header: "Warehouse queries",
  title: "Snowflake query ids, for QUERY_HISTORY",
  cell: (s) => <QueryIds ids={s.queryIds} />,
};

const COLUMNS: TDataColumn<TStream>[] = [
  { id: "stream", header: "Stream", className: "font-mono text-xs", sortValue: (s) => s.stream, cell: (s) => s.stream },
  { id: "status", header: "Status", sortValue: (s) => s.status, cell: (s) => <RunStatusBadge status={s.status} /> },
  ...runFigureColumns<TStream>({
    testIds: { committed: "run-stream-committed", read: "run-stream-read" },
    durationMs: (s) => s.durationMs,
    readSuffix: (s) => (s.estimatedRows ? <span className="text-xs text-slate-400"> / ~{formatRows(s.estimatedRows)}</span> : null),
  }),
  QUERIES,
  { id: "error", header: "Error", className: "max-w-md text-xs text-red-700", cell: (s) => s.error ?? "" },
];
const WITHOUT_QUERIES = COLUMNS.filter((c) => c !== QUERIES);

export function RunStreamsTable({ streams }: { streams: TRun["streams"] }) {
  if (streams.length === 0) return <p className="px-4 py-4 text-sm text-slate-500">No stream has started yet.</p>;
  const withQueries = streams.some((s) => s.queryIds.length > 0);
  return (
    <DataTable
      rows={streams}
      columns={withQueries ? COLUMNS : WITHOUT_QUERIES}
      rowId={(s) => s.stream}
      rowTestId={(s) => `run-stream-${s.stream}`}
      rowClassName="align-top"
      testId="run-streams"
      sortable
    />
  );
}
