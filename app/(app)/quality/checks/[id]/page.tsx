import { CheckDetail } from "@/components/quality/CheckDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function CheckPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <CheckDetail id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
