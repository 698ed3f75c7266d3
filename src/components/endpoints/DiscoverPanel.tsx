"use client";
/**
 * "Discover streams" on a saved source: asks the source what it offers and
 * shows the streams. Weir keeps the result; new connections pick from it.
 */
import { StreamCatalogTable } from "@/components/endpoints/StreamCatalogTable";
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";

export function DiscoverPanel({ sourceId, canEdit }: { sourceId: string; canEdit: boolean }) {
  const discover = trpc.source.discover.useMutation();
  return (
    <Panel
      title="Streams"
      testId="discover-panel"
      padded
      actions={
        canEdit ? (
          <Button onClick={() => discover.mutate({ id: sourceId })} pending={discover.isPending} pendingLabel="Discovering…" testId="discover-streams">
            {discover.data ? "Discover again" : "Discover streams"}
          </Button>
        ) : null
      }
    >
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
    </Panel>
  );
}
