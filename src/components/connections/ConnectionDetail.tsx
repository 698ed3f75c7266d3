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
import { PendingTypeChanges } from "@/components/connections/PendingTypeChanges";
import { SchemaChanges } from "@/components/connections/SchemaChanges";
import { SourceToDestination } from "@/components/connections/SourceToDestination";
import { StreamPanel } from "@/components/connections/StreamPanel";
import { StreamStateBadge } from "@/components/connections/StreamStateBadge";
import { StreamTopicsTable } from "@/components/connections/StreamTopicsTable";
import { useStreamStatus } from "@/components/connections/use-stream-status";
import { Button } from "@/components/ui/Button";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function ConnectionDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const connection = trpc.connection.get.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.lastRun?.status) ? 3_000 : false) });
  const stream = useStreamStatus(id, connection.data?.streaming === true);
  const [editing, setEditing] = useState(false);
  const back = (
    <Link href="/connections" className="text-sm underline">
      Back to connections
    </Link>
  );
  return (
    <QueryView query={connection} loading="Loading connection…" missing="No such connection." errorFooter={back}>
      {(c) => {
        const running = isActiveRun(c.lastRun?.status);
        const streamState = stream.data ? stream.data.state : c.streamState;
        return (
          <div className="space-y-6">
            <DetailHeader
              back={{ href: "/connections", label: "Connections" }}
              title={c.name}
              titleTestId="connection-title"
              badges={c.streaming ? <StreamStateBadge state={streamState} /> : <ConnectionStatusBadge status={c.status} reason={c.pausedReason} />}
              subtitle={<SourceToDestination source={c.source} destination={c.destination} />}
              actions={canEdit ? <ConnectionActions connection={c} running={running} /> : null}
            >
              {c.status === "paused" && !c.streaming ? (
                <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="paused-reason">
                  Paused{c.pausedReason ? `: ${c.pausedReason}` : "."} Scheduled runs are skipped until it is resumed.
                </p>
              ) : null}
            </DetailHeader>

            {c.streaming ? <StreamPanel connection={c} canEdit={canEdit} /> : <PendingTypeChanges connection={c} canEdit={canEdit} />}

            <Panel title={c.streaming ? "Topics" : "Streams"}>
              {c.streaming ? <StreamTopicsTable connection={c} /> : <ConnectionStreamsTable streams={c.streams} connectionId={c.id} canEdit={canEdit} />}
            </Panel>

            {c.streaming ? null : <ColumnTypeMapping connectionId={c.id} />}

            <SchemaChanges connectionId={c.id} />

            <ConnectionRuns connectionId={c.id} polling={c.streaming ? streamState === "running" || running : running} streaming={c.streaming} />

            <Panel
              title="Settings"
              actions={
                canEdit && !editing ? (
                  <Button onClick={() => setEditing(true)} testId="edit-connection-settings">
                    Edit
                  </Button>
                ) : null
              }
            >
              {editing ? <EditConnectionSettings connection={c} onDone={() => setEditing(false)} /> : <ConnectionSettingsSummary connection={c} />}
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}
