/**
 * Routes graphile-worker's own log lines into Weir's pino logger, so queue
 * messages are JSON like every other line and carry `jobId`, `jobKind` and
 * the queue library's worker id. Job rows in its metadata are reduced to ids:
 * payloads are never logged. Its per-job outcome lines ("Completed task",
 * "Failed task", flagged `success`/`failure` in their metadata) drop to debug:
 * the worker's task wrapper logs each outcome with more context.
 */
import { Logger as GraphileLogger, type LogFunctionFactory } from "graphile-worker";
import type { Logger } from "@/lib/logger";

type TPinoLevel = "error" | "warn" | "info" | "debug";

const LEVELS: Record<string, TPinoLevel> = { error: "error", warning: "warn", info: "info", debug: "debug" };

interface TJobLike {
  id?: unknown;
  task_identifier?: unknown;
}

function jobOf(meta: Record<string, unknown> | undefined): TJobLike | undefined {
  const job = meta?.job;
  return job && typeof job === "object" ? (job as TJobLike) : undefined;
}

/** A graphile-worker Logger writing through `base` (a pino logger, usually a child with `workerId`). */
export function toGraphileLogger(base: Logger): GraphileLogger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    const job = jobOf(meta);
    const bindings: Record<string, unknown> = { component: "graphile-worker" };
    if (scope.label) bindings.scope = scope.label;
    if (scope.workerId) bindings.queueWorkerId = scope.workerId;
    const jobId = scope.jobId ?? job?.id;
    if (jobId != null) bindings.jobId = String(jobId);
    const jobKind = scope.taskIdentifier ?? job?.task_identifier;
    if (jobKind != null) bindings.jobKind = String(jobKind);
    const error = meta?.error ?? meta?.fatalError;
    if (error instanceof Error) bindings.err = error;
    const isOutcome = meta?.success === true || meta?.failure === true;
    base[isOutcome ? "debug" : (LEVELS[level as string] ?? "info")](bindings, message);
  };
  return new GraphileLogger(factory);
}
