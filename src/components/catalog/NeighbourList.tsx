/**
 * One side of a dataset's lineage: the datasets directly up- or downstream,
 * with their layer, the jobs that connect them and a stale marker.
 */
import { DatasetLink } from "@/components/catalog/DatasetLink";
import { FieldHeading } from "@/components/catalog/FieldHeading";
import type { TNeighbour } from "@/components/catalog/dataset-neighbours";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";

type TProps = { title: string; neighbours: TNeighbour[]; empty: string; testId: string };

export function NeighbourList({ title, neighbours, empty, testId }: TProps) {
  // Datasets with the same short name (e.g. the same table in two databases) are told apart by full name and namespace.
  const names = neighbours.map((n) => n.node.shortName);
  const ambiguous = new Set(names.filter((name, i) => names.indexOf(name) !== i));
  return (
    <div>
      <FieldHeading>
        {title} <span className="font-normal">{neighbours.length || ""}</span>
      </FieldHeading>
      <ul className="space-y-1.5 text-sm" data-testid={testId}>
        {neighbours.length === 0 ? <li className="text-slate-500">{empty}</li> : null}
        {neighbours.map(({ node, jobs, stale, lastSeenAt }) => (
          <li key={node.id} className="min-w-0" data-testid="lineage-neighbour" data-dataset-id={node.id} data-stale={stale || undefined}>
            <DatasetLink id={node.id} shortName={node.shortName} layer={node.layer} title={`${node.name} in ${node.namespace}`} muted={stale}>
              {stale ? (
                <span
                  className="whitespace-nowrap rounded border border-dashed border-amber-400 px-1.5 py-0.5 text-xs text-amber-800"
                  title={`The last successful run of ${jobs.join(", ")} did not see this edge; last seen ${formatAbsolute(lastSeenAt)}.`}
                  data-testid="stale-edge"
                >
                  stale
                </span>
              ) : null}
            </DatasetLink>
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
