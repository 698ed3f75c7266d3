/**
 * Transform runs as a table: status, what they selected, trigger, how their
 * models ended, start and duration.
 */
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { startedColumn } from "@/components/models/build-columns";
import { linkColumn } from "@/components/ui/link-column";
import { summarizeModels } from "@/components/models/transform-run-summary";
import { DataTable } from "@/components/ui/DataTable";
import { LIST_PAGE_SIZES } from "@/components/quality/list-page-sizes";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatDuration, runDurationMs } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TTransformRun = RouterOutputs["model"]["runStatus"];

const COLUMNS: TDataColumn<TTransformRun>[] = [
  { id: "status", header: "Status", sortValue: (r) => r.status, cell: (r) => <ModelRunStatusBadge status={r.status} /> },
  {
    id: "selection",
    header: "Selection",
    className: "max-w-xs",
    sortValue: (r) => r.selector,
    cell: (r) => <code className="break-words font-mono text-xs">{r.selector}</code>,
  },
  { id: "trigger", header: "Trigger", className: "text-slate-600", sortValue: (r) => r.trigger, cell: (r) => r.trigger },
  { id: "models", header: "Models", className: "whitespace-nowrap text-slate-700", cell: (r) => summarizeModels(r.models) },
  { id: "duration", header: "Duration", numeric: true, sortValue: (r) => runDurationMs(r), cell: (r) => formatDuration(runDurationMs(r)) },
  startedColumn(
    (r) => r.startedAt ?? r.queuedAt,
    (r) => (r.startedAt ? "" : " (queued)"),
  ),
  linkColumn("Details", (r) => `/models/runs/${r.id}`),
];

export function TransformRunTable({ runs, pageSize }: { runs: TTransformRun[]; pageSize?: number }) {
  return (
    <DataTable
      rows={runs}
      columns={COLUMNS}
      rowId={(r) => r.id}
      rowTestId={(r) => `transform-run-row-${r.id}`}
      testId="transform-run-table"
      sortable
      pageSize={pageSize}
      pageSizes={LIST_PAGE_SIZES}
      empty="No transform runs."
    />
  );
}
