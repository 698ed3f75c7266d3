"use client";
/**
 * Preview rows as a compact table that scrolls both ways: values as text,
 * null in grey, masked PII columns marked in the header. Sortable by any
 * column, to spot extremes and nulls in the sample.
 */
import { useMemo } from "react";
import { PanelNote } from "@/components/catalog/PanelNote";
import { PiiBadge } from "@/components/catalog/PiiBadge";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import type { TPreviewOutput } from "@/server/catalog/catalog-contracts";

type TRow = TPreviewOutput["rows"][number];

function previewColumns(preview: TPreviewOutput): TDataColumn<TRow>[] {
  return preview.columns.map((c, j) => ({
    id: `${j}:${c.name}`,
    label: c.name,
    header: (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap font-mono normal-case">
        {c.name}
        {c.masked ? <PiiBadge label="PII masked" title="Personal data: masked for your role" /> : null}
      </span>
    ),
    className: "max-w-[24rem] truncate whitespace-nowrap font-mono text-xs text-slate-800",
    sortValue: (row) => row[j] ?? undefined,
    cell: (row) => {
      const value = row[j];
      return value === null || value === undefined ? <span className="text-slate-400">null</span> : <span title={value}>{value}</span>;
    },
  }));
}

export function PreviewTable({ preview }: { preview: TPreviewOutput }) {
  const columns = useMemo(() => previewColumns(preview), [preview]);
  return (
    <div>
      {preview.masked ? (
        <p className="border-b border-slate-100 bg-rose-50 px-4 py-2 text-sm text-rose-900" data-testid="preview-masked-note">
          PII columns are masked for your role.
        </p>
      ) : null}
      {preview.rows.length === 0 ? (
        <PanelNote>The dataset has no rows.</PanelNote>
      ) : (
        <div className="max-h-96 overflow-auto" data-testid="dataset-preview">
          <DataTable rows={preview.rows} columns={columns} sortable />
        </div>
      )}
    </div>
  );
}
