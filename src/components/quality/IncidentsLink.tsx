"use client";
/**
 * A link to the incidents with how many are unresolved, red while any is.
 */
import Link from "next/link";
import { trpc } from "@/components/trpc/trpc-react";

export function IncidentsLink() {
  const unresolved = trpc.quality.incidents.useQuery({ status: "unresolved" }, { refetchInterval: 15_000 });
  const n = unresolved.data?.length ?? 0;
  return (
    <Link
      href="/quality/incidents"
      className={`whitespace-nowrap rounded-md border px-4 py-2 text-sm font-medium ${n ? "border-red-200 bg-red-50 text-red-800 hover:bg-red-100" : "border-slate-300 bg-white hover:bg-slate-100"}`}
      data-testid="incidents-link"
    >
      Incidents{unresolved.data ? ` · ${n ? `${n} unresolved` : "none open"}` : ""}
    </Link>
  );
}
