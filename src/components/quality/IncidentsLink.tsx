"use client";
/**
 * A link to the incidents with how many are unresolved, red while any is.
 */
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { trpc } from "@/components/trpc/trpc-react";

export function IncidentsLink() {
  const unresolved = trpc.quality.incidents.useQuery({ status: "unresolved" }, { refetchInterval: 15_000 });
  const n = unresolved.data?.length ?? 0;
  return (
    <Link href="/quality/incidents" className={buttonClass(n ? "danger-outline" : "secondary", "md", "whitespace-nowrap")} data-testid="incidents-link">
      Incidents{unresolved.data ? ` · ${n ? `${n} unresolved` : "none open"}` : ""}
    </Link>
  );
}
