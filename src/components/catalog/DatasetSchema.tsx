"use client";
/**
 * A dataset's columns: name, type, description, PII and tags. Engineers edit
 * a column's description and flag it PII (masked in previews and check
 * samples for analysts and viewers); only admins remove a flag.
 */
import { ColumnRow } from "@/components/catalog/ColumnRow";
import { FactSource } from "@/components/catalog/FactSource";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetSchema({ dataset: d, canEdit, canUnflagPii }: { dataset: TDatasetOutput; canEdit: boolean; canUnflagPii: boolean }) {
  const pii = d.columns.filter((c) => c.pii).length;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-schema">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
        Schema{" "}
        <span className="ml-1 text-sm font-normal text-slate-500">
          {d.columns.length} {d.columns.length === 1 ? "column" : "columns"}
          {pii ? ` · ${pii} PII` : ""}
        </span>
        <FactSource setter={d.provenance.schema} className="mt-0.5 font-normal" testId="schema-source" />
      </h2>
      {d.columns.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          No columns known yet: they are recorded when Weir discovers, loads or builds the dataset, or a producer reports its schema.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] table-fixed text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="w-[22%] px-4 py-2">Column</th>
                <th className="w-[14%] px-4 py-2">Type</th>
                <th className="px-4 py-2">Description</th>
                <th className="w-20 px-4 py-2">PII</th>
                <th className="w-[16%] px-4 py-2">Tags</th>
              </tr>
            </thead>
            <tbody>
              {d.columns.map((c) => (
                <ColumnRow key={c.name} datasetId={d.id} column={c} canEdit={canEdit} canUnflagPii={canUnflagPii} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
