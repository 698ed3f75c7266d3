/**
 * Turns a cancel request on a Run (cancelRequestedAt, set from the UI) into an
 * abort signal for the running attempt, checked every second; also aborts
 * when the worker itself is shutting down.
 */
import { db } from "@/db/client";

export function watchCancellation(runId: string, workerSignal: AbortSignal) {
  const controller = new AbortController();
  let cancelled = false;
  const onWorkerAbort = () => controller.abort(workerSignal.reason);
  workerSignal.addEventListener("abort", onWorkerAbort, { once: true });
  const timer = setInterval(() => {
    void db()
      .run.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } })
      .then((r) => {
        if (r?.cancelRequestedAt && !controller.signal.aborted) {
          cancelled = true;
          controller.abort(new Error("The run was cancelled."));
        }
      })
      .catch(() => undefined);
  }, 1000);
  return {
    signal: controller.signal,
    cancelled: () => cancelled,
    stop: () => {
      clearInterval(timer);
      workerSignal.removeEventListener("abort", onWorkerAbort);
    },
  };
}
