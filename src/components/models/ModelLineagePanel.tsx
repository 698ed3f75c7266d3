"use client";
/**
 * Where a model sits: the models it reads (its refs) and every model
 * downstream of it, nearest first, drawn as the part of the graph that
 * passes through it.
 */
import Link from "next/link";
import { ModelGraph } from "@/components/models/ModelGraph";
import { LayerBadge } from "@/components/models/LayerBadge";
import type { TModel } from "@/components/models/model-form";
import { buildModelLineage, downstreamOf } from "@/components/models/model-lineage";
import { latestBuilds } from "@/components/models/transform-run-summary";
import { Panel } from "@/components/ui/Panel";
import { trpc } from "@/components/trpc/trpc-react";

function upstreamOf(upstream: Map<string, string[]>, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(upstream.get(name) ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(upstream.get(n) ?? []));
  }
  return seen;
}

export function ModelLineagePanel({ model }: { model: TModel }) {
  const models = trpc.model.list.useQuery();
  const runs = trpc.model.runs.useQuery();
  if (!models.data) return null;
  const all = buildModelLineage(models.data);
  const byName = new Map(models.data.map((m) => [m.name, m]));
  const downstream = downstreamOf(all, model.name);
  const keep = new Set([model.name, ...upstreamOf(all.upstream, model.name), ...downstream.map((d) => d.name)]);
  const near = buildModelLineage(models.data.filter((m) => keep.has(m.name)));
  const statuses = new Map([...latestBuilds(runs.data ?? [])].map(([n, b]) => [n, b.status]));
  const reads = all.upstream.get(model.name) ?? [];
  return (
    <Panel title="Upstream and downstream" testId="model-lineage" padded>
      <div className="space-y-4">
        {keep.size > 1 ? <ModelGraph lineage={near} statuses={statuses} highlight={model.name} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <h3 className="text-xs font-medium uppercase text-slate-500">Reads (refs)</h3>
            {reads.length === 0 ? <p className="mt-1 text-sm text-slate-600">No other model; it reads synced streams only.</p> : null}
            <ul className="mt-1 space-y-1 text-sm">
              {reads.map((name) => (
                <li key={name}>
                  {byName.get(name) ? (
                    <Link href={`/models/${byName.get(name)!.id}`} className="font-medium hover:underline">
                      {name}
                    </Link>
                  ) : (
                    name
                  )}
                </li>
              ))}
            </ul>
          </div>
          <div data-testid="model-downstream">
            <h3 className="text-xs font-medium uppercase text-slate-500">Downstream models</h3>
            {downstream.length === 0 ? <p className="mt-1 text-sm text-slate-600">Nothing reads this model yet.</p> : null}
            <ul className="mt-1 space-y-1 text-sm">
              {downstream.map((d) => {
                const m = byName.get(d.name);
                return (
                  <li key={d.name} className="flex items-center gap-2" data-testid={`downstream-${d.name}`}>
                    {m ? (
                      <Link href={`/models/${m.id}`} className="font-medium hover:underline">
                        {d.name}
                      </Link>
                    ) : (
                      d.name
                    )}
                    {m ? <LayerBadge layer={m.layer} /> : null}
                    <span className="text-xs text-slate-500">{d.depth === 1 ? "refs it directly" : `${d.depth} steps away`}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      </div>
    </Panel>
  );
}
