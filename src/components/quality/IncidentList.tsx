"use client";
/**
 * Incidents, newest first: unresolved ones (open or acknowledged) by default,
 * or all. Each shows the check and dataset, when it opened, and who
 * acknowledged and resolved it.
 */
import Link from "next/link";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { IncidentStatusBadge } from "@/components/quality/IncidentStatusBadge";
import { SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { formatTime, timeAgo } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const TABS = [
  { value: "unresolved", label: "Unresolved" },
  { value: "all", label: "All" },
] as const;

export function IncidentList() {
  const [tab, setTab] = useState<(typeof TABS)[number]["value"]>("unresolved");
  const incidents = trpc.quality.incidents.useQuery(tab === "unresolved" ? { status: "unresolved" } : {}, { refetchInterval: 10_000 });
  return (
    <section className="rounded-lg border border-slate-200 bg-white">
      <div className="flex gap-1 border-b border-slate-200 px-4 pt-3" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.value}
            type="button"
            role="tab"
            aria-selected={tab === t.value}
            onClick={() => setTab(t.value)}
            className={`-mb-px border-b-2 px-3 pb-2 text-sm font-medium ${tab === t.value ? "border-slate-900 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800"}`}
            data-testid={`incidents-tab-${t.value}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {incidents.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading incidents…</p> : null}
      {incidents.error ? (
        <div className="p-4">
          <ErrorAlert message={incidents.error.message} />
        </div>
      ) : null}
      {incidents.data?.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-600" data-testid="incidents-empty">
          {tab === "unresolved"
            ? "No unresolved incidents: every error check that failed has passed again or been resolved."
            : "No incidents yet. A failing error-severity check opens one."}
        </p>
      ) : null}
      {incidents.data?.length ? (
        <table className="w-full text-left text-sm" data-testid="incident-table">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2">Check</th>
              <th className="px-4 py-2">Dataset</th>
              <th className="px-4 py-2">Opened</th>
              <th className="px-4 py-2">Handled</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {incidents.data.map((i) => (
              <tr key={i.id} className="border-t border-slate-100 align-top" data-testid={`incident-row-${i.check.name}`} data-incident-id={i.id}>
                <td className="px-4 py-2">
                  <IncidentStatusBadge status={i.status} />
                </td>
                <td className="px-4 py-2">
                  <Link href={`/quality/checks/${i.check.id}`} className="font-medium hover:underline">
                    {i.check.name}
                  </Link>{" "}
                  <SeverityBadge severity={i.check.severity} />
                </td>
                <td className="px-4 py-2 font-mono text-xs">{i.check.dataset}</td>
                <td className="whitespace-nowrap px-4 py-2 text-slate-600" title={formatTime(i.openedAt)}>
                  {timeAgo(i.openedAt)}
                </td>
                <td className="px-4 py-2 text-xs text-slate-600">
                  {i.status === "resolved"
                    ? i.autoResolved
                      ? "resolved by itself: the check passed"
                      : `resolved by ${i.resolvedBy ?? "someone"}`
                    : i.acknowledgedBy
                      ? `acknowledged by ${i.acknowledgedBy}`
                      : "nobody yet"}
                </td>
                <td className="px-4 py-2 text-right">
                  <Link href={`/quality/incidents/${i.id}`} className="text-xs font-medium text-slate-700 underline">
                    Details
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
