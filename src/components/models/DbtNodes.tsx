"use client";
/**
 * What was imported from dbt projects: their models, seeds, snapshots and
 * sources, with the relation each builds and its latest status in dbt. dbt
 * runs them, not Weir; their tests are checks on the Quality page.
 * Engineers import (again) from here.
 */
import { DbtImportForm } from "@/components/models/DbtImportForm";
import { DataTable } from "@/components/ui/DataTable";
import { PanelCount } from "@/components/ui/PanelCount";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import type { TDataColumn } from "@/components/ui/data-column";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TNode = RouterOutputs["dbt"]["nodes"][number];

const STATUS: Record<string, string> = {
  success: "text-emerald-700",
  pass: "text-emerald-700",
  error: "text-red-700",
  fail: "text-red-700",
  skipped: "text-slate-500",
};

const COLUMNS: TDataColumn<TNode>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (n) => n.name,
    cell: (n) => (
      <>
        <span className="font-medium">{n.name}</span>
        {n.description ? <p className="text-xs text-slate-500">{n.description}</p> : null}
      </>
    ),
  },
  { id: "kind", header: "Kind", className: "text-slate-600", sortValue: (n) => n.kind, cell: (n) => n.kind },
  { id: "relation", header: "Relation", className: "font-mono text-xs", sortValue: (n) => n.relation, cell: (n) => n.relation },
  { id: "materialization", header: "Materialization", className: "text-slate-600", sortValue: (n) => n.materialization, cell: (n) => n.materialization ?? "—" },
  {
    id: "reads",
    header: "Reads",
    className: "text-xs text-slate-600",
    cell: (n) => (n.upstream.length ? n.upstream.map((u) => u.split(".").pop()).join(", ") : "—"),
  },
  {
    id: "status",
    header: "Last status in dbt",
    sortValue: (n) => n.lastStatus,
    cell: (n) => <span className={STATUS[n.lastStatus ?? ""] ?? "text-slate-600"}>{n.lastStatus ?? "—"}</span>,
  },
];

export function DbtNodes({ canEdit }: { canEdit: boolean }) {
  const nodes = trpc.dbt.nodes.useQuery();
  const list = nodes.data ?? [];
  if (!canEdit && list.length === 0) return null;
  return (
    <QueryPanel
      query={nodes}
      title={<>From dbt {list.length ? <PanelCount>{list.length} nodes</PanelCount> : null}</>}
      testId="dbt-nodes"
      empty={<PanelNote>Nothing imported yet. A dbt project&apos;s manifest brings its models and sources here, and its tests become checks.</PanelNote>}
      after={
        canEdit ? (
          <details className="border-t border-slate-100 px-4 py-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Import a dbt project (manifest.json, run_results.json)</summary>
            <div className="mt-3">
              <DbtImportForm />
            </div>
          </details>
        ) : null
      }
    >
      {(rows) => (
        <DataTable rows={rows} columns={COLUMNS} rowId={(n) => n.uniqueId} rowTestId={(n) => `dbt-node-${n.name}`} rowClassName="align-top" sortable />
      )}
    </QueryPanel>
  );
}
