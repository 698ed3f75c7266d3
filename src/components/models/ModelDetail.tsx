"use client";
/**
 * One model: what it is and where it is built; for engineers, run it alone,
 * with its upstream (+name) or with its downstream (name+), and delete it;
 * its SQL with the compiled SQL beside it (editable by engineers), its build
 * history, its checks and the models around it.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/ui/ConfirmDeleteButton";
import { LayerBadge } from "@/components/models/LayerBadge";
import { ModelChecks } from "@/components/models/ModelChecks";
import { ModelEditor } from "@/components/models/ModelEditor";
import { ModelHistory } from "@/components/models/ModelHistory";
import { ModelLineagePanel } from "@/components/models/ModelLineagePanel";
import { RunModelsButtons } from "@/components/models/RunModelsButtons";
import type { TModel } from "@/components/models/model-form";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { DetailView } from "@/components/ui/DetailView";
import { Panel } from "@/components/ui/Panel";
import { trpc } from "@/components/trpc/trpc-react";

export function ModelDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const model = trpc.model.get.useQuery({ id });
  return (
    <DetailView query={model} what="model" back={{ href: "/models", label: "models" }}>
      {(m) => <ModelPage m={m} canEdit={canEdit} />}
    </DetailView>
  );
}

function ModelPage({ m, canEdit }: { m: TModel; canEdit: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const remove = trpc.model.delete.useMutation({
    onSuccess: async () => {
      await utils.model.list.invalidate();
      router.push("/models");
    },
  });
  return (
    <div className="space-y-6">
      <DetailHeader
        back={{ href: "/models", label: "Models" }}
        title={m.name}
        titleTestId="model-title"
        badges={<LayerBadge layer={m.layer} />}
        subtitle={
          <>
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
          </>
        }
        actions={
          canEdit ? (
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
                onConfirm={() => remove.mutate({ id: m.id })}
                pending={remove.isPending}
                error={remove.error?.message}
              />
            </div>
          ) : undefined
        }
      >
        {m.description ? <p className="mt-1 max-w-3xl text-sm text-slate-700">{m.description}</p> : null}
      </DetailHeader>

      <Panel title="Definition" padded>
        <ModelEditor key={m.id} model={m} canEdit={canEdit} />
      </Panel>
      <ModelHistory modelId={m.id} />
      <ModelChecks model={m} canEdit={canEdit} />
      <ModelLineagePanel model={m} />
    </div>
  );
}
