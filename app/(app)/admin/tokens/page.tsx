import { ApiTokensPanel } from "@/components/admin/ApiTokensPanel";
import { PageHeader } from "@/components/shell/PageHeader";

export default function ApiTokensPage() {
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens for machine clients: OpenLineage producers such as Airflow, dbt and Spark send run events with them. Weir keeps only a hash, so a token is shown once, when it is created."
      />
      <ApiTokensPanel />
    </>
  );
}
