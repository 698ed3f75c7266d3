"use client";
/**
 * The schema changes Weir noticed at the source and what the connection's
 * policy did with each (propagated, paused, ignored). Hidden when there are none.
 */
import { formatTime } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function SchemaChanges({ connectionId }: { connectionId: string }) {
  const events = trpc.connection.schemaChanges.useQuery({ id: connectionId });
  if (!events.data?.length) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="schema-changes">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Schema changes</h2>
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">When</th>
            <th className="px-4 py-2">Stream</th>
            <th className="px-4 py-2">Change</th>
            <th className="px-4 py-2">Column</th>
            <th className="px-4 py-2">Type</th>
            <th className="px-4 py-2">Action</th>
          </tr>
        </thead>
        <tbody>
          {events.data.map((e) => (
            <tr key={e.id} className="border-t border-slate-100">
              <td className="px-4 py-2 text-slate-600">{formatTime(e.createdAt)}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.stream}</td>
              <td className="px-4 py-2">{e.change.replace("column_", "column ").replace("_", " ")}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.column}</td>
              <td className="px-4 py-2 font-mono text-xs">
                {e.fromType ?? "—"} → {e.toType ?? "—"}
              </td>
              <td className="px-4 py-2">{e.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
