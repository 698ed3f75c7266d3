"use client";
/**
 * The audit log with filters by actor, target and time, paged by "Load more".
 */
import { useState, type FormEvent } from "react";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { formatTime } from "@/lib/run-format";
import { DataTable } from "@/components/ui/DataTable";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import type { TDataColumn } from "@/components/ui/data-column";

type TEvent = RouterOutputs["audit"]["list"]["events"][number];
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

const COLUMNS: TDataColumn<TEvent>[] = [
  { id: "when", header: "When", className: "whitespace-nowrap", sortValue: (e) => e.createdAt, cell: (e) => formatTime(e.createdAt) },
  { id: "actor", header: "Actor", sortValue: (e) => e.actorEmail, cell: (e) => e.actorEmail },
  { id: "action", header: "Action", className: "font-mono text-xs", sortValue: (e) => e.action, cell: (e) => e.action },
  {
    id: "target",
    header: "Target",
    sortValue: (e) => `${e.targetType} ${e.targetId}`,
    cell: (e) => (
      <>
        <span className="text-slate-500">{e.targetType}</span> <span className="font-mono text-xs">{e.targetId}</span>
      </>
    ),
  },
  { id: "change", header: "Change", className: "text-xs text-slate-700", cell: (e) => describeDiff(e.diff) },
];

const FILTERS: Array<{ name: keyof TFilters; label: string; placeholder?: string; type?: string }> = [
  { name: "actor", label: "Actor", placeholder: "email" },
  { name: "targetType", label: "Target type", placeholder: "user" },
  { name: "targetId", label: "Target id" },
  { name: "from", label: "From", type: "datetime-local" },
  { name: "to", label: "To", type: "datetime-local" },
];

export function AuditLogPanel() {
  const [filters, setFilters] = useState<TFilters>({});
  const events = trpc.audit.list.useInfiniteQuery({ ...filters, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFilters(readFilters(e.currentTarget));
  }

  return (
    <div className="space-y-4">
      <Panel padded>
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Filter audit log">
          {FILTERS.map((f) => (
            <label key={f.name} className="text-xs font-medium text-slate-600">
              {f.label}
              <input name={f.name} type={f.type} placeholder={f.placeholder} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm" />
            </label>
          ))}
          <Button type="submit" variant="primary">
            Filter
          </Button>
        </form>
      </Panel>
      <QueryView query={events} isEmpty={() => false}>
        {(data) => (
          <Panel className="overflow-x-auto">
            <DataTable
              rows={data.pages.flatMap((p) => p.events)}
              columns={COLUMNS}
              rowId={(e) => e.id}
              rowClassName="align-top"
              testId="audit-table"
              sortable
              empty="No events match these filters."
            />
          </Panel>
        )}
      </QueryView>
      {events.hasNextPage ? (
        <Button size="md" onClick={() => events.fetchNextPage()} pending={events.isFetchingNextPage} pendingLabel="Loading…">
          Load more
        </Button>
      ) : null}
    </div>
  );
}
