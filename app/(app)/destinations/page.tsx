import { EndpointListPage } from "@/components/endpoints/EndpointListPage";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function DestinationsPage() {
  const user = await currentUser();
  return <EndpointListPage kind="destination" canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
