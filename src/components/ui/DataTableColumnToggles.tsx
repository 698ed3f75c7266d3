"use client";
/**
 * DataTable's "Columns" menu: a checkbox per column the reader may hide.
 */
import type { RowData } from "@tanstack/react-table";
import { columnLabel, type TDataColumn } from "@/components/ui/data-column";
import type { TDataTable } from "@/components/ui/data-table-features";

export function DataTableColumnToggles<TRow extends RowData>({
  table,
  columns,
}: {
  table: Pick<TDataTable<TRow>, "getAllLeafColumns">;
  columns: readonly TDataColumn<TRow>[];
}) {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  if (hideable.length === 0) return null;
  return (
    <div className="flex justify-end border-b border-slate-100 px-4 py-2">
      <details className="relative text-sm" data-testid="column-toggles">
        <summary className="cursor-pointer select-none text-slate-600 hover:text-slate-900">Columns</summary>
        <div className="absolute right-0 z-10 mt-1 min-w-40 space-y-1 rounded-md border border-slate-200 bg-white p-2 shadow">
          {hideable.map((column) => (
            <label key={column.id} className="flex items-center gap-2 whitespace-nowrap">
              <input type="checkbox" checked={column.getIsVisible()} onChange={(e) => column.toggleVisibility(e.target.checked)} />
              {columnLabel(byId.get(column.id) ?? { id: column.id, header: column.id })}
            </label>
          ))}
        </div>
      </details>
    </div>
  );
}
