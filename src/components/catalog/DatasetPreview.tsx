"use client";
/**
 * A look at a dataset's rows, for analysts and up: loaded on request (it
 * queries the warehouse), up to 100 rows, PII columns masked below engineer.
 * Says why when rows cannot be previewed.
 */
import { useState } from "react";
import { PanelNote } from "@/components/catalog/PanelNote";
import { PreviewTable } from "@/components/catalog/PreviewTable";
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

function unavailableReason(d: TDatasetOutput): string {
  return d.kind === "source_stream" || d.kind === "external"
    ? "Rows can be previewed for datasets in a Weir warehouse; this one lives outside it."
    : "Rows can be previewed for datasets in a Weir warehouse; this one is not there (yet).";
}

export function DatasetPreview({ dataset: d, canPreview }: { dataset: TDatasetOutput; canPreview: boolean }) {
  const [requested, setRequested] = useState(false);
  const preview = trpc.catalog.preview.useQuery({ id: d.id }, { enabled: requested && canPreview && d.previewable, staleTime: 60_000 });
  const canLoad = canPreview && d.previewable;
  const count = preview.data?.rows.length;
  return (
    <Panel
      title="Preview"
      description={count !== undefined ? `first ${count} ${count === 1 ? "row" : "rows"}` : null}
      actions={
        canLoad ? (
          <Button onClick={() => (requested ? void preview.refetch() : setRequested(true))} disabled={preview.isFetching} testId="load-preview">
            {preview.isFetching ? "Loading rows…" : requested ? "Reload rows" : "Preview rows"}
          </Button>
        ) : null
      }
      testId="dataset-preview-section"
    >
      {!canPreview ? (
        <PanelNote testId="preview-needs-role">Previews of rows need the analyst role or higher; ask an admin if you need them.</PanelNote>
      ) : !d.previewable ? (
        <PanelNote testId="preview-unavailable">{unavailableReason(d)}</PanelNote>
      ) : !requested ? (
        <PanelNote>Load up to 100 rows from the warehouse to see what the data looks like.</PanelNote>
      ) : (
        <div className="[&>[role=alert]]:m-4">
          <QueryView query={preview} loading={<p className="px-4 py-4 text-sm text-slate-500">Reading rows from the warehouse…</p>} isEmpty={() => false}>
            {(data) => <PreviewTable preview={data} />}
          </QueryView>
        </div>
      )}
    </Panel>
  );
}
