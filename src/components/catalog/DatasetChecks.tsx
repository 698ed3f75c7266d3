"use client";
/**
 * The quality checks on a dataset with their latest status, each linking to
 * its page (history, failing rows, incidents).
 */
import Link from "next/link";
import { PanelNote } from "@/components/catalog/PanelNote";
import { TitleCount } from "@/components/catalog/TitleCount";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import { Panel } from "@/components/ui/Panel";
import type { TDataColumn } from "@/components/ui/data-column";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

type TCheck = TDatasetOutput["checks"][number];

const COLUMNS: TDataColumn<TCheck>[] = [
  {
    id: "check",
    header: "Check",
    sortValue: (c) => c.name,
    cell: (c) => (
      <>
        <Link href={`/quality/checks/${encodeURIComponent(c.id)}`} className="font-medium [overflow-wrap:anywhere] hover:underline">
          {c.name}
        </Link>
        <p className="text-xs text-slate-500">
          {c.kind.replaceAll("_", " ")}
          {c.reportedBy ? <span data-testid="reported-by"> · reported by {c.reportedBy}</span> : null}
        </p>
      </>
    ),
  },
  { id: "severity", header: "Severity", className: "w-24", sortValue: (c) => c.severity, cell: (c) => <SeverityBadge severity={c.severity} /> },
  {
    id: "result",
    header: "Last result",
    className: "w-[40%]",
    sortValue: (c) => c.status,
    cell: (c) => (
      <>
        <span className="inline-flex items-center gap-2 whitespace-nowrap">
          <CheckStatusBadge status={c.status} />
          {c.at ? (
            <span className="text-xs text-slate-500" title={formatAbsolute(c.at)}>
              {formatRelative(c.at)}
            </span>
          ) : null}
        </span>
        {c.message && c.status !== "passed" ? <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">{c.message}</p> : null}
      </>
    ),
  },
];

export function DatasetChecks({ checks }: { checks: TDatasetOutput["checks"] }) {
  return (
    <Panel title={<TitleCount title="Quality" count={checks.length} one="check" many="checks" />} testId="dataset-checks">
      {checks.length === 0 ? (
        <PanelNote>
          No checks on this dataset. Checks run after the sync or model that produces it; engineers add them on the{" "}
          <Link href="/quality" className="font-medium underline">
            Quality
          </Link>{" "}
          page.
        </PanelNote>
      ) : (
        <DataTable
          rows={checks}
          columns={COLUMNS}
          rowId={(c) => c.id}
          rowTestId={() => "dataset-check"}
          rowAttributes={(c) => ({ "data-check": c.name })}
          rowClassName="align-top"
          sortable
        />
      )}
    </Panel>
  );
}
