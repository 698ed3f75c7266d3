"use client";
/**
 * A new quality check: its dataset (fixed when opened from a model), kind and
 * the kind's fields, a name (suggested from the fields until typed), the
 * severity (error blocks what is downstream, warn only shows) and an optional
 * "mostly" threshold. The server's refusal shows beside the field it names.
 */
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { FieldError, SelectField, TextField } from "@/components/models/form-fields";
import { CheckKindFields } from "@/components/quality/CheckKindFields";
import { BLANK_TARGET, DatasetPicker, type TCheckTarget } from "@/components/quality/DatasetPicker";
import { checkErrors } from "@/components/quality/check-errors";
import { BLANK_CHECK, CHECK_KINDS, checkFromDraft, suggestName, type TCheckDraft, type TCheckKindName } from "@/components/quality/check-kinds";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TCheck = RouterOutputs["quality"]["check"];

/** Kinds judged row by row, where "mostly" (a fraction of rows that must pass) applies. */
const ROW_KINDS = new Set<TCheckKindName>(["not_null", "unique", "accepted_values", "relationships", "regex", "expression"]);

type TProps = {
  /** The dataset, fixed (e.g. a model's); absent: the form asks for one. */
  target?: TCheckTarget & { label: string };
  onCreated: (check: TCheck) => void;
  onCancel?: () => void;
};

export function CheckForm({ target: fixed, onCreated, onCancel }: TProps) {
  const utils = trpc.useUtils();
  const [target, setTarget] = useState<TCheckTarget>(fixed ?? BLANK_TARGET);
  const [draft, setDraft] = useState<TCheckDraft>(BLANK_CHECK);
  const [name, setName] = useState<string | null>(null); // null: follow the suggestion
  const [severity, setSeverity] = useState<"error" | "warn">("error");
  const [mostly, setMostly] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [missingDataset, setMissingDataset] = useState(false);
  const create = trpc.quality.createCheck.useMutation({
    onSuccess: async (check) => {
      await utils.quality.checks.invalidate();
      onCreated(check);
    },
  });
  const serverErrors = checkErrors(create.error);
  const errors =
    missingDataset && !(target.destinationId && target.datasetSchema.trim() && target.datasetTable.trim())
      ? { ...serverErrors, fields: { ...serverErrors.fields, dataset: "Choose the dataset the check is on." } }
      : serverErrors;
  const set = (patch: Partial<TCheckDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const shownName = name ?? suggestName(draft);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    let check;
    try {
      check = checkFromDraft(draft);
    } catch (err) {
      setLocalError(err instanceof Error ? err.message : String(err));
      return;
    }
    const percent = mostly.trim() ? Number(mostly) : null;
    if (percent !== null && !(percent > 0 && percent <= 100)) {
      setLocalError("mostly: a percentage above 0 and at most 100");
      return;
    }
    const t = fixed ?? target;
    if (!t.destinationId || !t.datasetSchema.trim() || !t.datasetTable.trim()) {
      setLocalError(null);
      setMissingDataset(true);
      return;
    }
    create.mutate({
      name: shownName.trim(),
      severity,
      check,
      mostly: percent === null || !ROW_KINDS.has(draft.kind) ? null : percent / 100,
      destinationId: t.destinationId,
      datasetSchema: t.datasetSchema,
      datasetTable: t.datasetTable,
      modelId: t.modelId,
      connectionId: t.connectionId,
      stream: t.stream,
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="check-form" aria-label="New check">
      {fixed ? (
        <p className="text-sm text-slate-700">
          On{" "}
          <code className="font-mono" data-testid="check-form-dataset">
            {fixed.label}
          </code>
        </p>
      ) : (
        <DatasetPicker value={target} onChange={setTarget} errors={errors.fields} />
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Kind" value={draft.kind} onChange={(kind) => set({ kind: kind as TCheckKindName })} testId="check-kind">
          {CHECK_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Severity"
          value={severity}
          onChange={(v) => setSeverity(v as "error" | "warn")}
          testId="check-severity"
          error={errors.fields.severity}
        >
          <option value="error">error (blocks, opens an incident)</option>
          <option value="warn">warn (only shown)</option>
        </SelectField>
        {ROW_KINDS.has(draft.kind) ? (
          <TextField
            label="Mostly (% of rows that must pass)"
            value={mostly}
            onChange={setMostly}
            inputMode="decimal"
            placeholder="100"
            testId="check-mostly"
            error={errors.fields.mostly}
          />
        ) : null}
      </div>
      <p className="text-xs text-slate-500">{CHECK_KINDS.find((k) => k.kind === draft.kind)?.help}</p>
      <CheckKindFields draft={draft} set={set} errors={errors.fields} />
      {draft.kind !== "row_count" ? <FieldError message={errors.fields.check} /> : null}
      <TextField
        label="Name"
        className="max-w-md"
        value={shownName}
        onChange={setName}
        placeholder="e.g. email not null"
        testId="check-name"
        error={errors.fields.name}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" pending={create.isPending} pendingLabel="Adding…" testId="create-check">
          Add check
        </Button>
        {onCancel ? (
          <Button variant="quiet" className="underline" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      <ErrorAlert message={localError ?? errors.general} testId="check-form-error" />
    </form>
  );
}
