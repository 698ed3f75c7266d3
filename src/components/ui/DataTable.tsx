"use client";
/**
 * A table of rows on TanStack Table, in Weir's look (small text, uppercase
 * grey headers, hairlines between rows). Optional: sorting by clicking a
 * header (columns with a sortValue; aria-sort on each), client-side pages
 * (`pageSize`, with prev/next and a page-size choice) and a "Columns" menu
 * to hide columns (`columnToggles`, columns marked hideable). Rows and
 * cells carry the data-testids the end-to-end specs select by.
 */
import { useTable, type ColumnDef, type ColumnVisibilityState, type RowData, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { compareValues, type TSortValue } from "@/components/ui/compare-values";
import { DataTableColumnToggles } from "@/components/ui/DataTableColumnToggles";
import { DataTablePager } from "@/components/ui/DataTablePager";
import { ariaSort, cellClass, type TDataColumn } from "@/components/ui/data-column";
import { PAGED_TABLE_FEATURES, WHOLE_TABLE_FEATURES, type TDataTableFeatures } from "@/components/ui/data-table-features";

const rowClass = (extra: string | undefined) => (extra ? `border-t border-slate-100 ${extra}` : "border-t border-slate-100");

type TProps<TRow extends RowData> = {
  rows: readonly TRow[];
  columns: readonly TDataColumn<TRow>[];
  /** A stable id per row (React key); the row's index otherwise. */
  rowId?: (row: TRow) => string;
  rowTestId?: (row: TRow) => string;
  /** Extra classes of every body row (e.g. "align-top"), or of each row by its data (e.g. greyed when unselected). */
  rowClassName?: string | ((row: TRow) => string | undefined);
  /** Further data-* attributes of a row (e.g. { "data-column": c.name }) that the specs select by. */
  rowAttributes?: (row: TRow) => Record<`data-${string}`, string | undefined>;
  testId?: string;
  sortable?: boolean;
  initialSort?: { id: string; desc?: boolean };
  /** Client-side pages of this many rows; every row on one page when absent. */
  pageSize?: number;
  pageSizes?: number[];
  columnToggles?: boolean;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  className?: string;
};

export function DataTable<TRow extends RowData>({
  rows,
  columns,
  rowId,
  rowTestId,
  rowAttributes,
  rowClassName,
  testId,
  sortable = false,
  initialSort,
  pageSize,
  pageSizes = [10, 25, 50, 100],
  columnToggles = false,
  empty = "Nothing to show.",
  className,
}: TProps<TRow>) {
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const defs = useMemo(
    () =>
      columns.map((c): ColumnDef<TDataTableFeatures, TRow, unknown> => ({
        id: c.id,
        accessorFn: (row: TRow) => c.sortValue?.(row) ?? undefined,
        enableSorting: sortable && c.sortValue !== undefined,
        enableHiding: c.hideable === true,
        sortUndefined: "last",
        sortFn: (a, b, id) => compareValues(a.getValue<TSortValue>(id), b.getValue<TSortValue>(id)),
      })),
    [columns, sortable],
  );
  const initialVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(columns.filter((c) => c.hidden).map((c) => [c.id, false])), [columns]);
  const initialSorting: SortingState = initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : [];
  const table = useTable({
    features: (pageSize ? PAGED_TABLE_FEATURES : WHOLE_TABLE_FEATURES) as TDataTableFeatures,
    columns: defs,
    data: rows as TRow[],
    getRowId: rowId ? (row: TRow) => rowId(row) : undefined,
    initialState: { sorting: initialSorting, columnVisibility: initialVisibility, pagination: { pageIndex: 0, pageSize: pageSize ?? rows.length } },
  });

  const visible = table.getVisibleLeafColumns();
  const pageRows = table.getRowModel().rows;
  return (
    <div className={className}>
      {columnToggles ? <DataTableColumnToggles table={table} columns={columns} /> : null}
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {visible.map((column) => {
              const c = byId.get(column.id)!;
              const canSort = column.getCanSort();
              const sorted = column.getIsSorted();
              return (
                <th
                  key={column.id}
                  className={c.numeric ? "px-4 py-2 text-right" : "px-4 py-2"}
                  title={c.title}
                  aria-sort={ariaSort(canSort, sorted)}
                  scope="col"
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 hover:underline"
                    >
                      {c.header}
                      {sorted ? (
                        <span aria-hidden="true" className="text-slate-700">
                          {sorted === "desc" ? "▼" : "▲"}
                        </span>
                      ) : null}
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {pageRows.length === 0 ? (
            <tr className="border-t border-slate-100">
              <td colSpan={Math.max(visible.length, 1)} className="px-4 py-6 text-center text-sm text-slate-500">
                {empty}
              </td>
            </tr>
          ) : (
            pageRows.map((row) => (
              <tr
                {...rowAttributes?.(row.original)}
                key={row.id}
                className={rowClass(typeof rowClassName === "function" ? rowClassName(row.original) : rowClassName)}
                data-testid={rowTestId?.(row.original)}
              >
                {row.getVisibleCells().map((cell) => {
                  const c = byId.get(cell.column.id)!;
                  return (
                    <td key={cell.id} className={cellClass(c)} data-testid={c.testId}>
                      {c.cell(row.original)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {pageSize ? <DataTablePager table={table} pageSizes={pageSizes} /> : null}
    </div>
  );
}
