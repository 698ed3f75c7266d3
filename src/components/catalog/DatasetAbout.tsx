"use client";
/**
 * A dataset's description, owner and tags: read by everyone, edited in place
 * by engineers and admins. A refusal names the field it is about.
 */
import { FactSource } from "@/components/catalog/FactSource";
import { FieldHeading } from "@/components/catalog/FieldHeading";
import { InlineTextEdit } from "@/components/catalog/InlineTextEdit";
import { ReportedFacets } from "@/components/catalog/ReportedFacets";
import { TagEditor } from "@/components/catalog/TagEditor";
import { editErrorMessage } from "@/components/catalog/edit-errors";
import { useDatasetUpdate } from "@/components/catalog/use-dataset-update";
import { Panel } from "@/components/ui/Panel";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetAbout({ dataset: d, canEdit }: { dataset: TDatasetOutput; canEdit: boolean }) {
  const description = useDatasetUpdate();
  const owner = useDatasetUpdate();
  return (
    <Panel title="About" padded testId="dataset-about">
      <div className="space-y-4">
        <div>
          <FieldHeading>Description</FieldHeading>
          <InlineTextEdit
            value={d.description}
            placeholder={canEdit ? "No description yet: say what a row is and where it comes from." : "No description yet."}
            label="description"
            canEdit={canEdit}
            multiline
            pending={description.isPending}
            error={editErrorMessage("description", description.error)}
            onSave={(value) => description.mutateAsync({ id: d.id, description: value })}
            onCancel={description.reset}
            testId="dataset-description"
          />
          <FactSource setter={d.provenance.description} testId="description-source" />
        </div>
        <div>
          <FieldHeading>Owner</FieldHeading>
          <InlineTextEdit
            value={d.owner ?? ""}
            placeholder="No owner yet."
            label="owner"
            canEdit={canEdit}
            pending={owner.isPending}
            error={editErrorMessage("owner", owner.error)}
            onSave={(value) => owner.mutateAsync({ id: d.id, owner: value.trim() || null })}
            onCancel={owner.reset}
            testId="dataset-owner"
          />
          <FactSource setter={d.provenance.owner} testId="owner-source" />
        </div>
        <div>
          <FieldHeading>Tags</FieldHeading>
          <TagEditor datasetId={d.id} tags={d.tags} canEdit={canEdit} />
        </div>
        <ReportedFacets facets={d.reportedFacets} />
        {!canEdit ? <p className="text-xs text-slate-500">Engineers and admins can edit the description, owner and tags.</p> : null}
      </div>
    </Panel>
  );
}
