import { RunDetail } from "@/components/runs/RunDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return <RunDetail id={id} canEdit={!!user && satisfiesTier(user.role, "engineer")} />;
}
