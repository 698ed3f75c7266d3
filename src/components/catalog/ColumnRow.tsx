"use client";
/**
 * One column of a dataset's schema. For engineers its description is
 * editable in place and its PII flag is a checkbox saved when toggled.
 */
import { useState } from "react";
import { InlineTextEdit } from "@/components/catalog/InlineTextEdit";
import { PiiBadge } from "@/components/catalog/PiiBadge";
import { TagList } from "@/components/catalog/TagList";
import { editErrorMessage } from "@/components/catalog/edit-errors";
import { useColumnUpdate } from "@/components/catalog/use-dataset-update";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

type TColumn = TDatasetOutput["columns"][number];

export function ColumnRow({ datasetId, column: c, canEdit, canUnflagPii }: { datasetId: string; column: TColumn; canEdit: boolean; canUnflagPii: boolean }) {
  const description = useColumnUpdate();
  const pii = useColumnUpdate();
  // Shown at once when toggled; back to the saved value once the server answered (kept, or refused).
  const [piiShown, setPiiShown] = useState<boolean | null>(null);
  const piiError = editErrorMessage("PII flag", pii.error);
  const row = (
    <tr className="border-t border-slate-100 align-top" data-testid="dataset-column" data-column={c.name}>
      <td className="px-4 py-2 font-mono text-xs font-medium text-slate-900 [overflow-wrap:anywhere]">{c.name}</td>
      <td className="px-4 py-2 font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">{c.type || "—"}</td>
      <td className="px-4 py-2">
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
      </td>
      <td className="px-4 py-2">
        {canEdit ? (
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
        ) : c.pii ? (
          <PiiBadge title="Personal data: masked in previews for analysts and viewers" />
        ) : null}
      </td>
      <td className="px-4 py-2">
        <TagList tags={c.tags} />
      </td>
    </tr>
  );
  if (!piiError) return row;
  return (
    <>
      {row}
      <tr>
        <td colSpan={5} className="px-4 pb-2">
          <ErrorAlert message={piiError} testId={`pii-error-${c.name}`} />
        </td>
      </tr>
    </>
  );
}
