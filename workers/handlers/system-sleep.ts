/**
 * Handler of `system.sleep`: waits, stopping early (and so being retried)
 * when the worker shuts down. With a marker it announces its start and finish
 * on the job probe NOTIFY channel, which the queue integration test and
 * operators listen to.
 */
import { AppError } from "@/lib/app-error";
import { JOB_PROBE_CHANNEL, type TJobProbeEvent } from "@/jobs/kinds/system";
import type { TJobContext, TJobHandler } from "../job-context";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const interrupted = () => reject(new AppError("UNAVAILABLE", "Sleep interrupted: the worker is shutting down."));
    if (signal.aborted) return interrupted();
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      interrupted();
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function announce(ctx: TJobContext, event: TJobProbeEvent["event"], marker: string): Promise<void> {
  const message: TJobProbeEvent = {
    event,
    marker,
    jobId: ctx.job.id,
    attempt: ctx.job.attempt,
    workerId: ctx.workerId,
    pid: process.pid,
  };
  await ctx.helpers.query("select pg_notify($1, $2)", [JOB_PROBE_CHANNEL, JSON.stringify(message)]);
}

export const handleSystemSleep: TJobHandler<"system.sleep"> = async ({ ms, marker }, ctx) => {
  if (marker) await announce(ctx, "start", marker);
  await sleep(ms, ctx.signal);
  if (marker) await announce(ctx, "finish", marker);
};
