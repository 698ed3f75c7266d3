import { UsersPanel } from "@/components/admin/UsersPanel";
import { PageHeader } from "@/components/shell/PageHeader";
import { currentUser } from "@/server/session";

export default async function UsersPage() {
  const me = await currentUser();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to Weir and what they may do. Roles: viewer ⊂ analyst ⊂ engineer ⊂ admin." />
      <UsersPanel myId={me?.id ?? ""} />
    </>
  );
}
