/**
 * Contracts of alert channels, rules, alerts and their deliveries.
 */
import { z } from "zod";
import { zJsonObject, zSafeString } from "@/lib/input-rules";

import { CHANNEL_KINDS } from "@/engine/alerts/channels/channel-specs";
import { RULE_KINDS, ZRuleDefinition } from "@/lib/alert-rule-definition";

const ZConfig = z.record(z.string(), z.unknown());
const ZName = zSafeString().trim().min(1, "Give it a name").max(100, "Use at most 100 characters");

export const ZIdInput = z.object({ id: z.string().uuid("is not an id from the list") });

export const ZCreateChannelInput = z.object({ name: ZName, kind: z.enum(CHANNEL_KINDS), config: zJsonObject() });
export const ZUpdateChannelInput = z.object({
  id: z.string().uuid(),
  name: ZName.optional(),
  config: zJsonObject().optional(),
  enabled: z.boolean().optional(),
});

export const ZChannelOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** Secrets only as { $secretSet: true }. */
  config: ZConfig,
  enabled: z.boolean(),
  createdAt: z.date(),
});
export type TChannelOutput = z.output<typeof ZChannelOutput>;

export const ZChannelKindOutput = z.object({ kind: z.enum(CHANNEL_KINDS), title: z.string(), spec: ZConfig });

export const ZCreateRuleInput = ZRuleDefinition;
export const ZUpdateRuleInput = ZRuleDefinition.partial().extend({ id: z.string().uuid() });

export const ZRuleOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(RULE_KINDS),
  params: ZConfig,
  scope: z.object({ connectionIds: z.array(z.string()), datasetIds: z.array(z.string()), tags: z.array(z.string()) }),
  channelIds: z.array(z.string()),
  repeatSeconds: z.number().nullable(),
  enabled: z.boolean(),
  description: z.string(),
  firing: z.number(),
  createdAt: z.date(),
});
export type TRuleOutput = z.output<typeof ZRuleOutput>;

export const ZListAlertsInput = z.object({
  status: z.enum(["firing", "resolved", "all"]).default("firing"),
  limit: z.number().int().min(1).max(500).default(100),
});

export const ZAlertOutput = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  targetKey: z.string(),
  targetLabel: z.string(),
  href: z.string().nullable(),
  status: z.enum(["firing", "resolved"]),
  message: z.string(),
  firedAt: z.date(),
  resolvedAt: z.date().nullable(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  snoozedUntil: z.date().nullable(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      event: z.enum(["fired", "reminder", "resolved"]),
      status: z.enum(["pending", "sent", "failed"]),
      attempts: z.number(),
      lastError: z.string().nullable(),
      createdAt: z.date(),
      sentAt: z.date().nullable(),
      tries: z.array(
        z.object({ attempt: z.number(), at: z.date(), ok: z.boolean(), status: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() }),
      ),
    }),
  ),
});
export type TAlertOutput = z.output<typeof ZAlertOutput>;

export const ZSnoozeInput = z.object({
  id: z.string().uuid(),
  minutes: z
    .number()
    .int()
    .min(1, "at least a minute")
    .max(7 * 24 * 60, "at most a week"),
});
