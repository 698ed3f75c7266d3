import { ModelDetail } from "@/components/models/ModelDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <ModelDetail id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
