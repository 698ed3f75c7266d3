"use client";
/**
 * The connections: name, source → destination, status, schedule and the last
 * run, sortable by each. Empty, it says how to make the first one.
 */
import Link from "next/link";
import { ConnectionStatusBadge } from "@/components/connections/ConnectionStatusBadge";
import { SourceToDestination } from "@/components/connections/SourceToDestination";
import { StreamStateBadge } from "@/components/connections/StreamStateBadge";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { EmptyState } from "@/components/ui/EmptyState";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { isActiveRun, timeAgo } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TRow = RouterOutputs["connection"]["list"][number];

const COLUMNS: TDataColumn<TRow>[] = [
  {
    id: "name",
    header: "Name",
    className: "font-medium",
    sortValue: (c) => c.name,
    cell: (c) => (
      <Link href={`/connections/${c.id}`} className="hover:underline">
        {c.name}
      </Link>
    ),
  },
  {
    id: "route",
    header: "Source → destination",
    className: "text-slate-700",
    sortValue: (c) => `${c.source.name} → ${c.destination.name}`,
    cell: (c) => <SourceToDestination source={c.source} destination={c.destination} />,
  },
  {
    id: "status",
    header: "Status",
    sortValue: (c) => (c.streaming ? (c.streamState ?? "not started") : c.status),
    cell: (c) => (c.streaming ? <StreamStateBadge state={c.streamState} /> : <ConnectionStatusBadge status={c.status} reason={c.pausedReason} />),
  },
  {
    id: "schedule",
    header: "Schedule",
    cell: (c) =>
      c.streaming ? (
        <span className="text-slate-500">streaming</span>
      ) : c.schedule ? (
        <code className="font-mono text-xs">{c.schedule}</code>
      ) : (
        <span className="text-slate-500">manual</span>
      ),
  },
  {
    id: "lastRun",
    header: "Last run",
    sortValue: (c) => (c.lastRun ? (c.lastRun.finishedAt ?? c.lastRun.queuedAt) : undefined),
    cell: (c) =>
      c.lastRun ? (
        <Link href={`/runs/${c.lastRun.id}`} className="inline-flex items-center gap-2">
          <RunStatusBadge status={c.lastRun.status} />
          <span className="text-xs text-slate-500">{timeAgo(c.lastRun.finishedAt ?? c.lastRun.queuedAt)}</span>
        </Link>
      ) : (
        <span className="text-xs text-slate-500">never</span>
      ),
  },
];

export function ConnectionList({ canEdit }: { canEdit: boolean }) {
  const list = trpc.connection.list.useQuery(undefined, {
    refetchInterval: (q) => (q.state.data?.some((c) => isActiveRun(c.lastRun?.status)) ? 3_000 : false),
  });
  const empty = (
    <EmptyState title="No connections yet" testId="connection-empty">
      {canEdit ? (
        <Link href="/connections/new" className="font-medium text-slate-900 underline">
          Create one
        </Link>
      ) : (
        "An engineer can create one"
      )}{" "}
      — join a source to a destination, pick streams and a schedule.
    </EmptyState>
  );
  return (
    <QueryView query={list} loading="Loading connections…" empty={empty}>
      {(rows) => (
        <Panel className="overflow-hidden">
          <DataTable rows={rows} columns={COLUMNS} rowId={(c) => c.id} rowTestId={(c) => `connection-row-${c.name}`} testId="connection-list" sortable />
        </Panel>
      )}
    </QueryView>
  );
}
