"use client";
/**
 * Cancels a queued or running run; the worker stops at its next check and
 * the run ends as cancelled.
 */
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

export function CancelRunButton({ runId, requested }: { runId: string; requested: boolean }) {
  const utils = trpc.useUtils();
  const cancel = trpc.run.cancel.useMutation({
    onSuccess: (run) => {
      utils.run.get.setData({ id: runId }, run);
      return Promise.all([utils.run.list.invalidate(), utils.connection.get.invalidate({ id: run.connectionId })]);
    },
  });
  if (requested)
    return (
      <span className="text-sm text-amber-800" data-testid="cancel-requested">
        Cancel requested…
      </span>
    );
  return (
    <span className="inline-flex items-center gap-2">
      <ErrorAlert inline message={cancel.error?.message} />
      <Button variant="danger-outline" onClick={() => cancel.mutate({ id: runId })} pending={cancel.isPending} pendingLabel="Cancelling…" testId="cancel-run">
        Cancel run
      </Button>
    </span>
  );
}
