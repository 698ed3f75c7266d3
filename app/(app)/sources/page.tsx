import { EndpointListPage } from "@/components/endpoints/EndpointListPage";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function SourcesPage() {
  const user = await currentUser();
  return <EndpointListPage kind="source" canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
