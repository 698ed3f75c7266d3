"use client";
/**
 * The latest transform runs, newest first; refreshes every 3 s while one is
 * queued or running.
 */
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { TransformRunTable } from "@/components/models/TransformRunTable";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function TransformRunList({ limit, showAllLink = false }: { limit?: number; showAllLink?: boolean }) {
  const runs = trpc.model.runs.useQuery(undefined, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  const rows = (runs.data ?? []).slice(0, limit);
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="transform-runs">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Latest transform runs</h2>
        {showAllLink && (runs.data?.length ?? 0) > rows.length ? (
          <Link href="/models/runs" className="text-sm text-slate-600 underline">
            All runs
          </Link>
        ) : null}
      </div>
      {runs.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading runs…</p> : null}
      {runs.error ? (
        <div className="p-4">
          <ErrorAlert message={runs.error.message} />
        </div>
      ) : null}
      {runs.data?.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          No transform runs yet. &ldquo;Run all&rdquo; builds every model; a model&apos;s page runs it with its upstream or downstream.
        </p>
      ) : null}
      {rows.length ? <TransformRunTable runs={rows} /> : null}
    </section>
  );
}
