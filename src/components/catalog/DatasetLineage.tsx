"use client";
/**
 * The datasets one hop up- and downstream, each linking to its catalog page,
 * with a marker on edges the last successful run of their job no longer saw,
 * and a way into the lineage explorer for the wider graph.
 */
import Link from "next/link";
import { NeighbourList } from "@/components/catalog/NeighbourList";
import { explorerHref } from "@/components/catalog/catalog-hrefs";
import { datasetNeighbours } from "@/components/catalog/dataset-neighbours";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";

export function DatasetLineage({ datasetId }: { datasetId: string }) {
  const graph = trpc.lineage.graph.useQuery({ datasetId, depth: 1 });
  const neighbours = graph.data ? datasetNeighbours(graph.data, datasetId) : null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-lineage">
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Lineage</h2>
        <Link href={explorerHref(datasetId)} className="text-sm font-medium text-slate-700 underline" data-testid="open-explorer">
          Open in lineage explorer
        </Link>
      </div>
      <div className="p-4">
        {graph.isLoading ? <p className="text-sm text-slate-500">Loading lineage…</p> : null}
        {graph.error ? <ErrorAlert message={graph.error.message} /> : null}
        {neighbours ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <NeighbourList title="Upstream" neighbours={neighbours.upstream} empty="Nothing recorded feeds it." testId="upstream-list" />
            <NeighbourList title="Downstream" neighbours={neighbours.downstream} empty="Nothing recorded reads it." testId="downstream-list" />
          </div>
        ) : null}
        {graph.data?.truncated ? <p className="mt-3 text-xs text-slate-500">Too many neighbours to list them all here; the explorer shows the rest.</p> : null}
      </div>
    </section>
  );
}
