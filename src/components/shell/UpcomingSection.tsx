/**
 * Header and honest empty state for sections whose capability is still being
 * built: it says what the page will hold, so nobody mistakes it for broken.
 */
import { PageHeader } from "@/components/shell/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";

const SECTIONS = {
  catalog: [
    "Catalog",
    "Every dataset Weir discovers, loads or builds, searchable.",
    "The catalog is empty",
    "Datasets appear here as they are discovered, loaded and built.",
  ],
  lineage: [
    "Lineage",
    "Where each table came from and what depends on it, at table and column level.",
    "No lineage recorded yet",
    "Lineage is recorded by the engine as it runs syncs and models, and accepted from OpenLineage producers.",
  ],
  quality: [
    "Quality",
    "Checks on datasets and columns, their results and open incidents.",
    "No checks yet",
    "Quality checks and incidents will be listed here.",
  ],
} as const;

export type TUpcomingSection = keyof typeof SECTIONS;

export function UpcomingSection({ section }: { section: TUpcomingSection }) {
  const [title, description, emptyTitle, emptyBody] = SECTIONS[section];
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>
    </>
  );
}
