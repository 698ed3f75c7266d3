/**
 * A DataTable column, typed by its row: header, how a cell renders, and
 * optionally a sort value, alignment, extra classes, a per-cell test id and
 * whether the reader may hide it.
 */
import type { ReactNode } from "react";
import type { TSortValue } from "@/components/ui/compare-values";

export type TDataColumn<TRow> = {
  /** Unique within the table; also the key of its visibility toggle. */
  id: string;
  header: ReactNode;
  /** The header's tooltip (title attribute). */
  title?: string;
  cell: (row: TRow) => ReactNode;
  /** Makes the column sortable (when the table is `sortable`): the value rows are ordered by. */
  sortValue?: (row: TRow) => TSortValue;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Extra classes of each body cell (e.g. "font-medium", "whitespace-nowrap text-slate-600"). */
  className?: string;
  /** data-testid of each body cell. */
  testId?: string;
  /** The reader may hide it (when the table has `columnToggles`); `hidden` starts it hidden. */
  hideable?: boolean;
  hidden?: boolean;
  /** The toggle's label when the header is not text. */
  label?: string;
};

/** Body cell classes: today's px-4 py-2, right-aligned tabular figures for numbers. */
export function cellClass(column: Pick<TDataColumn<unknown>, "numeric" | "className">): string {
  return ["px-4 py-2", column.numeric ? "text-right tabular-nums" : null, column.className].filter(Boolean).join(" ");
}

/** The aria-sort of a header: only sortable columns carry one. */
export function ariaSort(sortable: boolean, sorted: false | "asc" | "desc"): "ascending" | "descending" | "none" | undefined {
  if (!sortable) return undefined;
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}

/** The toggle label of a column: its label, else its header when that is text, else its id. */
export function columnLabel(column: Pick<TDataColumn<unknown>, "id" | "header" | "label">): string {
  if (column.label) return column.label;
  return typeof column.header === "string" && column.header ? column.header : column.id;
}
