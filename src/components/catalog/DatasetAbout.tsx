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

type TTextFact = "description" | "owner";

/** A dataset's description or owner under its heading, edited in place, with who set it. */
function TextFact({ dataset: d, fact, canEdit }: { dataset: TDatasetOutput; fact: TTextFact; canEdit: boolean }) {
  const update = useDatasetUpdate();
  const isDescription = fact === "description";
  const placeholder = !isDescription ? "No owner yet." : canEdit ? "No description yet: say what a row is and where it comes from." : "No description yet.";
  return (
    <div>
      <FieldHeading>{isDescription ? "Description" : "Owner"}</FieldHeading>
      <InlineTextEdit
        value={(isDescription ? d.description : d.owner) ?? ""}
        placeholder={placeholder}
        label={fact}
        canEdit={canEdit}
        multiline={isDescription}
        pending={update.isPending}
        error={editErrorMessage(fact, update.error)}
        onSave={(value) => update.mutateAsync(isDescription ? { id: d.id, description: value } : { id: d.id, owner: value.trim() || null })}
        onCancel={update.reset}
        testId={`dataset-${fact}`}
      />
      <FactSource setter={d.provenance[fact]} testId={`${fact}-source`} />
    </div>
  );
}

export function DatasetAbout({ dataset: d, canEdit }: { dataset: TDatasetOutput; canEdit: boolean }) {
  return (
    <Panel title="About" padded testId="dataset-about">
      <div className="space-y-4">
        <TextFact dataset={d} fact="description" canEdit={canEdit} />
        <TextFact dataset={d} fact="owner" canEdit={canEdit} />
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
