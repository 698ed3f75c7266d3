import { NewEndpoint } from "@/components/endpoints/NewEndpoint";
import { NoAccess } from "@/components/shell/NoAccess";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function NewSourcePage() {
  const user = await currentUser();
  if (!user || !satisfiesTier(user.role, "engineer")) return <NoAccess needs="engineer" has={user?.role ?? "anonymous"} />;
  return (
    <>
      <PageHeader title="New source" />
      <NewEndpoint kind="source" />
    </>
  );
}
