"use client";
/**
 * A dataset's tags as chips. Engineers remove one with its ✕ and add one by
 * typing it (Enter or Add); each change is saved at once. A refused tag stays
 * in the field with the reason, so it can be fixed.
 */
import { useState } from "react";
import { editErrorMessage } from "@/components/catalog/edit-errors";
import { useDatasetUpdate } from "@/components/catalog/use-dataset-update";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

export function TagEditor({ datasetId, tags, canEdit }: { datasetId: string; tags: string[]; canEdit: boolean }) {
  const update = useDatasetUpdate();
  const [draft, setDraft] = useState("");
  const [sent, setSent] = useState<string[]>([]);
  const save = (next: string[]) => {
    setSent(next);
    return update.mutateAsync({ id: datasetId, tags: next });
  };
  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    if (tags.includes(tag)) return setDraft("");
    save([...tags, tag]).then(
      () => setDraft(""),
      () => undefined,
    );
  };

  return (
    <div data-testid="dataset-tags">
      <ul className="flex flex-wrap items-center gap-1.5">
        {tags.map((tag) => (
          <li
            key={tag}
            className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pl-2 pr-1 font-mono text-xs text-slate-700"
            data-testid={`tag-${tag}`}
          >
            {tag}
            {canEdit ? (
              <Button
                variant="quiet"
                size="sm"
                className="rounded px-1 hover:bg-slate-200"
                onClick={() => save(tags.filter((t) => t !== tag)).catch(() => undefined)}
                disabled={update.isPending}
                aria-label={`Remove tag ${tag}`}
                testId={`remove-tag-${tag}`}
              >
                ✕
              </Button>
            ) : null}
          </li>
        ))}
        {tags.length === 0 ? <li className="text-sm italic text-slate-400">No tags.</li> : null}
        {canEdit ? (
          <li className="inline-flex items-center gap-1">
            <input
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                if (update.error) update.reset();
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
              placeholder="add a tag, e.g. pii"
              aria-label="New tag"
              disabled={update.isPending}
              className="w-40 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs disabled:bg-slate-50"
              data-testid="tag-input"
            />
            <Button size="sm" className="py-1" onClick={add} disabled={!draft.trim()} pending={update.isPending} pendingLabel="Saving…" testId="add-tag">
              Add
            </Button>
          </li>
        ) : null}
      </ul>
      {update.error ? (
        <div className="mt-2">
          <ErrorAlert message={editErrorMessage("tags", update.error, sent)} testId="dataset-tags-error" />
        </div>
      ) : null}
    </div>
  );
}
