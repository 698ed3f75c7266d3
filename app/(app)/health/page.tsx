import { HealthDashboard } from "@/components/health/HealthDashboard";
import type { TShow } from "@/components/health/HealthCounters";
import { TestJobButton } from "@/components/health/TestJobButton";
import { PageHeader } from "@/components/shell/PageHeader";
import { satisfiesTier } from "@/server/roles";
import { currentUser } from "@/server/session";

const SHOWS: readonly TShow[] = [
  "failing-connections",
  "failing-models",
  "failing-checks",
  "open-incidents",
  "freshness",
  "lagging-streams",
  "workers",
  "alerts",
];

export default async function HealthPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const [user, params] = await Promise.all([currentUser(), searchParams]);
  const canAct = !!user && satisfiesTier(user.role, "engineer");
  const show = SHOWS.find((s) => s === params.show) ?? null;
  return (
    <>
      <PageHeader
        title="Health"
        description="What is broken now, what it blocks and what to do: refreshes every 5 seconds."
        actions={canAct ? <TestJobButton /> : undefined}
      />
      <HealthDashboard canAct={canAct} show={show} />
    </>
  );
}
