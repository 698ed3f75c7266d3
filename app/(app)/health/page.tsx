import { TestJobButton } from "@/components/health/TestJobButton";
import { WorkersPanel } from "@/components/health/WorkersPanel";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

export default async function HealthPage() {
  const user = await currentUser();
  return (
    <>
      <PageHeader
        title="Health"
        description="Live worker processes and the jobs they are running. Refreshes every few seconds."
        actions={user && satisfiesTier(user.role, "engineer") ? <TestJobButton /> : undefined}
      />
      <WorkersPanel />
    </>
  );
}
