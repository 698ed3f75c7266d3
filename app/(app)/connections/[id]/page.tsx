import { ConnectionDetail } from "@/components/connections/ConnectionDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <ConnectionDetail id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
