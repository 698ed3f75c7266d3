/**
 * The alert rule form's state and what it sends, pure: numbers typed as
 * text, the kind's own parameters, scope lists, channels and reminders.
 */
import type { TRuleKind } from "@/lib/alert-rule-definition";

export const KIND_CHOICES: { kind: TRuleKind; label: string; help: string }[] = [
  { kind: "run_failed", label: "A run failed", help: "A connection's latest sync, or a model's latest build, failed. Recovers when the next one succeeds." },
  { kind: "consecutive_failures", label: "N runs in a row failed", help: "A connection's last N runs all failed." },
  { kind: "duration_above_median", label: "A run took too long", help: "A connection's latest run took more than X times the median of its 20 runs before." },
  { kind: "freshness_breach", label: "Freshness deadline missed", help: "A dataset is past the deadline set on its catalog page." },
  { kind: "check_failed", label: "An error check failed", help: "An error-severity quality check's latest result failed or could not run." },
  { kind: "stream_lag", label: "Stream lag too high", help: "A streaming connection stayed more than L messages behind for more than M minutes." },
  { kind: "workers_below", label: "Too few workers", help: "Fewer than K workers are alive." },
];

export type TRuleDraft = {
  name: string;
  kind: TRuleKind;
  count: string;
  factor: string;
  messages: string;
  minutes: string;
  workers: string;
  connectionIds: string[];
  datasetIds: string[];
  tags: string;
  channelIds: string[];
  repeatSeconds: string;
};

export const blankRule = (): TRuleDraft => ({
  name: "",
  kind: "run_failed",
  count: "3",
  factor: "2",
  messages: "10000",
  minutes: "10",
  workers: "1",
  connectionIds: [],
  datasetIds: [],
  tags: "",
  channelIds: [],
  repeatSeconds: "",
});

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function paramsOf(d: TRuleDraft): Record<string, unknown> {
  switch (d.kind) {
    case "consecutive_failures":
      return { kind: d.kind, count: num(d.count) };
    case "duration_above_median":
      return { kind: d.kind, factor: num(d.factor) };
    case "stream_lag":
      return { kind: d.kind, messages: num(d.messages), minutes: num(d.minutes) };
    case "workers_below":
      return { kind: d.kind, workers: num(d.workers) };
    default:
      return { kind: d.kind };
  }
}

/** The createRule input (the server validates and names any bad field). */
export function ruleInputOf(d: TRuleDraft) {
  return {
    name: d.name.trim(),
    params: paramsOf(d) as never,
    scope: {
      connectionIds: d.connectionIds,
      datasetIds: d.datasetIds,
      tags: d.tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    },
    channelIds: d.channelIds,
    repeatSeconds: d.repeatSeconds.trim() === "" ? null : num(d.repeatSeconds),
  };
}

export const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
