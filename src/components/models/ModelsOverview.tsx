"use client";
/**
 * The models page: the graph of models, the models by layer (bronze, silver,
 * gold) with materialization, dataset, destination and latest build, and the
 * latest transform runs. Empty, it says how to make the first model.
 */
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { DbtNodes } from "@/components/models/DbtNodes";
import { ModelGraph } from "@/components/models/ModelGraph";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { ProjectSyncPanel } from "@/components/models/ProjectSyncPanel";
import { TransformRunList } from "@/components/models/TransformRunList";
import { LAYERS, type TModel } from "@/components/models/model-form";
import { buildModelLineage } from "@/components/models/model-lineage";
import { latestBuilds, type TLatestBuild } from "@/components/models/transform-run-summary";
import { isActiveRun, timeAgo } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function ModelsOverview({ canEdit }: { canEdit: boolean }) {
  const models = trpc.model.list.useQuery();
  const runs = trpc.model.runs.useQuery(undefined, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  if (models.isLoading) return <p className="text-sm text-slate-500">Loading models…</p>;
  if (models.error) return <ErrorAlert message={models.error.message} />;
  const list = models.data ?? [];
  if (list.length === 0) {
    return (
      <div className="space-y-6">
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="models-empty">
          <h2 className="font-semibold text-slate-800">No models yet</h2>
          <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
            A model is a SQL SELECT built in a warehouse, reading synced streams with <code className="font-mono">{"{{ source(…) }}"}</code> and other models
            with <code className="font-mono">{"{{ ref(…) }}"}</code>.{" "}
            {canEdit ? (
              <Link href="/models/new" className="font-medium text-slate-900 underline">
                Create the first one
              </Link>
            ) : (
              "An engineer can create one."
            )}
          </p>
        </div>
        <ProjectSyncPanel canEdit={canEdit} />
        <DbtNodes canEdit={canEdit} />
      </div>
    );
  }
  const builds = latestBuilds(runs.data ?? []);
  const lineage = buildModelLineage(list);
  const statuses = new Map([...builds].map(([name, b]) => [name, b.status]));
  return (
    <div className="space-y-6">
      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Graph</h2>
        <div className="p-4">
          <ModelGraph lineage={lineage} statuses={statuses} />
          <p className="mt-2 text-xs text-slate-500">
            Arrows point from a model to the models that ref it. The dot is the latest build: green built, red failed, orange blocked by a check, grey skipped.
          </p>
        </div>
      </section>
      {LAYERS.map((layer) => (
        <LayerSection key={layer} layer={layer} models={list.filter((m) => m.layer === layer)} builds={builds} />
      ))}
      <ProjectSyncPanel canEdit={canEdit} />
      <DbtNodes canEdit={canEdit} />
      <TransformRunList limit={10} showAllLink />
    </div>
  );
}

function LayerSection({ layer, models, builds }: { layer: string; models: TModel[]; builds: Map<string, TLatestBuild> }) {
  return (
    <section className={CARD} data-testid={`models-layer-${layer}`}>
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold capitalize">
        {layer} <span className="ml-1 text-sm font-normal text-slate-500">{models.length}</span>
      </h2>
      {models.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">No {layer} models.</p>
      ) : (
        <table className="w-full table-fixed text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="w-[26%] px-4 py-2">Model</th>
              <th className="w-[14%] px-4 py-2">Materialization</th>
              <th className="w-[20%] px-4 py-2">Dataset</th>
              <th className="w-[12%] px-4 py-2">Destination</th>
              <th className="w-[10%] px-4 py-2">Owner</th>
              <th className="px-4 py-2">Latest build</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => {
              const build = builds.get(m.name);
              return (
                <tr key={m.id} className="border-t border-slate-100 align-top" data-testid={`model-row-${m.name}`}>
                  <td className="px-4 py-2">
                    <Link href={`/models/${m.id}`} className="break-all font-medium hover:underline">
                      {m.name}
                    </Link>
                    {m.description ? (
                      <p className="truncate text-xs text-slate-500" title={m.description}>
                        {m.description}
                      </p>
                    ) : null}
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {m.materialization}
                    {m.materialization === "incremental" && m.uniqueKey.length ? (
                      <span className="text-xs text-slate-500"> on {m.uniqueKey.join(", ")}</span>
                    ) : null}
                  </td>
                  <td className="break-all px-4 py-2 font-mono text-xs">
                    {m.schema}.{m.name}
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/destinations/${m.destination.id}`} className="hover:underline">
                      {m.destination.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-slate-600">{m.owner ?? "—"}</td>
                  <td className="px-4 py-2">
                    {build ? (
                      <Link href={`/models/runs/${build.runId}`} className="inline-flex items-center gap-2" title={build.reason ?? build.error ?? undefined}>
                        <ModelRunStatusBadge status={build.status} testId={`model-row-status-${m.name}`} />
                        <span className="whitespace-nowrap text-xs text-slate-500">{timeAgo(build.at)}</span>
                      </Link>
                    ) : (
                      <span className="text-xs text-slate-500">never built</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
