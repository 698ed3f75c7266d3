import Link from "next/link";
import { IncidentList } from "@/components/quality/IncidentList";
import { PageHeader } from "@/components/shell/PageHeader";

export default function IncidentsPage() {
  return (
    <>
      <Link href="/quality" className="text-sm text-slate-500 hover:text-slate-800">
        ← Quality
      </Link>
      <PageHeader
        title="Incidents"
        description="A failing error-severity check opens one; it resolves by itself when the check passes, or an engineer resolves it with a reason."
      />
      <IncidentList />
    </>
  );
}
