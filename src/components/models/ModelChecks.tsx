"use client";
/**
 * The checks on a model's dataset, with their latest status and trend, and
 * for engineers an "Add check" form already pointed at the model (so the
 * check runs after each build and gates what reads the model).
 */
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import type { TModel } from "@/components/models/model-form";
import { CheckForm } from "@/components/quality/CheckForm";
import { CheckTable } from "@/components/quality/CheckTable";
import { trpc } from "@/components/trpc/trpc-react";

export function ModelChecks({ model, canEdit }: { model: TModel; canEdit: boolean }) {
  const dataset = `${model.schema}.${model.name}`;
  const checks = trpc.quality.checks.useQuery({ dataset });
  const [adding, setAdding] = useState(false);
  const mine = (checks.data ?? []).filter((c) => c.model?.id === model.id || (c.dataset === dataset && c.destination?.id === model.destination.id));
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="model-checks">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">
          Checks <span className="ml-1 font-mono text-sm font-normal text-slate-500">{dataset}</span>
        </h2>
        {canEdit && !adding ? (
          <button
            type="button"
            onClick={() => setAdding(true)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            data-testid="add-check"
          >
            Add check
          </button>
        ) : null}
      </div>
      {adding ? (
        <div className="border-b border-slate-200 bg-slate-50 p-4">
          <CheckForm
            target={{
              destinationId: model.destination.id,
              datasetSchema: model.schema,
              datasetTable: model.name,
              modelId: model.id,
              connectionId: null,
              stream: null,
              label: `${dataset} (${model.destination.name})`,
            }}
            onCreated={() => setAdding(false)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {checks.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading checks…</p> : null}
      {checks.error ? (
        <div className="p-4">
          <ErrorAlert message={checks.error.message} />
        </div>
      ) : null}
      {checks.data && mine.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          No checks on this model yet. An error-severity check that fails blocks the models downstream of it until it passes again.
        </p>
      ) : null}
      {mine.length ? <CheckTable checks={mine} showDataset={false} /> : null}
    </section>
  );
}
