import { UpcomingSection } from "@/components/shell/UpcomingSection";

export default function Page() {
  return <UpcomingSection section="lineage" />;
}
