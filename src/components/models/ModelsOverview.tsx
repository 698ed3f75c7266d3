"use client";
/**
 * The models page: the graph of models, the models by layer (bronze, silver,
 * gold) with materialization, dataset, destination and latest build, and the
 * latest transform runs. Empty, it says how to make the first model.
 */
import Link from "next/link";
import { DbtNodes } from "@/components/models/DbtNodes";
import { ModelGraph } from "@/components/models/ModelGraph";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { ProjectSyncPanel } from "@/components/models/ProjectSyncPanel";
import { TransformRunList } from "@/components/models/TransformRunList";
import { LAYERS, type TModel } from "@/components/models/model-form";
import { buildModelLineage } from "@/components/models/model-lineage";
import { latestBuilds, type TLatestBuild } from "@/components/models/transform-run-summary";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Panel } from "@/components/ui/Panel";
import { PanelCount } from "@/components/ui/PanelCount";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryView } from "@/components/ui/QueryView";
import type { TDataColumn } from "@/components/ui/data-column";
import { isActiveRun, timeAgo } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

type TModelRow = TModel & { build?: TLatestBuild };

const COLUMNS: TDataColumn<TModelRow>[] = [
  {
    id: "model",
    header: "Model",
    className: "w-[26%]",
    sortValue: (m) => m.name,
    cell: (m) => (
      <>
        <Link href={`/models/${m.id}`} className="break-all font-medium hover:underline">
          {m.name}
        </Link>
        {m.description ? (
          <p className="line-clamp-1 text-xs text-slate-500" title={m.description}>
            {m.description}
          </p>
        ) : null}
      </>
    ),
  },
  {
    id: "materialization",
    header: "Materialization",
    className: "w-[14%] text-slate-700",
    sortValue: (m) => m.materialization,
    cell: (m) => (
      <>
        {m.materialization}
        {m.materialization === "incremental" && m.uniqueKey.length ? <span className="text-xs text-slate-500"> on {m.uniqueKey.join(", ")}</span> : null}
      </>
    ),
  },
  {
    id: "dataset",
    header: "Dataset",
    className: "w-[20%] break-all font-mono text-xs",
    sortValue: (m) => `${m.schema}.${m.name}`,
    cell: (m) => `${m.schema}.${m.name}`,
  },
  {
    id: "destination",
    header: "Destination",
    className: "w-[12%]",
    sortValue: (m) => m.destination.name,
    cell: (m) => (
      <Link href={`/destinations/${m.destination.id}`} className="hover:underline">
        {m.destination.name}
      </Link>
    ),
  },
  { id: "owner", header: "Owner", className: "w-[10%] text-slate-600", sortValue: (m) => m.owner, cell: (m) => m.owner ?? "—" },
  {
    id: "build",
    header: "Latest build",
    sortValue: (m) => m.build?.status,
    cell: ({ name, build }) =>
      build ? (
        <Link href={`/models/runs/${build.runId}`} className="inline-flex items-center gap-2" title={build.reason ?? build.error ?? undefined}>
          <ModelRunStatusBadge status={build.status} testId={`model-row-status-${name}`} />
          <span className="whitespace-nowrap text-xs text-slate-500">{timeAgo(build.at)}</span>
        </Link>
      ) : (
        <span className="text-xs text-slate-500">never built</span>
      ),
  },
];

export function ModelsOverview({ canEdit }: { canEdit: boolean }) {
  const models = trpc.model.list.useQuery();
  return (
    <QueryView
      query={models}
      loading="Loading models…"
      empty={
        <div className="space-y-6">
          <EmptyState title="No models yet" testId="models-empty">
            A model is a SQL SELECT built in a warehouse, reading synced streams with <code className="font-mono">{"{{ source(…) }}"}</code> and other models
            with <code className="font-mono">{"{{ ref(…) }}"}</code>.{" "}
            {canEdit ? (
              <Link href="/models/new" className="font-medium text-slate-900 underline">
                Create the first one
              </Link>
            ) : (
              "An engineer can create one."
            )}
          </EmptyState>
          <ProjectSyncPanel canEdit={canEdit} />
          <DbtNodes canEdit={canEdit} />
        </div>
      }
    >
      {(list) => <Models list={list} canEdit={canEdit} />}
    </QueryView>
  );
}

function Models({ list, canEdit }: { list: TModel[]; canEdit: boolean }) {
  const runs = trpc.model.runs.useQuery(undefined, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  const builds = latestBuilds(runs.data ?? []);
  const lineage = buildModelLineage(list);
  const statuses = new Map([...builds].map(([name, b]) => [name, b.status]));
  return (
    <div className="space-y-6">
      <Panel title="Graph" padded>
        <ModelGraph lineage={lineage} statuses={statuses} />
        <p className="mt-2 text-xs text-slate-500">
          Arrows point from a model to the models that ref it. The dot is the latest build: green built, red failed, orange blocked by a check, grey skipped.
        </p>
      </Panel>
      {LAYERS.map((layer) => (
        <LayerSection key={layer} layer={layer} models={list.filter((m) => m.layer === layer).map((m) => ({ ...m, build: builds.get(m.name) }))} />
      ))}
      <ProjectSyncPanel canEdit={canEdit} />
      <DbtNodes canEdit={canEdit} />
      <TransformRunList limit={10} showAllLink />
    </div>
  );
}

function LayerSection({ layer, models }: { layer: string; models: TModelRow[] }) {
  return (
    <Panel
      title={
        <span className="capitalize">
          {layer} <PanelCount>{models.length}</PanelCount>
        </span>
      }
      testId={`models-layer-${layer}`}
    >
      {models.length === 0 ? (
        <PanelNote muted>No {layer} models.</PanelNote>
      ) : (
        <DataTable rows={models} columns={COLUMNS} rowId={(m) => m.id} rowTestId={(m) => `model-row-${m.name}`} rowClassName="align-top" sortable />
      )}
    </Panel>
  );
}
