"use client";
/**
 * Live workers and their current jobs, polled every 3 seconds.
 */
import { trpc } from "@/components/trpc/trpc-react";

function ago(date: Date): string {
  const s = Math.max(0, Math.round((Date.now() - date.getTime()) / 1000));
  return s < 60 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}

export function WorkersPanel() {
  const workers = trpc.system.workers.useQuery(undefined, { refetchInterval: 3_000 });
  if (workers.isLoading) return <p className="text-sm text-slate-500">Loading workers…</p>;
  if (workers.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {workers.error.message}
      </p>
    );
  const rows = workers.data ?? [];
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="workers-panel">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
        Workers <span className="ml-1 text-sm font-normal text-slate-500">({rows.length} alive)</span>
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          No worker is alive. Jobs wait in the queue until one starts: run <code className="font-mono">npm run worker</code>.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Worker</th>
              <th className="px-4 py-2">Host / PID</th>
              <th className="px-4 py-2">Started</th>
              <th className="px-4 py-2">Last heartbeat</th>
              <th className="px-4 py-2">Current jobs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-mono text-xs">{w.id}</td>
                <td className="px-4 py-2">
                  {w.hostname} / {w.pid}
                </td>
                <td className="px-4 py-2">{w.startedAt.toLocaleString()}</td>
                <td className="px-4 py-2">{ago(w.lastSeenAt)}</td>
                <td className="px-4 py-2">
                  {w.currentJobs.length === 0 ? (
                    <span className="text-slate-400">idle</span>
                  ) : (
                    w.currentJobs.map((j) => (
                      <span key={j.id} className="mr-2 inline-block rounded bg-sky-50 px-2 py-0.5 text-xs text-sky-800">
                        {j.kind} #{j.id}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
