"use client";
/**
 * The checks on a model's dataset, with their latest status and trend, and
 * for engineers an "Add check" form already pointed at the model (so the
 * check runs after each build and gates what reads the model).
 */
import { useState } from "react";
import type { TModel } from "@/components/models/model-form";
import { CheckForm } from "@/components/quality/CheckForm";
import { CheckTable } from "@/components/quality/CheckTable";
import { Button } from "@/components/ui/Button";
import { PanelCount } from "@/components/ui/PanelCount";
import { QueryPanel } from "@/components/ui/QueryPanel";
import { trpc } from "@/components/trpc/trpc-react";

export function ModelChecks({ model, canEdit }: { model: TModel; canEdit: boolean }) {
  const dataset = `${model.schema}.${model.name}`;
  const checks = trpc.quality.checks.useQuery({ dataset });
  const [adding, setAdding] = useState(false);
  const mine = (list: NonNullable<typeof checks.data>) =>
    list.filter((c) => c.model?.id === model.id || (c.dataset === dataset && c.destination?.id === model.destination.id));
  return (
    <QueryPanel
      query={checks}
      title={
        <>
          Checks <PanelCount className="font-mono">{dataset}</PanelCount>
        </>
      }
      testId="model-checks"
      loading="Loading checks…"
      isEmpty={(list) => mine(list).length === 0}
      empty="No checks on this model yet. An error-severity check that fails blocks the models downstream of it until it passes again."
      actions={
        canEdit && !adding ? (
          <Button onClick={() => setAdding(true)} testId="add-check">
            Add check
          </Button>
        ) : undefined
      }
      before={
        adding ? (
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
        ) : null
      }
    >
      {(list) => <CheckTable checks={mine(list)} showDataset={false} />}
    </QueryPanel>
  );
}
