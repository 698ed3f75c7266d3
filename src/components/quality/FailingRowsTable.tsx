/**
 * A sample of the rows a check found failing (at most 20, columns tagged PII
 * already masked by the server), as a table of their columns.
 */
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";

type TRow = Record<string, unknown>;

function cell(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function columnOf(name: string): TDataColumn<TRow> {
  return {
    id: name,
    header: <span className="normal-case">{name}</span>,
    label: name,
    className: "max-w-xs truncate whitespace-nowrap font-mono text-xs",
    sortValue: (r) => cell(r[name]),
    cell: (r) => (r[name] === null || r[name] === undefined ? <span className="text-red-600">NULL</span> : <span title={cell(r[name])}>{cell(r[name])}</span>),
  };
}

export function FailingRowsTable({ rows }: { rows: TRow[] }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map(columnOf);
  return (
    <div className="overflow-x-auto">
      <DataTable rows={rows} columns={columns} testId="failing-rows" sortable />
    </div>
  );
}
