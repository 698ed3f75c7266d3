"use client";
/**
 * The stream part of designing a connection: discover the source's streams,
 * keep one draft per stream (seeded from a saved connection when editing) and
 * the problems the client can already see.
 */
import { useMemo, useState } from "react";
import { draftsFor, streamProblems, type TSavedStream, type TStreamDraft } from "@/components/connections/stream-settings";
import { trpc } from "@/components/trpc/trpc-react";

export function useStreamEditor(saved?: TSavedStream[]) {
  const [drafts, setDrafts] = useState<TStreamDraft[]>([]);
  const discover = trpc.source.discover.useMutation({ onSuccess: (catalog) => setDrafts(draftsFor(catalog.streams, saved)) });
  const streams = useMemo(() => discover.data?.streams ?? [], [discover.data]);
  const problems = useMemo(() => streamProblems(drafts, streams), [drafts, streams]);
  return {
    discover: (sourceId: string) => discover.mutate({ id: sourceId }),
    discovering: discover.isPending,
    discoverError: discover.error?.message ?? null,
    loaded: discover.isSuccess,
    reset: () => {
      discover.reset();
      setDrafts([]);
    },
    streams,
    drafts,
    setDrafts,
    problems,
    selectedCount: drafts.filter((d) => d.selected).length,
  };
}
