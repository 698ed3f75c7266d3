"use client";
/**
 * Live workers and their current jobs, polled every 3 seconds.
 */
import { DataTable } from "@/components/ui/DataTable";
import { PanelCount } from "@/components/ui/PanelCount";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatTime } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TWorker = RouterOutputs["system"]["workers"][number];

function ago(date: Date): string {
  const s = Math.max(0, Math.round((Date.now() - date.getTime()) / 1000));
  return s < 60 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}

const COLUMNS: TDataColumn<TWorker>[] = [
  { id: "worker", header: "Worker", className: "font-mono text-xs", cell: (w) => w.id },
  { id: "host", header: "Host / PID", cell: (w) => `${w.hostname} / ${w.pid}` },
  { id: "started", header: "Started", cell: (w) => formatTime(w.startedAt) },
  { id: "heartbeat", header: "Last heartbeat", cell: (w) => ago(w.lastSeenAt) },
  {
    id: "jobs",
    header: "Current jobs",
    cell: (w) =>
      w.currentJobs.length === 0 ? (
        <span className="text-slate-400">idle</span>
      ) : (
        w.currentJobs.map((j) => (
          <span key={j.id} className="mr-2 inline-block rounded bg-sky-50 px-2 py-0.5 text-xs text-sky-800">
            {j.kind} #{j.id}
          </span>
        ))
      ),
  },
];

export function WorkersPanel() {
  const workers = trpc.system.workers.useQuery(undefined, { refetchInterval: 3_000 });
  return (
    <QueryPanel
      query={workers}
      title={<>Workers {workers.data ? <PanelCount>({workers.data.length} alive)</PanelCount> : null}</>}
      testId="workers-panel"
      loading="Loading workers…"
      empty={
        <PanelNote>
          No worker is alive. Jobs wait in the queue until one starts: run <code className="font-mono">npm run worker</code>.
        </PanelNote>
      }
    >
      {(rows) => <DataTable rows={rows} columns={COLUMNS} rowId={(w) => w.id} />}
    </QueryPanel>
  );
}
