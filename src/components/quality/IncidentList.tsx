"use client";
/**
 * Incidents, newest first: unresolved ones (open or acknowledged) by default,
 * or all. Each shows the check and dataset, when it opened, and who
 * acknowledged and resolved it.
 */
import Link from "next/link";
import { useState } from "react";
import { IncidentStatusBadge } from "@/components/quality/IncidentStatusBadge";
import { SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import { LIST_PAGE_SIZES } from "@/components/quality/list-page-sizes";
import { QueryPanel } from "@/components/ui/QueryPanel";
import type { TDataColumn } from "@/components/ui/data-column";
import { linkColumn } from "@/components/ui/link-column";
import { formatTime, timeAgo } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TIncident = RouterOutputs["quality"]["incidents"][number];

const TABS = [
  { value: "unresolved", label: "Unresolved" },
  { value: "all", label: "All" },
] as const;

function handled(i: TIncident): string {
  if (i.status === "resolved") return i.autoResolved ? "resolved by itself: the check passed" : `resolved by ${i.resolvedBy ?? "someone"}`;
  return i.acknowledgedBy ? `acknowledged by ${i.acknowledgedBy}` : "nobody yet";
}

const COLUMNS: TDataColumn<TIncident>[] = [
  { id: "status", header: "Status", sortValue: (i) => i.status, cell: (i) => <IncidentStatusBadge status={i.status} /> },
  {
    id: "check",
    header: "Check",
    sortValue: (i) => i.check.name,
    cell: (i) => (
      <>
        <Link href={`/quality/checks/${i.check.id}`} className="font-medium hover:underline">
          {i.check.name}
        </Link>{" "}
        <SeverityBadge severity={i.check.severity} />
      </>
    ),
  },
  { id: "dataset", header: "Dataset", className: "font-mono text-xs", sortValue: (i) => i.check.dataset, cell: (i) => i.check.dataset },
  {
    id: "opened",
    header: "Opened",
    className: "whitespace-nowrap text-slate-600",
    sortValue: (i) => i.openedAt,
    cell: (i) => <span title={formatTime(i.openedAt)}>{timeAgo(i.openedAt)}</span>,
  },
  { id: "handled", header: "Handled", className: "text-xs text-slate-600", sortValue: handled, cell: handled },
  linkColumn<TIncident>("Details", (i) => `/quality/incidents/${i.id}`),
];

export function IncidentList() {
  const [tab, setTab] = useState<(typeof TABS)[number]["value"]>("unresolved");
  const incidents = trpc.quality.incidents.useQuery(tab === "unresolved" ? { status: "unresolved" } : {}, { refetchInterval: 10_000 });
  return (
    <QueryPanel
      query={incidents}
      loading="Loading incidents…"
      before={
        <div className="flex gap-1 border-b border-slate-200 px-4 pt-3" role="tablist">
          {TABS.map((t) => (
            <button
              key={t.value}
              type="button"
              role="tab"
              aria-selected={tab === t.value}
              onClick={() => setTab(t.value)}
              className={`-mb-px border-b-2 px-3 pb-2 text-sm font-medium ${tab === t.value ? "border-slate-900 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800"}`}
              data-testid={`incidents-tab-${t.value}`}
            >
              {t.label}
            </button>
          ))}
        </div>
      }
      empty={
        <p className="px-4 py-8 text-center text-sm text-slate-600" data-testid="incidents-empty">
          {tab === "unresolved"
            ? "No unresolved incidents: every error check that failed has passed again or been resolved."
            : "No incidents yet. A failing error-severity check opens one."}
        </p>
      }
    >
      {(rows) => (
        <DataTable
          rows={rows}
          columns={COLUMNS}
          rowId={(i) => i.id}
          rowTestId={(i) => `incident-row-${i.check.name}`}
          rowClassName="align-top"
          testId="incident-table"
          sortable
          pageSize={50}
          pageSizes={LIST_PAGE_SIZES}
        />
      )}
    </QueryPanel>
  );
}
