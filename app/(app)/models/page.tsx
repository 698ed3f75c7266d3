import Link from "next/link";
import { ModelsOverview } from "@/components/models/ModelsOverview";
import { RunModelsButtons } from "@/components/models/RunModelsButtons";
import { PageHeader } from "@/components/shell/PageHeader";
import { buttonClass } from "@/components/ui/button-class";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function ModelsPage() {
  const user = await currentUser();
  const canEdit = !!user && satisfiesTier(user.role, "engineer");
  return (
    <>
      <PageHeader
        title="Models"
        description="SQL models built in the warehouse, bronze → silver → gold, in dependency order; a failing error check blocks what reads its dataset."
        actions={
          canEdit ? (
            <div className="flex shrink-0 items-start gap-2">
              <RunModelsButtons options={[{ selector: "*", label: "Run all", testId: "run-all-models", title: "Build every model in dependency order" }]} />
              <Link href="/models/new" className={buttonClass("primary", "md", "whitespace-nowrap")} data-testid="new-model">
                New model
              </Link>
            </div>
          ) : undefined
        }
      />
      <ModelsOverview canEdit={canEdit} />
    </>
  );
}
