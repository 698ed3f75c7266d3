"use client";
/**
 * The audit log with filters by actor, target and time, paged by "Load more".
 */
import { useState, type FormEvent } from "react";
import { trpc } from "@/components/trpc/trpc-react";

type TFilters = { actor?: string; targetType?: string; targetId?: string; from?: Date; to?: Date };

function readFilters(form: HTMLFormElement): TFilters {
  const d = new FormData(form);
  const text = (k: string) => String(d.get(k) ?? "").trim() || undefined;
  const date = (k: string) => (text(k) ? new Date(text(k)!) : undefined);
  return { actor: text("actor"), targetType: text("targetType"), targetId: text("targetId"), from: date("from"), to: date("to") };
}

function describeDiff(diff: Record<string, unknown>): string {
  return Object.entries(diff)
    .map(([k, v]) => {
      const change = v as { from?: unknown; to?: unknown };
      if (change.from === null || change.from === undefined) return `${k}: ${JSON.stringify(change.to ?? null)}`;
      return `${k}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to ?? null)}`;
    })
    .join(", ");
}

export function AuditLogPanel() {
  const [filters, setFilters] = useState<TFilters>({});
  const events = trpc.audit.list.useInfiniteQuery({ ...filters, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFilters(readFilters(e.currentTarget));
  }

  const input = "rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter audit log">
        <label className="text-xs font-medium text-slate-600">
          Actor
          <input name="actor" placeholder="email" className={`mt-1 block ${input}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Target type
          <input name="targetType" placeholder="user" className={`mt-1 block ${input}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Target id
          <input name="targetId" className={`mt-1 block ${input}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          From
          <input name="from" type="datetime-local" className={`mt-1 block ${input}`} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          To
          <input name="to" type="datetime-local" className={`mt-1 block ${input}`} />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
          Filter
        </button>
      </form>
      {events.error ? (
        <p role="alert" className="text-sm text-red-700">
          {events.error.message}
        </p>
      ) : null}
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">When</th>
            <th className="px-4 py-2">Actor</th>
            <th className="px-4 py-2">Action</th>
            <th className="px-4 py-2">Target</th>
            <th className="px-4 py-2">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && !events.isLoading ? (
            <tr>
              <td colSpan={5} className="px-4 py-6 text-center text-slate-500">
                No events match these filters.
              </td>
            </tr>
          ) : null}
          {rows.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="whitespace-nowrap px-4 py-2">{e.createdAt.toLocaleString()}</td>
              <td className="px-4 py-2">{e.actorEmail}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-4 py-2">
                <span className="text-slate-500">{e.targetType}</span> <span className="font-mono text-xs">{e.targetId}</span>
              </td>
              <td className="px-4 py-2 text-xs text-slate-700">{describeDiff(e.diff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.hasNextPage ? (
        <button type="button" onClick={() => events.fetchNextPage()} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          {events.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
