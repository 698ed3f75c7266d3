"use client";
/**
 * The datasets downstream of a change, nearest first: how far, who owns
 * them, which of their checks already fail and, for a column, which of their
 * columns it feeds. Sortable, e.g. by owner to see whom to tell.
 */
import { DatasetLink } from "@/components/catalog/DatasetLink";
import { PanelNote } from "@/components/catalog/PanelNote";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import type { TImpactOutput } from "@/server/catalog/catalog-contracts";

type TImpact = TImpactOutput["items"][number];

const COLUMNS: TDataColumn<TImpact>[] = [
  {
    id: "dataset",
    header: "Dataset",
    className: "w-1/2 max-w-0",
    sortValue: (i) => i.shortName,
    cell: (i) => (
      <>
        <DatasetLink id={i.id} shortName={i.shortName} layer={i.layer} />
        <p className="truncate font-mono text-xs text-slate-500" title={`${i.name} in ${i.namespace}`}>
          {i.name}
        </p>
      </>
    ),
  },
  { id: "depth", header: "Depth", numeric: true, sortValue: (i) => i.depth, cell: (i) => i.depth },
  {
    id: "owner",
    header: "Owner",
    className: "max-w-[12rem] truncate text-slate-700",
    sortValue: (i) => i.owner ?? undefined,
    cell: (i) => (i.owner ? <span title={i.owner}>{i.owner}</span> : <span className="text-slate-400">—</span>),
  },
  {
    id: "failing",
    header: "Failing checks",
    className: "min-w-36",
    sortValue: (i) => i.failingChecks.length,
    cell: (i) =>
      i.failingChecks.length ? (
        <span className="text-xs font-medium text-red-800 [overflow-wrap:anywhere]" data-testid="impact-failing">
          {i.failingChecks.join(", ")}
        </span>
      ) : (
        <span className="whitespace-nowrap text-xs text-slate-500">{i.qualityStatus ? "none" : "none (no checks)"}</span>
      ),
  },
];

const AFFECTED: TDataColumn<TImpact> = {
  id: "columns",
  header: "Affected columns",
  className: "font-mono text-xs text-slate-700 [overflow-wrap:anywhere]",
  cell: (i) => (i.columns.length ? i.columns.join(", ") : "—"),
};
const WITH_COLUMNS = [...COLUMNS, AFFECTED];

export function ImpactTable({ items, column }: { items: TImpact[]; column: string }) {
  if (items.length === 0) {
    return (
      <PanelNote testId="impact-empty">
        {column ? (
          <>
            Nothing recorded depends on column <code className="font-mono">{column}</code>.
          </>
        ) : (
          "Nothing recorded depends on this dataset."
        )}{" "}
        Lineage is recorded as syncs and models run, and from OpenLineage producers.
      </PanelNote>
    );
  }
  const owners = [...new Set(items.flatMap((i) => (i.owner ? [i.owner] : [])))];
  const failing = items.filter((i) => i.failingChecks.length).length;
  return (
    <div>
      <p className="px-4 pt-3 text-sm text-slate-600" data-testid="impact-summary">
        {items.length} {items.length === 1 ? "dataset" : "datasets"} downstream
        {owners.length ? `, owned by ${owners.length <= 3 ? owners.join(", ") : `${owners.length} owners`}` : ""}
        {failing ? `; ${failing} with failing checks` : ""}.
      </p>
      <DataTable
        rows={items}
        columns={column ? WITH_COLUMNS : COLUMNS}
        rowId={(i) => i.id}
        rowTestId={() => "impact-row"}
        rowAttributes={(i) => ({ "data-dataset-id": i.id })}
        rowClassName="align-top"
        testId="impact-table"
        className="overflow-x-auto"
        sortable
        pageSize={50}
      />
    </div>
  );
}
