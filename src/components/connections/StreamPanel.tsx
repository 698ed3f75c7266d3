"use client";
/**
 * The live part of a streaming connection's page: the last error, total
 * lag, throughput, dead letters and the last micro-batch, messages per
 * second over the last five minutes, and each partition's position.
 * Polls the stream's status every 2 s while the page is open.
 */
import type { ReactNode } from "react";
import { StreamPartitionsTable } from "@/components/connections/StreamPartitionsTable";
import { StreamThroughputChart } from "@/components/connections/StreamThroughputChart";
import { deadLetterTopics, formatRate } from "@/components/connections/stream-status-format";
import { useStreamStatus } from "@/components/connections/use-stream-status";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { formatBytes, formatRows, formatTime, timeAgo } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

function Figure({
  label,
  note,
  value,
  hint,
  testId,
  tone,
}: {
  label: string;
  note?: string;
  value: ReactNode;
  hint?: string;
  testId: string;
  tone?: "warn" | "bad";
}) {
  const colour = tone === "bad" ? "text-red-700" : tone === "warn" ? "text-amber-700" : "text-slate-900";
  return (
    <div className="rounded-md border border-slate-100 bg-slate-50 px-3 py-2" title={hint}>
      <dt className="text-xs font-medium uppercase text-slate-500">{label}</dt>
      <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${colour}`} data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="text-xs text-slate-400">{note}</dd> : null}
    </div>
  );
}

export function StreamPanel({ connection: c, canEdit }: { connection: TConnection; canEdit: boolean }) {
  const status = useStreamStatus(c.id);
  const source = trpc.source.get.useQuery({ id: c.source.id });
  const config = source.data?.config as { deadLetterSuffix?: string; consumerGroup?: string; startFrom?: string } | undefined;
  const topics = c.streams.filter((s) => s.selected).map((s) => s.stream);
  const now = status.dataUpdatedAt || Date.now();
  const group = (
    <p className="text-xs text-slate-500">
      Consumer group <code className="font-mono">{config?.consumerGroup || `weir-connection-${c.id}`}</code> · refreshes every 2 s
    </p>
  );

  return (
    <Panel title="Stream" actions={group} testId="stream-panel" className="[&>[role=alert]]:m-4">
      <QueryView query={status} loading={<p className="px-4 py-4 text-sm text-slate-500">Loading the stream&apos;s status…</p>}>
        {(s) => (
          <>
            <div className="space-y-4 p-4">
              {s.error ? (
                <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="stream-error">
                  <span className="font-semibold">Last error</span> (the workers retry it with a growing pause):{" "}
                  <span className="whitespace-pre-wrap break-words font-mono text-xs">{s.error}</span>
                </div>
              ) : null}
              {s.state === null ? (
                <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="stream-idle">
                  Not started yet. Once started, the workers read {topics.length === 1 ? "the topic" : `the ${topics.length} topics`} from the{" "}
                  {config?.startFrom === "latest" ? "latest" : "earliest"} offset and land every message once in the destination, until the stream is stopped.
                  {canEdit ? "" : " An engineer can start it."}
                </p>
              ) : null}
              {s.state === "stopped" ? (
                <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="stream-idle">
                  Stopped{s.stateAt ? ` ${timeAgo(s.stateAt, now)}` : ""}. Starting it again continues from the committed offsets.
                </p>
              ) : null}
              {s.state === "paused" ? (
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="stream-paused">
                  Paused{s.stateAt ? ` ${timeAgo(s.stateAt, now)}` : ""}: the workers keep their partitions but fetch nothing; the lag grows until it is
                  resumed.
                </p>
              ) : null}

              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
                <Figure
                  label="Total lag"
                  value={formatRows(s.lag)}
                  hint="Messages in the topics not landed yet, over every partition"
                  testId="stream-lag"
                  tone={s.lag > 0 && s.state === "running" ? "warn" : undefined}
                />
                <Figure
                  label="Messages/s"
                  note="last minute"
                  value={formatRate(s.messagesPerSecond)}
                  hint="Landed or dead-lettered, over the last minute"
                  testId="stream-messages-per-second"
                />
                <Figure
                  label="Bytes/s"
                  note="last minute"
                  value={formatBytes(Math.round(s.bytesPerSecond))}
                  hint="Message values read, over the last minute"
                  testId="stream-bytes-per-second"
                />
                <Figure
                  label="Dead letters"
                  value={formatRows(s.deadLetters)}
                  hint="Messages that could not be decoded or validated, since the connection was created"
                  testId="stream-dead-letters"
                  tone={s.deadLetters > 0 ? "bad" : undefined}
                />
                <Figure
                  label="Last batch"
                  value={s.lastBatchAt ? <span title={formatTime(s.lastBatchAt)}>{timeAgo(s.lastBatchAt, now)}</span> : "never"}
                  hint="When the last micro-batch was committed to the destination"
                  testId="stream-last-batch"
                />
                <Figure
                  label="Workers"
                  note="landing, last minute"
                  value={s.activeWorkers}
                  hint="Workers that landed a micro-batch in the last minute"
                  testId="stream-workers"
                />
              </dl>
              <p className="text-xs text-slate-500" data-testid="stream-dead-letter-hint">
                Dead letters: a message that cannot be decoded or does not fit its table goes to the dead-letter topic{" "}
                {deadLetterTopics(topics, config?.deadLetterSuffix).map((t, i) => (
                  <span key={t}>
                    {i ? ", " : ""}
                    <code className="font-mono">{t}</code>
                  </span>
                ))}{" "}
                (<code className="font-mono">&lt;topic&gt;{config?.deadLetterSuffix || ".weir-dlq"}</code>) with the reason in its{" "}
                <code className="font-mono">weir-reason</code> header; the stream carries on.
              </p>

              <div>
                <p className="mb-1 text-xs font-medium uppercase text-slate-500">Messages per second, last 5 minutes</p>
                <StreamThroughputChart series={s.series} now={now} />
              </div>
            </div>
            <div className="border-t border-slate-200">
              <h3 className="px-4 pt-3 text-xs font-medium uppercase text-slate-500">Partitions</h3>
              <StreamPartitionsTable partitions={s.partitions} now={now} />
            </div>
          </>
        )}
      </QueryView>
    </Panel>
  );
}
