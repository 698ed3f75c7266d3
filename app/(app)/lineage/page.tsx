import { Suspense } from "react";
import { LineageExplorer } from "@/components/lineage/LineageExplorer";
import { PageHeader } from "@/components/shell/PageHeader";

export default function LineagePage() {
  return (
    <>
      <PageHeader
        title="Lineage"
        description="Where each dataset's data comes from and what depends on it, at table and column level, as recorded run by run by the syncs and models that move it and by OpenLineage producers."
      />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading lineage…</p>}>
        <LineageExplorer />
      </Suspense>
    </>
  );
}
