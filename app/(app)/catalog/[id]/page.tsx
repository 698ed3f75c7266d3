import { DatasetDetail } from "@/components/catalog/DatasetDetail";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, currentUser()]);
  return (
    <DatasetDetail
      id={id}
      canEdit={!!user && satisfiesTier(user.role, "engineer")}
      canPreview={!!user && satisfiesTier(user.role, "analyst")}
      canUnflagPii={user?.role === "admin"}
    />
  );
}
