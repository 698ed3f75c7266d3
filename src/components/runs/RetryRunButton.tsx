"use client";
/**
 * Starts a new run of the same connection after a failed or cancelled one,
 * and opens it.
 */
import { useRouter } from "next/navigation";
import { trpc } from "@/components/trpc/trpc-react";

export function RetryRunButton({ runId }: { runId: string }) {
  const router = useRouter();
  const retry = trpc.run.retry.useMutation({ onSuccess: (run) => router.push(`/runs/${run.id}`) });
  return (
    <span className="inline-flex items-center gap-2">
      {retry.error ? (
        <span role="alert" className="text-sm text-red-700">
          {retry.error.message}
        </span>
      ) : null}
      <button
        type="button"
        onClick={() => retry.mutate({ id: runId })}
        disabled={retry.isPending}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        data-testid="retry-run"
      >
        {retry.isPending ? "Starting…" : "Retry"}
      </button>
    </span>
  );
}
