"use client";
/**
 * Where the connection's consumer group stands on each partition: the
 * committed offset (the next message to land), the partition's end offset
 * and the lag between them, refreshed by the workers every few seconds.
 */
import type { TStreamStatus } from "@/components/connections/stream-status-format";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatRows, timeAgo } from "@/lib/run-format";

type TPartition = TStreamStatus["partitions"][number];

const columns = (now: number): TDataColumn<TPartition>[] => [
  { id: "topic", header: "Topic", className: "font-mono text-xs", sortValue: (p) => p.topic, cell: (p) => p.topic },
  { id: "partition", header: "Partition", numeric: true, sortValue: (p) => p.partition, cell: (p) => p.partition },
  {
    id: "committed",
    header: "Committed offset",
    numeric: true,
    testId: "committed-offset",
    cell: (p) => (p.committedOffset === null ? <span title="The group has committed nothing on this partition yet">—</span> : formatRows(p.committedOffset)),
  },
  { id: "end", header: "End offset", numeric: true, testId: "end-offset", cell: (p) => formatRows(p.endOffset) },
  {
    id: "lag",
    header: "Lag",
    numeric: true,
    testId: "partition-lag",
    sortValue: (p) => p.lag,
    cell: (p) => <span className={p.lag > 0 ? "font-medium text-amber-700" : "text-slate-600"}>{formatRows(p.lag)}</span>,
  },
  { id: "updated", header: "Updated", className: "text-xs text-slate-500", cell: (p) => timeAgo(p.updatedAt, now) },
];

/** `now` is when the status was fetched, for the "updated … ago" column. */
export function StreamPartitionsTable({ partitions, now }: { partitions: TStreamStatus["partitions"]; now: number }) {
  if (partitions.length === 0) {
    return (
      <p className="px-4 py-3 text-sm text-slate-500" data-testid="stream-partitions-empty">
        No partition positions yet: the workers record them a few seconds after the stream starts.
      </p>
    );
  }
  return (
    <DataTable
      rows={partitions}
      columns={columns(now)}
      rowId={(p) => `${p.topic}:${p.partition}`}
      rowTestId={(p) => `stream-partition-${p.topic}-${p.partition}`}
      testId="stream-partitions"
      sortable
    />
  );
}
