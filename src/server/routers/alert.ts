/**
 * Alert channels, rules and alerts. Viewers read; engineers and admins
 * manage channels and rules, acknowledge and snooze. Every change is audited.
 */
import { z } from "zod";

import {
  ZAlertOutput,
  ZChannelKindOutput,
  ZChannelOutput,
  ZCreateChannelInput,
  ZCreateRuleInput,
  ZIdInput,
  ZListAlertsInput,
  ZRuleOutput,
  ZSnoozeInput,
  ZUpdateChannelInput,
  ZUpdateRuleInput,
} from "@/server/alerts/alert-contracts";
import { acknowledgeAlert, listAlerts, snoozeAlert } from "@/server/alerts/alert-store";
import { channelKinds, createChannel, deleteChannel, listChannels, testChannel, updateChannel } from "@/server/alerts/channel-store";
import { createRule, deleteRule, listRules, updateRule } from "@/server/alerts/rule-store";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const engineer = authedProcedure("engineer");
const ok = z.object({ ok: z.literal(true) });

export const alertRouter = router({
  channelKinds: viewer.output(z.array(ZChannelKindOutput)).query(() => channelKinds()),
  channels: viewer.output(z.array(ZChannelOutput)).query(() => listChannels()),
  createChannel: engineer
    .input(ZCreateChannelInput)
    .output(ZChannelOutput)
    .mutation(({ ctx, input }) => createChannel(input, ctx.user, ctx.requestId)),
  updateChannel: engineer
    .input(ZUpdateChannelInput)
    .output(ZChannelOutput)
    .mutation(({ ctx, input }) => updateChannel(input, ctx.user, ctx.requestId)),
  deleteChannel: engineer
    .input(ZIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deleteChannel(input.id, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  testChannel: engineer
    .input(ZIdInput)
    .output(z.object({ ok: z.boolean(), message: z.string() }))
    .mutation(({ ctx, input }) => testChannel(input.id, ctx.user, ctx.requestId)),
  rules: viewer.output(z.array(ZRuleOutput)).query(() => listRules()),
  createRule: engineer
    .input(ZCreateRuleInput)
    .output(ZRuleOutput)
    .mutation(({ ctx, input }) => createRule(input, ctx.user, ctx.requestId)),
  updateRule: engineer
    .input(ZUpdateRuleInput)
    .output(ZRuleOutput)
    .mutation(({ ctx, input }) => updateRule(input, ctx.user, ctx.requestId)),
  deleteRule: engineer
    .input(ZIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deleteRule(input.id, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  list: viewer
    .input(ZListAlertsInput)
    .output(z.array(ZAlertOutput))
    .query(({ input }) => listAlerts(input)),
  acknowledge: engineer
    .input(ZIdInput)
    .output(ZAlertOutput)
    .mutation(({ ctx, input }) => acknowledgeAlert(input.id, ctx.user, ctx.requestId)),
  snooze: engineer
    .input(ZSnoozeInput)
    .output(ZAlertOutput)
    .mutation(({ ctx, input }) => snoozeAlert(input.id, input.minutes, ctx.user, ctx.requestId)),
});
