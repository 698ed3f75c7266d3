"use client";
/**
 * A look at a dataset's rows, for analysts and up: loaded on request (it
 * queries the warehouse), up to 100 rows, PII columns masked below engineer.
 * Says why when rows cannot be previewed.
 */
import { useState } from "react";
import { PreviewTable } from "@/components/catalog/PreviewTable";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetPreview({ dataset: d, canPreview }: { dataset: TDatasetOutput; canPreview: boolean }) {
  const [requested, setRequested] = useState(false);
  const preview = trpc.catalog.preview.useQuery({ id: d.id }, { enabled: requested && canPreview && d.previewable, staleTime: 60_000 });
  const canLoad = canPreview && d.previewable;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-preview-section">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Preview</h2>
        {preview.data ? (
          <span className="text-sm text-slate-500">
            first {preview.data.rows.length} {preview.data.rows.length === 1 ? "row" : "rows"}
          </span>
        ) : null}
        {canLoad ? (
          <button
            type="button"
            onClick={() => (requested ? void preview.refetch() : setRequested(true))}
            disabled={preview.isFetching}
            className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
            data-testid="load-preview"
          >
            {preview.isFetching ? "Loading rows…" : requested ? "Reload rows" : "Preview rows"}
          </button>
        ) : null}
      </div>
      {!canPreview ? (
        <p className="px-4 py-4 text-sm text-slate-600" data-testid="preview-needs-role">
          Previews of rows need the analyst role or higher; ask an admin if you need them.
        </p>
      ) : !d.previewable ? (
        <p className="px-4 py-4 text-sm text-slate-600" data-testid="preview-unavailable">
          {d.kind === "source_stream" || d.kind === "external"
            ? "Rows can be previewed for datasets in a Weir warehouse; this one lives outside it."
            : "Rows can be previewed for datasets in a Weir warehouse; this one is not there (yet)."}
        </p>
      ) : !requested ? (
        <p className="px-4 py-4 text-sm text-slate-600">Load up to 100 rows from the warehouse to see what the data looks like.</p>
      ) : (
        <div>
          {preview.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Reading rows from the warehouse…</p> : null}
          {preview.error ? (
            <div className="p-4">
              <ErrorAlert message={preview.error.message} />
            </div>
          ) : null}
          {preview.data ? <PreviewTable preview={preview.data} /> : null}
        </div>
      )}
    </section>
  );
}
