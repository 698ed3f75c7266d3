/**
 * The facets OpenLineage producers other than Weir gave a dataset, each
 * with the producer that reported it: what they say is theirs, shown beside
 * Weir's facts, never instead of them.
 */
import { FieldHeading } from "@/components/catalog/FieldHeading";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function ReportedFacets({ facets }: { facets: TDatasetOutput["reportedFacets"] }) {
  if (!facets.length) return null;
  return (
    <div data-testid="reported-facets">
      <FieldHeading>Reported by other producers</FieldHeading>
      <ul className="space-y-1 text-sm">
        {facets.map((f) => (
          <li key={f.key}>
            <code className="rounded bg-slate-100 px-1 text-xs">{f.key}</code>{" "}
            <span className="text-xs text-slate-500">
              reported by <span className="break-all">{f.producer}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
