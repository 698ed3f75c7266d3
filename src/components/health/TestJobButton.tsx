"use client";
/**
 * Puts a 10-second test job on the queue; the workers table then shows which
 * worker runs it. Only rendered for engineers and admins (the server checks).
 */
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";

export function TestJobButton() {
  const utils = trpc.useUtils();
  const run = trpc.system.enqueueTestJob.useMutation({ onSuccess: () => utils.system.workers.invalidate() });
  return (
    <div className="flex items-center gap-3">
      {run.data ? (
        <span className="text-sm text-slate-600" data-testid="test-job-queued">
          Job #{run.data.jobId} queued
        </span>
      ) : null}
      <ErrorAlert inline message={run.error?.message} />
      <Button disabled={run.isPending} onClick={() => run.mutate({ seconds: 10 })}>
        Run a test job
      </Button>
    </div>
  );
}
