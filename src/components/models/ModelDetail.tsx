"use client";
/**
 * One model: what it is and where it is built; for engineers, run it alone,
 * with its upstream (+name) or with its downstream (name+), and delete it;
 * its SQL with the compiled SQL beside it (editable by engineers), its build
 * history, its checks and the models around it.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/endpoints/ConfirmDeleteButton";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { LayerBadge } from "@/components/models/LayerBadge";
import { ModelChecks } from "@/components/models/ModelChecks";
import { ModelEditor } from "@/components/models/ModelEditor";
import { ModelHistory } from "@/components/models/ModelHistory";
import { ModelLineagePanel } from "@/components/models/ModelLineagePanel";
import { RunModelsButtons } from "@/components/models/RunModelsButtons";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function ModelDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const model = trpc.model.get.useQuery({ id });
  const remove = trpc.model.delete.useMutation({
    onSuccess: async () => {
      await utils.model.list.invalidate();
      router.push("/models");
    },
  });
  if (model.isLoading) return <p className="text-sm text-slate-500">Loading model…</p>;
  if (model.error || !model.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={model.error?.message ?? "No such model."} />
        <Link href="/models" className="text-sm underline">
          Back to models
        </Link>
      </div>
    );
  }
  const m = model.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/models" className="text-sm text-slate-500 hover:text-slate-800">
            ← Models
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight" data-testid="model-title">
            {m.name} <LayerBadge layer={m.layer} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {m.materialization}
            {m.uniqueKey.length ? ` on ${m.uniqueKey.join(", ")}` : ""} ·{" "}
            <code className="font-mono">
              {m.schema}.{m.name}
            </code>{" "}
            in{" "}
            <Link href={`/destinations/${m.destination.id}`} className="hover:underline">
              {m.destination.name}
            </Link>
            {m.owner ? <> · owned by {m.owner}</> : null}
          </p>
          {m.description ? <p className="mt-1 max-w-3xl text-sm text-slate-700">{m.description}</p> : null}
        </div>
        {canEdit ? (
          <div className="flex flex-col items-end gap-2">
            <RunModelsButtons
              options={[
                { selector: m.name, label: "Run this model", testId: "run-model", primary: true },
                { selector: `+${m.name}`, label: "Run with upstream", testId: "run-model-upstream", title: `+${m.name}: the models it reads first, then it` },
                {
                  selector: `${m.name}+`,
                  label: "Run with downstream",
                  testId: "run-model-downstream",
                  title: `${m.name}+: it, then every model that reads it`,
                },
              ]}
            />
            <ConfirmDeleteButton
              what={`model "${m.name}" (the table or view stays in the warehouse)`}
              onConfirm={() => remove.mutate({ id })}
              pending={remove.isPending}
              error={remove.error?.message}
            />
          </div>
        ) : null}
      </div>

      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Definition</h2>
        <div className="p-4">
          <ModelEditor key={m.id} model={m} canEdit={canEdit} />
        </div>
      </section>
      <ModelHistory modelId={m.id} />
      <ModelChecks model={m} canEdit={canEdit} />
      <ModelLineagePanel model={m} />
    </div>
  );
}
