import { IncidentDetail } from "@/components/quality/IncidentDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <IncidentDetail id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
