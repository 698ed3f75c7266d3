"use client";
/**
 * A value shown as text that an engineer can edit in place: Edit opens a
 * field with Save and Cancel (Enter saves a one-line field, Escape cancels);
 * a refusal is shown under it and the draft kept, so it can be fixed.
 */
import { useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

type TProps = {
  value: string;
  /** Shown when the value is empty. */
  placeholder: string;
  label: string;
  canEdit: boolean;
  multiline?: boolean;
  pending: boolean;
  error: string | null;
  /** Resolves when saved; rejects (the error is shown) when refused. */
  onSave: (value: string) => Promise<unknown>;
  onCancel?: () => void;
  /** Prefix of the test ids: <testId>, edit-<testId>, <testId>-input, save-<testId>, cancel-<testId>, <testId>-error. */
  testId: string;
  className?: string;
};

export function InlineTextEdit({ value, placeholder, label, canEdit, multiline, pending, error, onSave, onCancel, testId, className = "" }: TProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft === null) return;
    if (draft === value) return setDraft(null);
    onSave(draft).then(
      () => setDraft(null),
      () => undefined,
    );
  };
  const cancel = () => {
    setDraft(null);
    onCancel?.();
  };

  if (draft === null) {
    return (
      <div className={`group flex items-start gap-2 ${className}`}>
        <p
          className={`min-w-0 flex-1 whitespace-pre-wrap text-sm [overflow-wrap:anywhere] ${value ? "text-slate-800" : "italic text-slate-400"}`}
          data-testid={testId}
        >
          {value || placeholder}
        </p>
        {canEdit ? (
          <Button
            variant="link"
            size="sm"
            className="shrink-0 px-1.5 py-0.5"
            onClick={() => setDraft(value)}
            aria-label={`Edit ${label}`}
            testId={`edit-${testId}`}
          >
            Edit
          </Button>
        ) : null}
      </div>
    );
  }

  const fieldProps = {
    value: draft,
    autoFocus: true,
    disabled: pending,
    "aria-label": label,
    "data-testid": `${testId}-input`,
    className: "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50",
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "Escape") cancel();
      if (e.key === "Enter" && (!multiline || e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        save();
      }
    },
  };
  return (
    <div className={`space-y-2 ${className}`}>
      {multiline ? (
        <textarea {...fieldProps} rows={4} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input {...fieldProps} onChange={(e) => setDraft(e.target.value)} />
      )}
      <ErrorAlert message={error} testId={`${testId}-error`} />
      <div className="flex items-center gap-2">
        <Button variant="primary" size="sm" onClick={save} pending={pending} pendingLabel="Saving…" testId={`save-${testId}`}>
          Save
        </Button>
        <Button variant="quiet" className="px-3 py-1.5" onClick={cancel} disabled={pending} testId={`cancel-${testId}`}>
          Cancel
        </Button>
        {multiline ? <span className="text-xs text-slate-400">Ctrl+Enter saves</span> : null}
      </div>
    </div>
  );
}
