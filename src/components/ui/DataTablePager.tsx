"use client";
/**
 * DataTable's page controls: which rows are shown of how many, the page
 * size, previous and next. Hidden while every row fits on one page of the
 * smallest size.
 */
import type { RowData } from "@tanstack/react-table";
import { Button } from "@/components/ui/Button";
import type { TDataTable } from "@/components/ui/data-table-features";
import { pageRange } from "@/components/ui/page-range";

type TPagedTable<TRow extends RowData> = Pick<
  TDataTable<TRow>,
  "getCanNextPage" | "getCanPreviousPage" | "nextPage" | "previousPage" | "setPageSize" | "getPrePaginatedRowModel" | "state"
>;

export function DataTablePager<TRow extends RowData>({ table, pageSizes }: { table: TPagedTable<TRow>; pageSizes: number[] }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const total = table.getPrePaginatedRowModel().rows.length;
  if (total <= Math.min(pageSize, ...pageSizes)) return null;
  const { first, last } = pageRange(pageIndex, pageSize, total);
  return (
    <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 px-4 py-2 text-sm text-slate-600" data-testid="table-pager">
      <span className="tabular-nums">
        {first}–{last} of {total}
      </span>
      <label className="flex items-center gap-1">
        <span className="sr-only">Rows per page</span>
        <select
          value={pageSize}
          onChange={(e) => table.setPageSize(Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          aria-label="Rows per page"
        >
          {pageSizes.map((n) => (
            <option key={n} value={n}>
              {n} per page
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()} testId="table-prev">
        Previous
      </Button>
      <Button size="sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()} testId="table-next">
        Next
      </Button>
    </div>
  );
}
