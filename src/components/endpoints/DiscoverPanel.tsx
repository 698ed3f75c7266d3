"use client";
/**
 * "Discover streams" on a saved source: asks the source what it offers and
 * shows the streams. Weir keeps the result; new connections pick from it.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { StreamCatalogTable } from "@/components/endpoints/StreamCatalogTable";
import { trpc } from "@/components/trpc/trpc-react";

export function DiscoverPanel({ sourceId, canEdit }: { sourceId: string; canEdit: boolean }) {
  const discover = trpc.source.discover.useMutation();
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="discover-panel">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Streams</h2>
        {canEdit ? (
          <button
            type="button"
            onClick={() => discover.mutate({ id: sourceId })}
            disabled={discover.isPending}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
            data-testid="discover-streams"
          >
            {discover.isPending ? "Discovering…" : discover.data ? "Discover again" : "Discover streams"}
          </button>
        ) : null}
      </div>
      <div className="p-4">
        <ErrorAlert message={discover.error?.message} testId="discover-error" />
        {discover.data ? (
          <StreamCatalogTable catalog={discover.data} />
        ) : discover.isPending ? (
          <p className="text-sm text-slate-500">Asking the source for its streams…</p>
        ) : !discover.error ? (
          <p className="text-sm text-slate-600">
            {canEdit
              ? "Discover lists the tables, files or endpoints this source offers, with their columns, keys and cursor candidates."
              : "An engineer can run discover to list this source's streams."}
          </p>
        ) : null}
      </div>
    </section>
  );
}
