"use client";
/**
 * The latest transform runs, newest first; refreshes every 3 s while one is
 * queued or running. The whole list (the runs page) comes 50 a page.
 */
import Link from "next/link";
import { TransformRunTable } from "@/components/models/TransformRunTable";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function TransformRunList({ limit, showAllLink = false }: { limit?: number; showAllLink?: boolean }) {
  const runs = trpc.model.runs.useQuery(undefined, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  const more = showAllLink && limit !== undefined && (runs.data?.length ?? 0) > limit;
  return (
    <QueryPanel
      query={runs}
      title="Latest transform runs"
      testId="transform-runs"
      loading="Loading runs…"
      actions={
        more ? (
          <Link href="/models/runs" className="text-sm text-slate-600 underline">
            All runs
          </Link>
        ) : undefined
      }
      empty={
        <PanelNote>No transform runs yet. &ldquo;Run all&rdquo; builds every model; a model&apos;s page runs it with its upstream or downstream.</PanelNote>
      }
    >
      {(rows) => <TransformRunTable runs={rows.slice(0, limit)} pageSize={limit === undefined ? 50 : undefined} />}
    </QueryPanel>
  );
}
