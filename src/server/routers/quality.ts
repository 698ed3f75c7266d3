/**
 * Quality: checks with their results, and incidents. Viewers read (without
 * failing-row samples); engineers define checks; engineers acknowledge and
 * resolve incidents.
 */
import { z } from "zod";
import { zSafeString } from "@/lib/input-rules";

import {
  ZCheckIdInput,
  ZCheckOutput,
  ZCreateCheckInput,
  ZIncidentIdInput,
  ZIncidentOutput,
  ZListChecksInput,
  ZListIncidentsInput,
  acknowledgeIncident,
  checkForRole,
  createCheck,
  deleteCheck,
  getCheck,
  getIncident,
  listChecks,
  listIncidents,
  resolveIncident,
  runCheckNow,
  setCheckEnabled,
} from "@/server/transforms/check-store";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const engineer = authedProcedure("engineer");

export const qualityRouter = router({
  checks: viewer
    .input(ZListChecksInput)
    .output(z.array(ZCheckOutput))
    .query(async ({ ctx, input }) => (await listChecks(input)).map((c) => checkForRole(c, ctx.user.role))),
  check: viewer
    .input(ZCheckIdInput)
    .output(ZCheckOutput)
    .query(async ({ ctx, input }) => checkForRole(await getCheck(input.id), ctx.user.role)),
  createCheck: engineer
    .input(ZCreateCheckInput)
    .output(ZCheckOutput)
    .mutation(({ ctx, input }) => createCheck(input, ctx.user, ctx.requestId)),
  setCheckEnabled: engineer
    .input(ZCheckIdInput.extend({ enabled: z.boolean() }))
    .output(ZCheckOutput)
    .mutation(({ ctx, input }) => setCheckEnabled(input.id, input.enabled, ctx.user, ctx.requestId)),
  /** Runs the check now, in its warehouse; the result is stored and gates like any other. */
  runCheck: engineer
    .input(ZCheckIdInput)
    .output(ZCheckOutput)
    .mutation(({ ctx, input }) => runCheckNow(input.id, ctx.user, ctx.requestId)),
  deleteCheck: engineer
    .input(ZCheckIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteCheck(input.id, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  incidents: viewer
    .input(ZListIncidentsInput)
    .output(z.array(ZIncidentOutput))
    .query(({ input }) => listIncidents(input)),
  incident: viewer
    .input(ZIncidentIdInput)
    .output(ZIncidentOutput)
    .query(({ input }) => getIncident(input.id)),
  acknowledge: engineer
    .input(ZIncidentIdInput)
    .output(ZIncidentOutput)
    .mutation(({ ctx, input }) => acknowledgeIncident(input.id, ctx.user, ctx.requestId)),
  resolve: engineer
    .input(ZIncidentIdInput.extend({ resolution: zSafeString().trim().min(1, "say why the incident is resolved").max(2_000) }))
    .output(ZIncidentOutput)
    .mutation(({ ctx, input }) => resolveIncident(input.id, input.resolution, ctx.user, ctx.requestId)),
});
