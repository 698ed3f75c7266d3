import { EndpointDetail } from "@/components/endpoints/EndpointDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <EndpointDetail kind="source" id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
