import Link from "next/link";
import { CheckList } from "@/components/quality/CheckList";
import { IncidentsLink } from "@/components/quality/IncidentsLink";
import { PageHeader } from "@/components/shell/PageHeader";
import { buttonClass } from "@/components/ui/button-class";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

type TSearch = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function QualityPage({ searchParams }: { searchParams: TSearch }) {
  const [search, user] = await Promise.all([searchParams, currentUser()]);
  const canEdit = !!user && satisfiesTier(user.role, "engineer");
  return (
    <>
      <PageHeader
        title="Quality"
        description="Checks on datasets and columns, run after the sync or model that produces them. A failing error check blocks the models downstream and opens an incident."
        actions={
          <div className="flex shrink-0 items-center gap-2">
            <IncidentsLink />
            {canEdit ? (
              <Link href="/quality/checks/new" className={buttonClass("primary", "md", "whitespace-nowrap")} data-testid="new-check">
                New check
              </Link>
            ) : null}
          </div>
        }
      />
      <CheckList initial={{ dataset: one(search.dataset), severity: one(search.severity), status: one(search.status) }} canEdit={canEdit} />
    </>
  );
}
