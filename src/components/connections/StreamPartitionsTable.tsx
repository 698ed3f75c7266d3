/**
 * Where the connection's consumer group stands on each partition: the
 * committed offset (the next message to land), the partition's end offset
 * and the lag between them, refreshed by the workers every few seconds.
 */
import type { TStreamStatus } from "@/components/connections/stream-status-format";
import { formatRows, timeAgo } from "@/lib/run-format";

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
    <table className="w-full text-left text-sm" data-testid="stream-partitions">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Topic</th>
          <th className="px-4 py-2 text-right">Partition</th>
          <th className="px-4 py-2 text-right">Committed offset</th>
          <th className="px-4 py-2 text-right">End offset</th>
          <th className="px-4 py-2 text-right">Lag</th>
          <th className="px-4 py-2">Updated</th>
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => (
          <tr key={`${p.topic}:${p.partition}`} className="border-t border-slate-100" data-testid={`stream-partition-${p.topic}-${p.partition}`}>
            <td className="px-4 py-2 font-mono text-xs">{p.topic}</td>
            <td className="px-4 py-2 text-right tabular-nums">{p.partition}</td>
            <td
              className="px-4 py-2 text-right tabular-nums"
              data-testid="committed-offset"
              title={p.committedOffset === null ? "The group has committed nothing on this partition yet" : undefined}
            >
              {p.committedOffset === null ? "—" : formatRows(p.committedOffset)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums" data-testid="end-offset">
              {formatRows(p.endOffset)}
            </td>
            <td className={`px-4 py-2 text-right tabular-nums ${p.lag > 0 ? "font-medium text-amber-700" : "text-slate-600"}`} data-testid="partition-lag">
              {formatRows(p.lag)}
            </td>
            <td className="px-4 py-2 text-xs text-slate-500">{timeAgo(p.updatedAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
