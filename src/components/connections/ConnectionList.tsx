"use client";
/**
 * The connections: name, source → destination, status, schedule and the last
 * run. Empty, it says how to make the first one.
 */
import Link from "next/link";
import { ConnectionStatusBadge } from "@/components/connections/ConnectionStatusBadge";
import { StreamStateBadge } from "@/components/connections/StreamStateBadge";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { isActiveRun, timeAgo } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function ConnectionList({ canEdit }: { canEdit: boolean }) {
  const list = trpc.connection.list.useQuery(undefined, {
    refetchInterval: (q) => (q.state.data?.some((c) => isActiveRun(c.lastRun?.status)) ? 3_000 : false),
  });
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading connections…</p>;
  if (list.error) return <ErrorAlert message={list.error.message} />;
  const rows = list.data ?? [];
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="connection-empty">
        <h2 className="font-semibold text-slate-800">No connections yet</h2>
        <p className="mt-2 text-sm text-slate-600">
          {canEdit ? (
            <Link href="/connections/new" className="font-medium text-slate-900 underline">
              Create one
            </Link>
          ) : (
            "An engineer can create one"
          )}{" "}
          — join a source to a destination, pick streams and a schedule.
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="connection-list">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Source → destination</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">Schedule</th>
            <th className="px-4 py-2">Last run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} className="border-t border-slate-100" data-testid={`connection-row-${c.name}`}>
              <td className="px-4 py-2 font-medium">
                <Link href={`/connections/${c.id}`} className="hover:underline">
                  {c.name}
                </Link>
              </td>
              <td className="px-4 py-2 text-slate-700">
                <Link href={`/sources/${c.source.id}`} className="hover:underline">
                  {c.source.name}
                </Link>
                <span className="mx-1 text-slate-400">→</span>
                <Link href={`/destinations/${c.destination.id}`} className="hover:underline">
                  {c.destination.name}
                </Link>
              </td>
              <td className="px-4 py-2">
                {c.streaming ? <StreamStateBadge state={c.streamState} /> : <ConnectionStatusBadge status={c.status} reason={c.pausedReason} />}
              </td>
              <td className="px-4 py-2">
                {c.streaming ? (
                  <span className="text-slate-500">streaming</span>
                ) : c.schedule ? (
                  <code className="font-mono text-xs">{c.schedule}</code>
                ) : (
                  <span className="text-slate-500">manual</span>
                )}
              </td>
              <td className="px-4 py-2">
                {c.lastRun ? (
                  <Link href={`/runs/${c.lastRun.id}`} className="inline-flex items-center gap-2">
                    <RunStatusBadge status={c.lastRun.status} />
                    <span className="text-xs text-slate-500">{timeAgo(c.lastRun.finishedAt ?? c.lastRun.queuedAt)}</span>
                  </Link>
                ) : (
                  <span className="text-xs text-slate-500">never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
