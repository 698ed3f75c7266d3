import { PageHeader } from "@/components/shell/PageHeader";
import { WorkersPanel } from "@/components/health/WorkersPanel";

export default function HealthPage() {
  return (
    <>
      <PageHeader title="Health" description="Live worker processes and the jobs they are running. Refreshes every few seconds." />
      <WorkersPanel />
    </>
  );
}
