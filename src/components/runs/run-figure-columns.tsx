/**
 * The figure columns a run and each of its streams share: rows committed,
 * rows read, bytes and duration, right-aligned and sortable.
 */
import type { ReactNode } from "react";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatBytes, formatDuration, formatRows, formatRowsRead } from "@/lib/run-format";

type TFigures = { rows: number; rowsRead: number | null; bytes: number };

type TOptions<T extends TFigures> = {
  /** data-testids of the committed and read cells */
  testIds: { committed: string; read: string };
  durationMs: (row: T) => number | null;
  /** What follows the rows read (e.g. the source's estimate). */
  readSuffix?: (row: T) => ReactNode;
};

export function runFigureColumns<T extends TFigures>({ testIds, durationMs, readSuffix }: TOptions<T>): TDataColumn<T>[] {
  return [
    {
      id: "rows",
      header: "Rows",
      title: "Rows committed to the destination",
      numeric: true,
      testId: testIds.committed,
      sortValue: (r) => r.rows,
      cell: (r) => formatRows(r.rows),
    },
    {
      id: "read",
      header: "Read",
      title: "Rows read from the source by the latest attempt",
      numeric: true,
      className: "text-slate-500",
      testId: testIds.read,
      sortValue: (r) => r.rowsRead,
      cell: (r) => (
        <>
          {formatRowsRead(r.rowsRead)}
          {readSuffix?.(r)}
        </>
      ),
    },
    { id: "bytes", header: "Bytes", numeric: true, sortValue: (r) => r.bytes, cell: (r) => formatBytes(r.bytes) },
    { id: "duration", header: "Duration", numeric: true, sortValue: durationMs, cell: (r) => formatDuration(durationMs(r)) },
  ];
}
