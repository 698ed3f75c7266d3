"use client";
/**
 * The model's settings beside its SQL: name, layer, materialization and
 * unique key, the warehouse it is built in and its schema, description and
 * owner. Each shows its server error in place; read-only for non-engineers.
 */
import { LAYERS, MATERIALIZATIONS, type TModelDraft, type TModelErrors } from "@/components/models/model-form";

export const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50 disabled:text-slate-700";
export const LABEL = "block text-sm font-medium text-slate-800";

export function FieldError({ message, testId = "field-error" }: { message?: string | null; testId?: string }) {
  return message ? (
    <p className="mt-1 whitespace-pre-wrap text-xs text-red-700" data-testid={testId}>
      {message}
    </p>
  ) : null;
}

type TWarehouse = { id: string; name: string; connector: string };
type TProps = { draft: TModelDraft; set: (patch: Partial<TModelDraft>) => void; errors: TModelErrors["fields"]; warehouses: TWarehouse[]; readOnly: boolean };

export function ModelFields({ draft, set, errors, warehouses, readOnly }: TProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <label className={LABEL}>
        Name
        <input
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          disabled={readOnly}
          placeholder="e.g. customers_clean"
          className={`${INPUT} font-mono`}
          data-testid="model-name"
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">Letters, digits and underscores: it is also the table or view name.</span>
        <FieldError message={errors.name} />
      </label>
      <label className={LABEL}>
        Layer
        <select
          value={draft.layer}
          onChange={(e) => set({ layer: e.target.value as TModelDraft["layer"] })}
          disabled={readOnly}
          className={INPUT}
          data-testid="model-layer"
        >
          {LAYERS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <FieldError message={errors.layer} />
      </label>
      <label className={LABEL}>
        Materialization
        <select
          value={draft.materialization}
          onChange={(e) => set({ materialization: e.target.value as TModelDraft["materialization"] })}
          disabled={readOnly}
          className={INPUT}
          data-testid="model-materialization"
        >
          {MATERIALIZATIONS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <span className="mt-1 block text-xs font-normal text-slate-500">{"config(materialized='…') in the SQL wins over this, as in dbt."}</span>
        <FieldError message={errors.materialization} />
      </label>
      <label className={LABEL}>
        Unique key
        <input
          value={draft.uniqueKey}
          onChange={(e) => set({ uniqueKey: e.target.value })}
          disabled={readOnly}
          placeholder={draft.materialization === "incremental" ? "e.g. id (comma-separated)" : "only for incremental models"}
          className={`${INPUT} font-mono`}
          data-testid="model-unique-key"
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          Incremental rows replace the rows with the same key; without one they are appended.
        </span>
        <FieldError message={errors.uniqueKey} />
      </label>
      <label className={LABEL}>
        Warehouse
        <select
          value={draft.destinationId}
          onChange={(e) => set({ destinationId: e.target.value })}
          disabled={readOnly}
          className={INPUT}
          data-testid="model-destination"
        >
          {draft.destinationId === "" ? <option value="">Choose a warehouse destination (DuckDB, PostgreSQL, Snowflake)…</option> : null}
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.connector})
            </option>
          ))}
        </select>
        {warehouses.length === 0 ? (
          <span className="mt-1 block text-xs font-normal text-amber-800">
            No warehouse destination (DuckDB, PostgreSQL, Snowflake) yet: models are built in one.
          </span>
        ) : null}
        <FieldError message={errors.destinationId} />
      </label>
      <label className={LABEL}>
        Schema
        <input
          value={draft.schema}
          onChange={(e) => set({ schema: e.target.value })}
          disabled={readOnly}
          placeholder={draft.layer}
          className={`${INPUT} font-mono`}
          data-testid="model-schema"
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          Empty: the layer&apos;s name. The model is built as{" "}
          <code className="font-mono">
            {draft.schema.trim() || draft.layer}.{draft.name.trim() || "<name>"}
          </code>
          .
        </span>
        <FieldError message={errors.schema} />
      </label>
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
      <label className={LABEL}>
        Owner
        <input
          value={draft.owner}
          onChange={(e) => set({ owner: e.target.value })}
          disabled={readOnly}
          placeholder="a person or team"
          className={INPUT}
          data-testid="model-owner"
        />
        <FieldError message={errors.owner} />
      </label>
      <label className={LABEL}>
        Schedule (cron, UTC)
        <input
          value={draft.schedule}
          onChange={(e) => set({ schedule: e.target.value })}
          disabled={readOnly}
          placeholder="e.g. 0 3 * * * — optional"
          className={`${INPUT} font-mono`}
          data-testid="model-schedule"
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">Without one it is built after each successful sync upstream of it, or by hand.</span>
        <FieldError message={errors.schedule} />
      </label>
    </div>
  );
}
