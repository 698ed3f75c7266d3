import Link from "next/link";
import { ConnectionList } from "@/components/connections/ConnectionList";
import { PageHeader } from "@/components/shell/PageHeader";
import { buttonClass } from "@/components/ui/button-class";
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
            <Link href="/connections/new" className={buttonClass("primary")} data-testid="new-connection">
              New connection
            </Link>
          ) : undefined
        }
      />
      <ConnectionList canEdit={canEdit} />
    </>
  );
}
