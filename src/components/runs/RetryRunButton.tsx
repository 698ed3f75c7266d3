"use client";
/**
 * Starts a new run of the same connection after a failed or cancelled one,
 * and opens it.
 */
import { useRouter } from "next/navigation";
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

export function RetryRunButton({ runId }: { runId: string }) {
  const router = useRouter();
  const retry = trpc.run.retry.useMutation({ onSuccess: (run) => router.push(`/runs/${run.id}`) });
  return (
    <span className="inline-flex items-center gap-2">
      <ErrorAlert inline message={retry.error?.message} />
      <Button variant="primary" size="sm" onClick={() => retry.mutate({ id: runId })} pending={retry.isPending} pendingLabel="Starting…" testId="retry-run">
        Retry
      </Button>
    </span>
  );
}
