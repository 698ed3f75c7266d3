"use client";
/**
 * The editable cells of a schema column: its description, edited in place,
 * and its PII flag, a checkbox saved when toggled (only admins may remove a
 * flag). Each cell owns its mutation, so a refusal shows under that cell.
 */
import { useState } from "react";
import { InlineTextEdit } from "@/components/catalog/InlineTextEdit";
import { PiiBadge } from "@/components/catalog/PiiBadge";
import { editErrorMessage } from "@/components/catalog/edit-errors";
import { useColumnUpdate } from "@/components/catalog/use-dataset-update";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export type TSchemaColumn = TDatasetOutput["columns"][number];
type TProps = { datasetId: string; column: TSchemaColumn; canEdit: boolean };

export function ColumnDescriptionCell({ datasetId, column: c, canEdit }: TProps) {
  const description = useColumnUpdate();
  return (
    <InlineTextEdit
      value={c.description}
      placeholder="—"
      label={`description of ${c.name}`}
      canEdit={canEdit}
      pending={description.isPending}
      error={editErrorMessage("column description", description.error)}
      onSave={(value) => description.mutateAsync({ datasetId, column: c.name, description: value })}
      onCancel={description.reset}
      testId={`column-description-${c.name}`}
    />
  );
}

export function ColumnPiiCell({ datasetId, column: c, canEdit, canUnflagPii }: TProps & { canUnflagPii: boolean }) {
  const pii = useColumnUpdate();
  // Shown at once when toggled; back to the saved value once the server answered (kept, or refused).
  const [piiShown, setPiiShown] = useState<boolean | null>(null);
  if (!canEdit) return c.pii ? <PiiBadge title="Personal data: masked in previews for analysts and viewers" /> : null;
  return (
    <>
      <label className="inline-flex cursor-pointer items-center gap-1.5 text-xs text-slate-700">
        <input
          type="checkbox"
          checked={piiShown ?? c.pii}
          disabled={pii.isPending || (c.pii && !canUnflagPii)}
          title={c.pii && !canUnflagPii ? "Only an admin can remove a PII flag" : undefined}
          onChange={(e) => {
            setPiiShown(e.target.checked);
            pii.mutate({ datasetId, column: c.name, pii: e.target.checked }, { onSettled: () => setPiiShown(null) });
          }}
          className="h-3.5 w-3.5 rounded border-slate-300"
          data-testid={`pii-${c.name}`}
        />
        PII
      </label>
      {pii.error ? (
        <div className="mt-1 w-48">
          <ErrorAlert message={editErrorMessage("PII flag", pii.error)} testId={`pii-error-${c.name}`} />
        </div>
      ) : null}
    </>
  );
}
