/**
 * The application router: one router per domain.
 */
import { accountRouter } from "@/server/routers/account";
import { alertRouter } from "@/server/routers/alert";
import { apiTokenRouter } from "@/server/routers/api-token";
import { auditRouter } from "@/server/routers/audit";
import { catalogRouter } from "@/server/routers/catalog";
import { connectionRouter, runRouter } from "@/server/routers/connection";
import { dbtRouter } from "@/server/routers/dbt";
import { healthRouter } from "@/server/routers/health";
import { lineageRouter } from "@/server/routers/lineage";
import { destinationRouter } from "@/server/routers/destination";
import { meRouter } from "@/server/routers/me";
import { modelRouter } from "@/server/routers/model";
import { qualityRouter } from "@/server/routers/quality";
import { sourceRouter } from "@/server/routers/source";
import { systemRouter } from "@/server/routers/system";
import { userRouter } from "@/server/routers/user";
import { createCallerFactory, router } from "@/server/trpc";

export const appRouter = router({
  me: meRouter,
  account: accountRouter,
  user: userRouter,
  audit: auditRouter,
  system: systemRouter,
  source: sourceRouter,
  destination: destinationRouter,
  connection: connectionRouter,
  run: runRouter,
  model: modelRouter,
  quality: qualityRouter,
  dbt: dbtRouter,
  catalog: catalogRouter,
  lineage: lineageRouter,
  apiToken: apiTokenRouter,
  health: healthRouter,
  alert: alertRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
