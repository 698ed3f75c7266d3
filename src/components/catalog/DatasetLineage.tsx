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
import { buttonClass } from "@/components/ui/button-class";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { trpc } from "@/components/trpc/trpc-react";

export function DatasetLineage({ datasetId }: { datasetId: string }) {
  const graph = trpc.lineage.graph.useQuery({ datasetId, depth: 1 });
  return (
    <Panel
      title="Lineage"
      padded
      testId="dataset-lineage"
      actions={
        <Link href={explorerHref(datasetId)} className={buttonClass("link")} data-testid="open-explorer">
          Open in lineage explorer
        </Link>
      }
    >
      <QueryView query={graph} loading="Loading lineage…" isEmpty={() => false}>
        {(data) => {
          const neighbours = datasetNeighbours(data, datasetId);
          return (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                <NeighbourList title="Upstream" neighbours={neighbours.upstream} empty="Nothing recorded feeds it." testId="upstream-list" />
                <NeighbourList title="Downstream" neighbours={neighbours.downstream} empty="Nothing recorded reads it." testId="downstream-list" />
              </div>
              {data.truncated ? <p className="mt-3 text-xs text-slate-500">Too many neighbours to list them all here; the explorer shows the rest.</p> : null}
            </>
          );
        }}
      </QueryView>
    </Panel>
  );
}
