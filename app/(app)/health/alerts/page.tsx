import Link from "next/link";
import { AlertSettings } from "@/components/health/AlertSettings";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function AlertsPage() {
  const user = await currentUser();
  return (
    <>
      <Link href="/health" className="text-sm text-slate-600 hover:underline">
        ← Health
      </Link>
      <PageHeader title="Alerts" description="Where alerts go, when they fire, and what was sent. One alert per rule and target until it recovers." />
      <AlertSettings canEdit={!!user && satisfiesTier(user.role, "engineer")} />
    </>
  );
}
