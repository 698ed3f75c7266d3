/**
 * One side of a dataset's lineage: the datasets directly up- or downstream,
 * with their layer, the jobs that connect them and a stale marker.
 */
import Link from "next/link";
import { datasetHref } from "@/components/catalog/catalog-hrefs";
import type { TNeighbour } from "@/components/catalog/dataset-neighbours";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import { LayerBadge } from "@/components/models/LayerBadge";

type TProps = { title: string; neighbours: TNeighbour[]; empty: string; testId: string };

export function NeighbourList({ title, neighbours, empty, testId }: TProps) {
  // Datasets with the same short name (e.g. the same table in two databases) are told apart by full name and namespace.
  const names = neighbours.map((n) => n.node.shortName);
  const ambiguous = new Set(names.filter((name, i) => names.indexOf(name) !== i));
  return (
    <div>
      <h3 className="text-xs font-medium uppercase text-slate-500">
        {title} <span className="font-normal">{neighbours.length || ""}</span>
      </h3>
      <ul className="mt-1 space-y-1.5 text-sm" data-testid={testId}>
        {neighbours.length === 0 ? <li className="text-slate-500">{empty}</li> : null}
        {neighbours.map(({ node, jobs, stale, lastSeenAt }) => (
          <li key={node.id} className="min-w-0" data-testid="lineage-neighbour" data-dataset-id={node.id} data-stale={stale || undefined}>
            <span className="flex min-w-0 items-center gap-2">
              <Link
                href={datasetHref(node.id)}
                className={`truncate font-medium hover:underline ${stale ? "text-slate-500" : "text-slate-900"}`}
                title={`${node.name} in ${node.namespace}`}
              >
                {node.shortName}
              </Link>
              {node.layer ? <LayerBadge layer={node.layer} /> : null}
              {stale ? (
                <span
                  className="whitespace-nowrap rounded border border-dashed border-amber-400 px-1.5 py-0.5 text-xs text-amber-800"
                  title={`The last successful run of ${jobs.join(", ")} did not see this edge; last seen ${formatAbsolute(lastSeenAt)}.`}
                  data-testid="stale-edge"
                >
                  stale
                </span>
              ) : null}
            </span>
            {ambiguous.has(node.shortName) ? (
              <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">
                <span className="font-mono">{node.name}</span> in {node.namespace}
              </p>
            ) : null}
            <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">
              via <span className="font-mono">{jobs.join(", ")}</span>
              {stale ? ` · last seen ${formatRelative(lastSeenAt)}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
