/**
 * Header and honest empty state for sections whose capability is still being
 * built: it says what the page will hold, so nobody mistakes it for broken.
 */
import { EmptyState } from "@/components/shell/EmptyState";
import { PageHeader } from "@/components/shell/PageHeader";

const SECTIONS = {
  sources: ["Sources", "Systems Weir reads from: PostgreSQL, files, HTTP APIs and Kafka topics.", "No sources yet", "Connectors arrive with the connections capability. Registered sources will be listed here with their last check."],
  destinations: ["Destinations", "Warehouses Weir loads into: DuckDB, PostgreSQL and Snowflake.", "No destinations yet", "Destinations will be listed here once the connector capability lands."],
  connections: ["Connections", "A source joined to a destination: streams, sync modes and a schedule.", "No connections yet", "Connections and their sync history will appear here."],
  runs: ["Runs", "Every sync, stream, model and check run, newest first.", "No runs yet", "Runs will be listed here as soon as there are syncs or models to run."],
  catalog: ["Catalog", "Every dataset Weir discovers, loads or builds, searchable.", "The catalog is empty", "Datasets appear here as they are discovered, loaded and built."],
  lineage: ["Lineage", "Where each table came from and what depends on it, at table and column level.", "No lineage recorded yet", "Lineage is recorded by the engine as it runs syncs and models, and accepted from OpenLineage producers."],
  quality: ["Quality", "Checks on datasets and columns, their results and open incidents.", "No checks yet", "Quality checks and incidents will be listed here."],
} as const;

export type TUpcomingSection = keyof typeof SECTIONS;

export function UpcomingSection({ section }: { section: TUpcomingSection }) {
  const [title, description, emptyTitle, emptyBody] = SECTIONS[section];
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={emptyTitle} body={emptyBody} />
    </>
  );
}
