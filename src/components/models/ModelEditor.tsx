"use client";
/**
 * Creates or edits a model: its settings, its SQL in an editor with the
 * compiled SQL beside it (compiled as you type), column descriptions, and
 * Save, which shows the server's refusal beside the field it names (a
 * template error marks its line). People who are not engineers read the SQL
 * and a summary of the settings.
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { EditorView } from "@uiw/react-codemirror";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { ColumnDescriptions } from "@/components/models/ColumnDescriptions";
import { CompiledSqlPanel } from "@/components/models/CompiledSqlPanel";
import { FieldError } from "@/components/models/form-fields";
import { ModelFields } from "@/components/models/ModelFields";
import { ModelSettingsSummary } from "@/components/models/ModelSettingsSummary";
import { SnippetPicker } from "@/components/models/SnippetPicker";
import { SqlEditor, insertAtCursor } from "@/components/models/SqlEditor";
import {
  blankDraft,
  createInputFromDraft,
  draftFromModel,
  modelErrors,
  sameDraft,
  updateInputFromDraft,
  type TModel,
  type TModelDraft,
} from "@/components/models/model-form";
import { useCompiledSql } from "@/components/models/use-compiled-sql";
import { trpc } from "@/components/trpc/trpc-react";

const SQL_PLACEHOLDER =
  "{{ config(materialized='table') }}\nselect id, lower(email) as email\nfrom {{ source('connection', 'schema.stream') }}\n-- or another model: {{ ref('model_name') }}";

export function ModelEditor({ model, canEdit }: { model?: TModel; canEdit: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const destinations = trpc.destination.list.useQuery();
  const warehouses = (destinations.data ?? []).filter((d) => d.warehouse);
  const [draft, setDraft] = useState<TModelDraft>(() => (model ? draftFromModel(model) : blankDraft()));
  const [showIncremental, setShowIncremental] = useState(false);
  const view = useRef<EditorView | null>(null);
  const set = (patch: Partial<TModelDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const firstWarehouse = warehouses[0]?.id;
  useEffect(() => {
    if (!model && firstWarehouse) setDraft((d) => (d.destinationId ? d : { ...d, destinationId: firstWarehouse }));
  }, [model, firstWarehouse]);

  const create = trpc.model.create.useMutation({
    onSuccess: async (m) => {
      utils.model.get.setData({ id: m.id }, m);
      await utils.model.list.invalidate();
      router.push(`/models/${m.id}`);
    },
  });
  const update = trpc.model.update.useMutation({
    onSuccess: async (m) => {
      utils.model.get.setData({ id: m.id }, m);
      setDraft(draftFromModel(m));
      await utils.model.list.invalidate();
    },
  });
  const save = model ? update : create;
  const [missingWarehouse, setMissingWarehouse] = useState(false);
  const serverErrors = modelErrors(save.error);
  const errors =
    missingWarehouse && !draft.destinationId
      ? { ...serverErrors, fields: { ...serverErrors.fields, destinationId: "Choose the warehouse to build it in." } }
      : serverErrors;
  const compiled = useCompiledSql({
    name: draft.name,
    sql: draft.sql,
    destinationId: draft.destinationId,
    isIncremental: showIncremental && draft.materialization === "incremental",
  });
  const dirty = model ? !sameDraft(draft, draftFromModel(model)) : true;
  const readOnly = !canEdit;

  // A new model starts with its name and warehouse; a saved one with its SQL.
  const fields = <ModelFields draft={draft} set={set} errors={errors.fields} warehouses={warehouses} readOnly={readOnly} />;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!draft.destinationId) {
      setMissingWarehouse(true);
      return;
    }
    if (model) update.mutate(updateInputFromDraft(model.id, draft));
    else create.mutate(createInputFromDraft(draft));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" data-testid="model-form" aria-label={model ? `Model ${model.name}` : "New model"}>
      {model ? null : fields}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0">
          <div className="mb-1 flex items-center justify-between gap-2">
            <span className="text-sm font-medium text-slate-800">SQL</span>
            <span className="truncate text-xs text-slate-500">dbt syntax: ref(), source(), config(), is_incremental()</span>
          </div>
          <SqlEditor
            value={draft.sql}
            onChange={(sql) => set({ sql })}
            readOnly={readOnly}
            errorLine={compiled.errorLine ?? errors.sqlLine}
            onView={(v) => (view.current = v)}
            testId="model-sql"
            placeholder={SQL_PLACEHOLDER}
          />
          <FieldError message={errors.fields.sql} testId="model-sql-error" />
          {readOnly ? null : (
            <div className="mt-2">
              <SnippetPicker
                destinationId={draft.destinationId}
                modelName={draft.name.trim()}
                onInsert={(snippet) => view.current && insertAtCursor(view.current, snippet)}
              />
            </div>
          )}
        </div>
        <CompiledSqlPanel
          compiled={compiled}
          incremental={draft.materialization === "incremental"}
          showIncremental={showIncremental}
          onShowIncremental={setShowIncremental}
        />
      </div>
      {model && readOnly ? (
        <div className="border-t border-slate-200 pt-4">
          <ModelSettingsSummary model={model} />
        </div>
      ) : null}
      {model && !readOnly ? <div className="border-t border-slate-200 pt-4">{fields}</div> : null}
      {readOnly ? null : (
        <ColumnDescriptions columns={draft.columns} onChange={(columns) => set({ columns })} error={errors.fields.columns} readOnly={readOnly} />
      )}
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <Button type="submit" variant="primary" disabled={!dirty} pending={save.isPending} pendingLabel="Saving…" testId="save-model">
            {model ? "Save changes" : "Create model"}
          </Button>
          {model && dirty ? (
            <Button
              variant="quiet"
              className="underline"
              onClick={() => {
                setDraft(draftFromModel(model));
                update.reset();
              }}
            >
              Discard changes
            </Button>
          ) : null}
          {model && !dirty && update.isSuccess ? (
            <span className="text-sm text-emerald-700" data-testid="model-saved">
              Saved.
            </span>
          ) : null}
          {Object.keys(errors.fields).length > 0 && !errors.general ? (
            <span className="text-sm text-red-700" data-testid="model-save-error">
              Not saved: fix the fields marked in red.
            </span>
          ) : null}
        </div>
      )}
      <ErrorAlert message={errors.general} testId="model-save-error-general" />
    </form>
  );
}
