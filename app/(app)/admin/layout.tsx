import type { ReactNode } from "react";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { NoAccess } from "@/components/shell/NoAccess";
import { currentUser } from "@/server/session";
import { satisfiesTier } from "@/server/roles";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user || !satisfiesTier(user.role, "admin")) return <NoAccess needs="admin" has={user?.role ?? "anonymous"} />;
  return (
    <>
      <AdminTabs />
      {children}
    </>
  );
}
