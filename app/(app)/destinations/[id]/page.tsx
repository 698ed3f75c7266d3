import { EndpointDetail } from "@/components/endpoints/EndpointDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <EndpointDetail kind="destination" id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
