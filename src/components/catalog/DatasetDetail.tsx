"use client";
/**
 * One dataset's page: what and where it is, its description, owner and tags
 * (editable by engineers), its freshness deadline, its schema, checks, neighbours in the lineage,
 * what depends on it, the runs that read and wrote it and, for analysts and
 * up, a preview of its rows.
 */
import { DatasetAbout } from "@/components/catalog/DatasetAbout";
import { DatasetChecks } from "@/components/catalog/DatasetChecks";
import { DatasetHeader } from "@/components/catalog/DatasetHeader";
import { DatasetImpact } from "@/components/catalog/DatasetImpact";
import { DatasetLineage } from "@/components/catalog/DatasetLineage";
import { DatasetNotFound } from "@/components/catalog/DatasetNotFound";
import { DatasetPreview } from "@/components/catalog/DatasetPreview";
import { DatasetRuns } from "@/components/catalog/DatasetRuns";
import { DatasetSchema } from "@/components/catalog/DatasetSchema";
import { FreshnessDeadlineEditor } from "@/components/catalog/FreshnessDeadlineEditor";
import { QueryView } from "@/components/ui/QueryView";
import { trpc } from "@/components/trpc/trpc-react";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** canUnflagPii: only admins may remove a PII flag (the server enforces it; engineers may add one). */
type TProps = { id: string; canEdit: boolean; canPreview: boolean; canUnflagPii: boolean };

export function DatasetDetail({ id, canEdit, canPreview, canUnflagPii }: TProps) {
  const valid = UUID.test(id);
  const dataset = trpc.catalog.dataset.useQuery({ id }, { enabled: valid });
  // A malformed id (BAD_REQUEST) is as missing as an unknown one.
  const code = dataset.error?.data?.code;
  if (!valid || code === "NOT_FOUND" || code === "BAD_REQUEST") return <DatasetNotFound />;
  return (
    <QueryView query={dataset} loading="Loading dataset…" missing="The dataset could not be loaded." isEmpty={() => false}>
      {(d) => (
        <div className="space-y-6" data-testid="dataset-page">
          <DatasetHeader dataset={d} />
          <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <DatasetAbout dataset={d} canEdit={canEdit} />
            <DatasetLineage datasetId={d.id} />
          </div>
          <FreshnessDeadlineEditor datasetId={d.id} canEdit={canEdit} />
          <DatasetSchema dataset={d} canEdit={canEdit} canUnflagPii={canUnflagPii} />
          <DatasetChecks checks={d.checks} />
          <DatasetImpact dataset={d} />
          <DatasetRuns runs={d.runs} />
          <DatasetPreview dataset={d} canPreview={canPreview} />
        </div>
      )}
    </QueryView>
  );
}
