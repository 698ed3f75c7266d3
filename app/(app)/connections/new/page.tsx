import { NewConnectionWizard } from "@/components/connections/NewConnectionWizard";
import { NoAccess } from "@/components/shell/NoAccess";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function NewConnectionPage() {
  const user = await currentUser();
  if (!user || !satisfiesTier(user.role, "engineer")) return <NoAccess needs="engineer" has={user?.role ?? "anonymous"} />;
  return (
    <>
      <PageHeader
        title="New connection"
        description="Join a source to a destination and choose its streams: how each syncs and a schedule, or for a streaming source, its topics."
      />
      <NewConnectionWizard />
    </>
  );
}
