"use client";
/**
 * Starts a new run of the same connection after a failed or cancelled one,
 * and opens it.
 */
import { useRouter } from "next/navigation";
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";

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
      <Button variant="primary" size="sm" onClick={() => retry.mutate({ id: runId })} pending={retry.isPending} pendingLabel="Starting…" testId="retry-run">
        Retry
      </Button>
    </span>
  );
}
