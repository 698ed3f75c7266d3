import { NewCheck } from "@/components/quality/NewCheck";
import { NoAccess } from "@/components/shell/NoAccess";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function NewCheckPage() {
  const user = await currentUser();
  if (!user || !satisfiesTier(user.role, "engineer")) return <NoAccess needs="engineer" has={user?.role ?? "anonymous"} />;
  return (
    <>
      <PageHeader
        title="New check"
        description="Test a dataset after the model or sync that produces it: not null, unique, accepted values, relationships, row count, freshness, regex, an expression or custom SQL."
      />
      <NewCheck />
    </>
  );
}
