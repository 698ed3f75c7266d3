/**
 * What an alert rule is: a kind with its parameters, a scope (the targets it
 * watches), the channels it notifies and how often it reminds. Validated with
 * zod at every boundary; messages name the field. Pure, and shared by the
 * engine (evaluation), the server (rule store) and the rule form, so it sits in lib.
 *
 * Kinds and their targets:
 * - run_failed: a connection whose latest sync run failed, or a model whose
 *   latest build failed;
 * - consecutive_failures (count N): a connection whose last N runs failed;
 * - duration_above_median (factor X): a connection whose latest run took more
 *   than X times the median of the runs before it (at least 5 of them);
 * - freshness_breach: a dataset past its freshness deadline;
 * - check_failed: an error-severity check whose latest result failed;
 * - stream_lag (messages L, minutes M): a streaming connection whose lag
 *   stayed above L for more than M minutes;
 * - workers_below (workers K): fewer than K workers alive.
 */
import { z } from "zod";
import { zName, zSafeString } from "@/lib/input-rules";

export const RULE_KINDS = [
  "run_failed",
  "consecutive_failures",
  "duration_above_median",
  "freshness_breach",
  "check_failed",
  "stream_lag",
  "workers_below",
] as const;
export type TRuleKind = (typeof RULE_KINDS)[number];

export const ZRuleParams = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run_failed") }),
  z.object({ kind: z.literal("consecutive_failures"), count: z.number().int().min(2, "at least 2").max(100, "at most 100") }),
  z.object({ kind: z.literal("duration_above_median"), factor: z.number().gt(1, "above 1").max(100, "at most 100") }),
  z.object({ kind: z.literal("freshness_breach") }),
  z.object({ kind: z.literal("check_failed") }),
  z.object({
    kind: z.literal("stream_lag"),
    messages: z.number().int().min(1, "at least 1 message").max(1e12, "at most a trillion messages"),
    minutes: z
      .number()
      .min(0, "0 or more")
      .max(24 * 60, "at most a day"),
  }),
  z.object({ kind: z.literal("workers_below"), workers: z.number().int().min(1, "at least 1").max(1000) }),
]);
export type TRuleParams = z.infer<typeof ZRuleParams>;

/** Which targets a rule watches; every list empty (or absent) means all. */
export const ZRuleScope = z
  .object({
    connectionIds: z.array(z.string().uuid("a connection id")).max(1000).default([]),
    datasetIds: z.array(z.string().uuid("a dataset id")).max(1000).default([]),
    tags: z.array(zName(100)).max(100).default([]),
  })
  .strict();
export type TRuleScope = z.output<typeof ZRuleScope>;

export const ZRuleDefinition = z.object({
  name: zSafeString().trim().min(1, "Give it a name").max(200),
  params: ZRuleParams,
  scope: ZRuleScope.default({ connectionIds: [], datasetIds: [], tags: [] }),
  channelIds: z.array(z.string().uuid("a channel id")).min(1, "choose at least one channel").max(20),
  /** Reminders every so many seconds while the alert is neither acknowledged nor snoozed; null: none. */
  repeatSeconds: z
    .number()
    .int()
    .min(10, "at least 10 seconds")
    .max(7 * 24 * 3600, "at most a week")
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
});
export type TRuleDefinition = z.output<typeof ZRuleDefinition>;

/** What a target is for scoping: its connection, its datasets, their tags. */
export type TTargetFacts = { connectionId?: string | null; datasetIds?: readonly string[]; tags?: readonly string[] };

/** Whether a scope covers a target. An empty scope covers everything; otherwise any match does. */
export function inScope(scope: TRuleScope, facts: TTargetFacts): boolean {
  if (!scope.connectionIds.length && !scope.datasetIds.length && !scope.tags.length) return true;
  if (facts.connectionId && scope.connectionIds.includes(facts.connectionId)) return true;
  if (facts.datasetIds?.some((d) => scope.datasetIds.includes(d))) return true;
  return facts.tags?.some((t) => scope.tags.includes(t)) ?? false;
}

/** How long a condition must hold before it fires (stream_lag's minutes); 0 for the rest. */
export function holdSeconds(params: TRuleParams): number {
  return params.kind === "stream_lag" ? Math.round(params.minutes * 60) : 0;
}

/** A rule's kind and parameters in words, for lists and messages. */
export function describeRule(params: TRuleParams): string {
  switch (params.kind) {
    case "run_failed":
      return "a run failed";
    case "consecutive_failures":
      return `${params.count} runs in a row failed`;
    case "duration_above_median":
      return `a run took over ${params.factor}× its median`;
    case "freshness_breach":
      return "a dataset is past its freshness deadline";
    case "check_failed":
      return "an error check failed";
    case "stream_lag":
      return `stream lag above ${params.messages.toLocaleString("en-US")} for over ${params.minutes} min`;
    case "workers_below":
      return `fewer than ${params.workers} worker${params.workers === 1 ? "" : "s"} alive`;
  }
}
