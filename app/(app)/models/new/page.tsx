import { ModelEditor } from "@/components/models/ModelEditor";
import { NoAccess } from "@/components/shell/NoAccess";
import { PageHeader } from "@/components/shell/PageHeader";
import { Panel } from "@/components/ui/Panel";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function NewModelPage() {
  const user = await currentUser();
  if (!user || !satisfiesTier(user.role, "engineer")) return <NoAccess needs="engineer" has={user?.role ?? "anonymous"} />;
  return (
    <>
      <PageHeader
        title="New model"
        description="A SQL SELECT in dbt's syntax: read synced streams with source(), other models with ref(). The compiled SQL shows what the warehouse will run."
      />
      <Panel padded>
        <ModelEditor canEdit />
      </Panel>
    </>
  );
}
