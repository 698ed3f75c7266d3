"use client";
/**
 * Recent runs across all connections, newest first (sortable, 50 a page);
 * refreshes every 3 s while any of them is queued or running.
 */
import Link from "next/link";
import { RunTable } from "@/components/runs/RunTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function RunList() {
  const runs = trpc.run.list.useQuery({ limit: 100 }, { refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : 15_000) });
  return (
    <QueryView
      query={runs}
      loading="Loading runs…"
      empty={
        <EmptyState title="No runs yet" testId="runs-empty">
          Runs start on a connection&apos;s schedule or with &ldquo;Run now&rdquo; on its page.{" "}
          <Link href="/connections" className="font-medium text-slate-900 underline">
            Open connections
          </Link>
          .
        </EmptyState>
      }
    >
      {(rows) => (
        <Panel>
          <RunTable runs={rows} showConnection pageSize={50} />
        </Panel>
      )}
    </QueryView>
  );
}
