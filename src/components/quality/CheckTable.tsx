/**
 * Checks as a table: name, dataset, what they test, severity, latest status
 * and the trend of their last results; an open incident is flagged.
 */
import Link from "next/link";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { CheckTrend } from "@/components/quality/CheckTrend";
import { describeCheck } from "@/components/quality/check-kinds";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { LIST_PAGE_SIZES } from "@/components/quality/list-page-sizes";
import type { TDataColumn } from "@/components/ui/data-column";
import { timeAgo } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TCheck = RouterOutputs["quality"]["check"];

const DATASET: TDataColumn<TCheck> = {
  id: "dataset",
  header: "Dataset",
  className: "w-[22%]",
  sortValue: (c) => c.dataset,
  cell: (c) => (
    <>
      <span className="font-mono text-xs [overflow-wrap:anywhere]">{c.dataset}</span>
      <p className="text-xs text-slate-500">
        {c.model ? (
          <Link href={`/models/${c.model.id}`} className="hover:underline">
            model {c.model.name}
          </Link>
        ) : c.stream ? (
          `stream ${c.stream}`
        ) : c.reportedBy ? (
          `reported by ${c.reportedBy}`
        ) : (
          c.destination?.name
        )}
      </p>
    </>
  ),
};

const COLUMNS: TDataColumn<TCheck>[] = [
  {
    id: "check",
    header: "Check",
    sortValue: (c) => c.name,
    cell: (c) => (
      <>
        <Link href={`/quality/checks/${c.id}`} className="font-medium [overflow-wrap:anywhere] hover:underline">
          {c.name}
        </Link>
        {c.automatic ? (
          <Badge className="ml-2" title="Kept by Weir on the stream's primary key">
            automatic
          </Badge>
        ) : null}
        {!c.enabled ? <Badge className="ml-2">disabled</Badge> : null}
        <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">{describeCheck(c.check)}</p>
      </>
    ),
  },
  DATASET,
  { id: "severity", header: "Severity", className: "w-24", sortValue: (c) => c.severity, cell: (c) => <SeverityBadge severity={c.severity} /> },
  {
    id: "status",
    header: "Last status",
    className: "w-[24%]",
    sortValue: (c) => c.results[0]?.status ?? "never",
    cell: (c) => {
      const last = c.results[0];
      return (
        <>
          <span className="inline-flex items-center gap-2 whitespace-nowrap">
            <CheckStatusBadge status={last?.status} testId={`check-status-${c.name}`} />
            {last ? <span className="text-xs text-slate-500">{timeAgo(last.createdAt)}</span> : null}
            {c.openIncidentId ? (
              <Link
                href={`/quality/incidents/${c.openIncidentId}`}
                className="text-xs font-medium text-red-700 underline"
                data-testid={`check-incident-${c.name}`}
              >
                open incident
              </Link>
            ) : null}
          </span>
          {last && last.status !== "passed" ? <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">{last.message}</p> : null}
        </>
      );
    },
  },
  { id: "trend", header: "Trend", className: "w-40", cell: (c) => <CheckTrend results={c.results} max={12} /> },
];
const WITHOUT_DATASET = COLUMNS.filter((c) => c !== DATASET);

export function CheckTable({ checks, showDataset = true, pageSize }: { checks: TCheck[]; showDataset?: boolean; pageSize?: number }) {
  return (
    <DataTable
      rows={checks}
      columns={showDataset ? COLUMNS : WITHOUT_DATASET}
      rowId={(c) => c.id}
      rowTestId={(c) => `check-row-${c.name}`}
      rowClassName="align-top"
      testId="check-table"
      sortable
      pageSize={pageSize}
      pageSizes={LIST_PAGE_SIZES}
    />
  );
}
