"use client";
/**
 * One connection: status (paused with the reason), actions for engineers,
 * type changes waiting for a choice, its streams and their state, how each
 * column's type travels, run history with a chart, and its settings.
 * Refreshes every 3 s while a run is queued or running. A streaming
 * connection (Kafka) shows its stream instead: state, controls, lag,
 * throughput and partitions, polled every 2 s (StreamPanel).
 */
import Link from "next/link";
import { useState } from "react";
import { ColumnTypeMapping } from "@/components/connections/ColumnTypeMapping";
import { ConnectionActions } from "@/components/connections/ConnectionActions";
import { ConnectionRuns } from "@/components/connections/ConnectionRuns";
import { ConnectionSettingsSummary } from "@/components/connections/ConnectionSettingsSummary";
import { ConnectionStatusBadge } from "@/components/connections/ConnectionStatusBadge";
import { ConnectionStreamsTable } from "@/components/connections/ConnectionStreamsTable";
import { EditConnectionSettings } from "@/components/connections/EditConnectionSettings";
import { EditStreamingConnection } from "@/components/connections/EditStreamingConnection";
import { PendingTypeChanges } from "@/components/connections/PendingTypeChanges";
import { SchemaChanges } from "@/components/connections/SchemaChanges";
import { StreamPanel } from "@/components/connections/StreamPanel";
import { StreamStateBadge } from "@/components/connections/StreamStateBadge";
import { StreamTopicsTable } from "@/components/connections/StreamTopicsTable";
import { useStreamStatus } from "@/components/connections/use-stream-status";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function ConnectionDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const connection = trpc.connection.get.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.lastRun?.status) ? 3_000 : false) });
  const stream = useStreamStatus(id, connection.data?.streaming === true);
  const [editing, setEditing] = useState(false);
  if (connection.isLoading) return <p className="text-sm text-slate-500">Loading connection…</p>;
  if (connection.error || !connection.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={connection.error?.message ?? "No such connection."} />
        <Link href="/connections" className="text-sm underline">
          Back to connections
        </Link>
      </div>
    );
  }
  const c = connection.data;
  const running = isActiveRun(c.lastRun?.status);
  const streamState = stream.data ? stream.data.state : c.streamState;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/connections" className="text-sm text-slate-500 hover:text-slate-800">
            ← Connections
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight" data-testid="connection-title">
            {c.name} {c.streaming ? <StreamStateBadge state={streamState} /> : <ConnectionStatusBadge status={c.status} reason={c.pausedReason} />}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/sources/${c.source.id}`} className="hover:underline">
              {c.source.name}
            </Link>
            <span className="mx-1 text-slate-400">→</span>
            <Link href={`/destinations/${c.destination.id}`} className="hover:underline">
              {c.destination.name}
            </Link>
          </p>
          {c.status === "paused" && !c.streaming ? (
            <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="paused-reason">
              Paused{c.pausedReason ? `: ${c.pausedReason}` : "."} Scheduled runs are skipped until it is resumed.
            </p>
          ) : null}
        </div>
        {canEdit ? <ConnectionActions connection={c} running={running} /> : null}
      </div>

      {c.streaming ? <StreamPanel connection={c} canEdit={canEdit} /> : <PendingTypeChanges connection={c} canEdit={canEdit} />}

      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">{c.streaming ? "Topics" : "Streams"}</h2>
        {c.streaming ? <StreamTopicsTable connection={c} /> : <ConnectionStreamsTable streams={c.streams} connectionId={c.id} canEdit={canEdit} />}
      </section>

      {c.streaming ? null : <ColumnTypeMapping connectionId={c.id} />}

      <SchemaChanges connectionId={c.id} />

      <ConnectionRuns connectionId={c.id} polling={c.streaming ? streamState === "running" || running : running} streaming={c.streaming} />

      <section className={CARD}>
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 className="font-semibold">Settings</h2>
          {canEdit && !editing ? (
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
              data-testid="edit-connection-settings"
            >
              Edit
            </button>
          ) : null}
        </div>
        {editing ? (
          c.streaming ? (
            <EditStreamingConnection connection={c} onDone={() => setEditing(false)} />
          ) : (
            <EditConnectionSettings connection={c} onDone={() => setEditing(false)} />
          )
        ) : (
          <ConnectionSettingsSummary connection={c} />
        )}
      </section>
    </div>
  );
}
