"use client";
/**
 * Recent runs across all connections, newest first; refreshes every 3 s
 * while any of them is queued or running.
 */
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { RunTable } from "@/components/runs/RunTable";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function RunList() {
  const runs = trpc.run.list.useQuery({ limit: 100 }, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  if (runs.isLoading) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (runs.error) return <ErrorAlert message={runs.error.message} />;
  const rows = runs.data ?? [];
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="runs-empty">
        <h2 className="font-semibold text-slate-800">No runs yet</h2>
        <p className="mt-2 text-sm text-slate-600">
          Runs start on a connection&apos;s schedule or with &ldquo;Run now&rdquo; on its page.{" "}
          <Link href="/connections" className="font-medium text-slate-900 underline">
            Open connections
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <section className="rounded-lg border border-slate-200 bg-white">
      <RunTable runs={rows} showConnection />
    </section>
  );
}
