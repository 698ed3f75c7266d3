"use client";
/**
 * The latest runs that read or wrote a dataset, Weir's own and those
 * OpenLineage producers reported, linking to Weir's page of the run.
 */
import Link from "next/link";
import { PanelNote } from "@/components/catalog/PanelNote";
import { RunStateBadge } from "@/components/catalog/RunStateBadge";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import { Badge } from "@/components/ui/Badge";
import { buttonClass } from "@/components/ui/button-class";
import { DataTable } from "@/components/ui/DataTable";
import { Panel } from "@/components/ui/Panel";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatDuration } from "@/lib/run-format";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

type TRun = TDatasetOutput["runs"][number];

function durationMs(run: TRun): number | null {
  return run.startedAt && run.endedAt ? run.endedAt.getTime() - run.startedAt.getTime() : null;
}

const COLUMNS: TDataColumn<TRun>[] = [
  {
    id: "job",
    header: "Job",
    sortValue: (r) => r.job,
    cell: (r) => (
      <>
        <span className="font-mono text-xs [overflow-wrap:anywhere]">{r.job}</span>
        {r.origin !== "sync" && r.origin !== "model" ? <Badge className="ml-2">{r.origin}</Badge> : null}
      </>
    ),
  },
  {
    id: "role",
    header: "Role",
    className: "whitespace-nowrap text-slate-700",
    sortValue: (r) => r.role,
    cell: (r) => (r.role === "output" ? "wrote it" : "read it"),
  },
  { id: "state", header: "State", sortValue: (r) => r.state, cell: (r) => <RunStateBadge state={r.state} /> },
  {
    id: "started",
    header: "Started",
    className: "whitespace-nowrap text-slate-600",
    sortValue: (r) => r.startedAt ?? undefined,
    cell: (r) => <span title={formatAbsolute(r.startedAt)}>{r.startedAt ? formatRelative(r.startedAt) : "—"}</span>,
  },
  {
    id: "duration",
    header: "Duration",
    numeric: true,
    className: "text-slate-700",
    sortValue: (r) => durationMs(r) ?? undefined,
    cell: (r) => formatDuration(durationMs(r)),
  },
  {
    id: "link",
    header: "",
    className: "text-right",
    cell: (r) =>
      r.href ? (
        <Link href={r.href} className={buttonClass("link", "sm")}>
          Run
        </Link>
      ) : null,
  },
];

export function DatasetRuns({ runs }: { runs: TRun[] }) {
  return (
    <Panel title="Recent runs" testId="dataset-runs">
      {runs.length === 0 ? (
        <PanelNote>No run has read or written this dataset yet.</PanelNote>
      ) : (
        <DataTable rows={runs} columns={COLUMNS} rowId={(r) => `${r.runId}:${r.role}`} rowTestId={() => "dataset-run"} className="overflow-x-auto" sortable />
      )}
    </Panel>
  );
}
