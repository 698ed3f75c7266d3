/**
 * The TanStack Table features DataTable registers: sorting and column
 * visibility always, pages only when a table asks for them (the paginated
 * row model would otherwise cut every table at ten rows).
 */
import {
  columnVisibilityFeature,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ReactTable,
  type RowData,
} from "@tanstack/react-table";

export const WHOLE_TABLE_FEATURES = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), columnVisibilityFeature });
export const PAGED_TABLE_FEATURES = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnVisibilityFeature,
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
});
export type TDataTableFeatures = typeof PAGED_TABLE_FEATURES;
export type TDataTable<TRow extends RowData = RowData> = ReactTable<TDataTableFeatures, TRow>;
