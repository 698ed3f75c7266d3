import { RunList } from "@/components/runs/RunList";
import { PageHeader } from "@/components/shell/PageHeader";

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Sync runs across all connections, newest first." />
      <RunList />
    </>
  );
}
