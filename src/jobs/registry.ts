/**
 * Every job kind Weir knows, in one typed registry, and `enqueueJob`, the one
 * way to put a job on the queue. The web app enqueues through it; the worker
 * builds its task list and crontab from it. Adding a kind: declare it with
 * `defineJob` (in `src/jobs/kinds/`), list it in `ALL_KINDS` below, and add its
 * handler in `workers/handlers/index.ts` (the compiler insists).
 */
import { parseCronItems, type CronItem, type ParsedCronItem } from "graphile-worker";
import type { z } from "zod";
import { AppError } from "@/lib/app-error";
import type { TJobKind } from "@/jobs/define-job";
import { queueUtils } from "@/jobs/queue-client";
import { syncRunConnection, syncScheduleTick } from "@/jobs/kinds/sync";
import { demoMutateShop, systemNoop, systemPruneHeartbeats, systemSleep } from "@/jobs/kinds/system";
import { transformRun } from "@/jobs/kinds/transform";
import { alertsDeliver } from "@/jobs/kinds/alerts";

const ALL_KINDS = [systemNoop, systemSleep, systemPruneHeartbeats, syncRunConnection, syncScheduleTick, demoMutateShop, transformRun, alertsDeliver] as const;

type TAnyDeclaredKind = (typeof ALL_KINDS)[number];
export type TJobKindName = TAnyDeclaredKind["kind"];
export type TJobKinds = { [D in TAnyDeclaredKind as D["kind"]]: D };
/** What a caller passes to enqueueJob for kind K (before defaults). */
export type TJobPayloadInput<K extends TJobKindName> = z.input<TJobKinds[K]["payload"]>;
/** What a handler of kind K receives (after zod parsing and defaults). */
export type TJobPayload<K extends TJobKindName> = z.output<TJobKinds[K]["payload"]>;

function indexByKind(kinds: readonly TJobKind[]): Record<string, TJobKind> {
  const byKind: Record<string, TJobKind> = {};
  for (const k of kinds) {
    if (byKind[k.kind]) throw new Error(`Job kind "${k.kind}" is declared twice.`);
    byKind[k.kind] = k;
  }
  return byKind;
}

const byKind = indexByKind(ALL_KINDS);

/** The registry: kind name → declaration. */
export const jobKinds = byKind as unknown as TJobKinds;

/** All kind names, in declaration order. */
export const jobKindNames: readonly TJobKindName[] = ALL_KINDS.map((k) => k.kind);

/** The declaration of a kind named at run time (e.g. a task identifier), or undefined. */
export function findJobKind(name: string): TJobKind | undefined {
  return Object.hasOwn(byKind, name) ? byKind[name] : undefined;
}

export interface TEnqueueOptions {
  /**
   * Idempotency key: while a job with this key is waiting, enqueueing again
   * replaces it (its payload and run time) instead of adding a second job.
   */
  jobKey?: string;
  /** Earliest time to run; default now. */
  runAt?: Date;
  /** Overrides the kind's maxAttempts for this job. */
  maxAttempts?: number;
  /** Lower runs sooner; default 0. */
  priority?: number;
  /** Jobs sharing a queue name run one at a time, in order (e.g. one sync per connection); default the kind's. */
  queueName?: string;
}

export interface TEnqueuedJob {
  id: string;
  kind: TJobKindName;
  runAt: Date;
  maxAttempts: number;
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(payload)";
  return { field, message: issue.message };
}

/** Validates `payload` against the kind's schema; throws AppError BAD_INPUT naming the field. */
export function parseJobPayload<K extends TJobKindName>(kind: K, payload: unknown): TJobPayload<K> {
  const def = findJobKind(kind);
  if (!def) throw new AppError("BAD_INPUT", `Unknown job kind "${kind}".`, { kind });
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    const first = issues[0] ?? { field: "(payload)", message: "invalid" };
    throw new AppError("BAD_INPUT", `Job ${kind}: payload field "${first.field}" ${first.message}.`, {
      kind,
      field: first.field,
      issues,
    });
  }
  return parsed.data as TJobPayload<K>;
}

/**
 * Validates the payload and adds a job. Throws AppError BAD_INPUT on a bad
 * payload and UNAVAILABLE when the queue's database cannot be reached.
 */
export async function enqueueJob<K extends TJobKindName>(kind: K, payload: TJobPayloadInput<K>, opts: TEnqueueOptions = {}): Promise<TEnqueuedJob> {
  const def = jobKinds[kind] as TJobKind;
  const data = parseJobPayload(kind, payload);
  const utils = await queueUtils();
  const job = await utils.addJob(kind as string, data as Record<string, unknown>, {
    jobKey: opts.jobKey,
    runAt: opts.runAt,
    maxAttempts: opts.maxAttempts ?? def.maxAttempts,
    priority: opts.priority,
    queueName: opts.queueName ?? def.queueName,
  });
  return { id: job.id, kind, runAt: job.run_at, maxAttempts: job.max_attempts };
}

/** The cron schedules every kind declares, as graphile-worker CronItems. */
export function cronItemsFromKinds(kinds: readonly TJobKind[] = ALL_KINDS): CronItem[] {
  return kinds.flatMap((def) =>
    def.cron.map((schedule, i) => ({
      task: def.kind,
      match: schedule.match,
      identifier: schedule.identifier ?? (i === 0 ? def.kind : `${def.kind}#${i}`),
      payload: (schedule.payload ?? {}) as Record<string, unknown>,
      options: {
        backfillPeriod: schedule.backfillPeriodMs ?? 0,
        maxAttempts: def.maxAttempts,
        queueName: def.queueName,
      },
    })),
  );
}

/** The parsed crontab the worker runs (throws on a malformed pattern). */
export function parsedCronItems(): ParsedCronItem[] {
  return parseCronItems(cronItemsFromKinds());
}
