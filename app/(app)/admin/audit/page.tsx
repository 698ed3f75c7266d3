import { AuditLogPanel } from "@/components/admin/AuditLogPanel";
import { PageHeader } from "@/components/shell/PageHeader";

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through Weir: who, what, on which target, when." />
      <AuditLogPanel />
    </>
  );
}
