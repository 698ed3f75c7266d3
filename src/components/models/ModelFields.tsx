"use client";
/**
 * The model's settings beside its SQL: name, layer, materialization and
 * unique key, the warehouse it is built in and its schema, description and
 * owner. Each shows its server error in place; read-only for non-engineers.
 */
import type { ReactNode } from "react";
import { INPUT, LABEL, FieldError, SelectField, TextField } from "@/components/models/form-fields";
import { LAYERS, MATERIALIZATIONS, type TModelDraft, type TModelErrors } from "@/components/models/model-form";

const options = (values: readonly string[]) =>
  values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));

type TWarehouse = { id: string; name: string; connector: string };
type TProps = { draft: TModelDraft; set: (patch: Partial<TModelDraft>) => void; errors: TModelErrors["fields"]; warehouses: TWarehouse[]; readOnly: boolean };

type TTextKey = "name" | "uniqueKey" | "schema" | "owner" | "schedule";

export function ModelFields({ draft, set, errors, warehouses, readOnly }: TProps) {
  const text = (key: TTextKey, label: string, placeholder: string, hint?: ReactNode, mono = true) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(v) => set({ [key]: v } as Partial<TModelDraft>)}
      disabled={readOnly}
      placeholder={placeholder}
      mono={mono}
      testId={`model-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`}
      hint={hint}
      error={errors[key]}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {text("name", "Name", "e.g. customers_clean", "Letters, digits and underscores: it is also the table or view name.")}
      <SelectField
        label="Layer"
        value={draft.layer}
        onChange={(layer) => set({ layer: layer as TModelDraft["layer"] })}
        disabled={readOnly}
        testId="model-layer"
        error={errors.layer}
      >
        {options(LAYERS)}
      </SelectField>
      <SelectField
        label="Materialization"
        value={draft.materialization}
        onChange={(materialization) => set({ materialization: materialization as TModelDraft["materialization"] })}
        disabled={readOnly}
        testId="model-materialization"
        hint={"config(materialized='…') in the SQL wins over this, as in dbt."}
        error={errors.materialization}
      >
        {options(MATERIALIZATIONS)}
      </SelectField>
      {text(
        "uniqueKey",
        "Unique key",
        draft.materialization === "incremental" ? "e.g. id (comma-separated)" : "only for incremental models",
        "Incremental rows replace the rows with the same key; without one they are appended.",
      )}
      <SelectField
        label="Warehouse"
        value={draft.destinationId}
        onChange={(destinationId) => set({ destinationId })}
        disabled={readOnly}
        testId="model-destination"
        hint={
          warehouses.length === 0 ? (
            <span className="text-amber-800">No warehouse destination (DuckDB, PostgreSQL, Snowflake) yet: models are built in one.</span>
          ) : undefined
        }
        error={errors.destinationId}
      >
        {draft.destinationId === "" ? <option value="">Choose a warehouse destination (DuckDB, PostgreSQL, Snowflake)…</option> : null}
        {warehouses.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.connector})
          </option>
        ))}
      </SelectField>
      {text(
        "schema",
        "Schema",
        draft.layer,
        <>
          Empty: the layer&apos;s name. The model is built as{" "}
          <code className="font-mono">
            {draft.schema.trim() || draft.layer}.{draft.name.trim() || "<name>"}
          </code>
          .
        </>,
      )}
      <label className={`${LABEL} sm:col-span-2`}>
        Description
        <textarea
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
          disabled={readOnly}
          rows={2}
          placeholder="What the model holds and who should use it"
          className={INPUT}
          data-testid="model-description"
        />
        <FieldError message={errors.description} />
      </label>
      {text("owner", "Owner", "a person or team", undefined, false)}
      {text("schedule", "Schedule (cron, UTC)", "e.g. 0 3 * * * — optional", "Without one it is built after each successful sync upstream of it, or by hand.")}
    </div>
  );
}
