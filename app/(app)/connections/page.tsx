import Link from "next/link";
import { ConnectionList } from "@/components/connections/ConnectionList";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function ConnectionsPage() {
  const user = await currentUser();
  const canEdit = !!user && satisfiesTier(user.role, "engineer");
  return (
    <>
      <PageHeader
        title="Connections"
        description="A source joined to a destination: which streams, how each syncs, where they land and when."
        actions={
          canEdit ? (
            <Link
              href="/connections/new"
              className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
              data-testid="new-connection"
            >
              New connection
            </Link>
          ) : undefined
        }
      />
      <ConnectionList canEdit={canEdit} />
    </>
  );
}
