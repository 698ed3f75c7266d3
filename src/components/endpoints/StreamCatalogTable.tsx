/**
 * A source's discovered streams: columns, primary key, cursor candidates and
 * estimated rows; sortable.
 */
import type { RouterOutputs } from "@/components/trpc/trpc-react";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatRows } from "@/lib/run-format";

export type TCatalog = RouterOutputs["source"]["discover"];
type TStream = TCatalog["streams"][number];

const NONE = <span className="font-sans text-slate-400">none</span>;

const COLUMNS: TDataColumn<TStream>[] = [
  { id: "stream", header: "Stream", className: "font-mono text-xs", sortValue: (s) => s.name, cell: (s) => s.name },
  {
    id: "columns",
    header: "Columns",
    sortValue: (s) => s.columns.length,
    cell: (s) => <span title={s.columns.map((c) => `${c.name} ${c.sourceType ?? c.type.kind}`).join("\n")}>{s.columns.length}</span>,
  },
  { id: "key", header: "Primary key", className: "font-mono text-xs", cell: (s) => s.primaryKey.join(", ") || NONE },
  {
    id: "cursor",
    header: "Cursor candidates",
    className: "font-mono text-xs",
    cell: (s) => (s.supportsIncremental ? s.cursorCandidates.join(", ") || NONE : <span className="font-sans text-slate-400">full refresh only</span>),
  },
  {
    id: "rows",
    header: "Estimated rows",
    numeric: true,
    sortValue: (s) => s.estimatedRows,
    cell: (s) => (s.estimatedRows === undefined ? "—" : formatRows(s.estimatedRows)),
  },
];

export function StreamCatalogTable({ catalog }: { catalog: TCatalog }) {
  if (catalog.streams.length === 0)
    return <p className="text-sm text-slate-600">The source offers no streams. Check that the configured schemas, folders or endpoints hold data.</p>;
  return <DataTable rows={catalog.streams} columns={COLUMNS} rowId={(s) => s.name} rowTestId={(s) => `stream-row-${s.name}`} testId="streams-table" sortable />;
}
