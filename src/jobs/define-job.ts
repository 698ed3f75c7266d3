/**
 * How a job kind is declared: its name, the zod schema of its payload, how
 * many attempts it gets, an optional named queue and optional cron schedules.
 * Plain data with no I/O, so the web app (enqueue side) and the worker (handle
 * side) import the same declarations.
 */
import type { z } from "zod";

/** Attempts a job gets when its kind does not say (graphile-worker's own default is 25). */
export const DEFAULT_MAX_ATTEMPTS = 10;

const KIND_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** A recurring schedule of a job kind, run by graphile-worker's cron. */
export interface TCronSchedule<TPayloadInput> {
  /** Five-field cron pattern in UTC, e.g. "7 * * * *" (minute 7 of every hour). */
  match: string;
  /** Payload of each scheduled job (validated against the kind's schema when it runs). */
  payload?: TPayloadInput;
  /**
   * Stable name of this schedule; graphile-worker uses it to avoid running a
   * tick twice across workers and to know what it last ran. Default: the kind
   * name (first schedule) or `kind#index`.
   */
  identifier?: string;
  /** After downtime, run ticks missed within this window (ms). Default 0: skip them. */
  backfillPeriodMs?: number;
}

/** A declared job kind. `K` is the kind name; `S` is its payload schema. */
export interface TJobKind<K extends string = string, S extends z.ZodType = z.ZodType> {
  /** Unique name, `domain.verb-noun` (e.g. `sync.run-connection`); graphile-worker's task identifier. */
  readonly kind: K;
  /** Payload schema: enqueueJob validates with it and the worker parses with it before the handler. */
  readonly payload: S;
  /** Total attempts including the first; default {@link DEFAULT_MAX_ATTEMPTS}. */
  readonly maxAttempts: number;
  /** Jobs sharing a queue name run one at a time, in order. Default: none (fully parallel). */
  readonly queueName?: string;
  /** Recurring schedules; default none. */
  readonly cron: readonly TCronSchedule<z.input<S>>[];
  /** One line for operators: what a job of this kind does. */
  readonly description: string;
}

export interface TDefineJobInput<K extends string, S extends z.ZodType> {
  kind: K;
  payload: S;
  description: string;
  maxAttempts?: number;
  queueName?: string;
  cron?: readonly TCronSchedule<z.input<S>>[];
}

/** Declares a job kind; throws at import time on a malformed name or attempt count. */
export function defineJob<K extends string, S extends z.ZodType>(input: TDefineJobInput<K, S>): TJobKind<K, S> {
  if (!KIND_NAME.test(input.kind)) {
    throw new Error(`Job kind "${input.kind}" must look like "domain.verb-noun" (lowercase, dot-separated).`);
  }
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 32767) {
    throw new Error(`Job kind "${input.kind}": maxAttempts must be an integer from 1 to 32767.`);
  }
  return {
    kind: input.kind,
    payload: input.payload,
    description: input.description,
    maxAttempts,
    queueName: input.queueName,
    cron: input.cron ?? [],
  };
}
