/**
 * Run health for on-call: what is broken now, the runs of a time window,
 * the charts and what the failures block. Every signed-in user may read it;
 * the actions it offers are the other routers' (engineer and up).
 */
import { blockedByFailures, ZBlockedOutput } from "@/server/health/health-blocked";
import { healthCharts, ZChartsInput, ZChartsOutput } from "@/server/health/health-charts";
import { healthSummary, ZHealthSummary } from "@/server/health/health-summary";
import { healthTimeline, ZTimelineInput, ZTimelineOutput } from "@/server/health/health-timeline";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");

export const healthRouter = router({
  summary: viewer.output(ZHealthSummary).query(() => healthSummary()),
  timeline: viewer
    .input(ZTimelineInput)
    .output(ZTimelineOutput)
    .query(({ input }) => healthTimeline(input)),
  charts: viewer
    .input(ZChartsInput)
    .output(ZChartsOutput)
    .query(({ input }) => healthCharts(input)),
  blocked: viewer.output(ZBlockedOutput).query(() => blockedByFailures()),
});
