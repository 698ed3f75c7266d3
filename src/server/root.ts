/**
 * The application router: one router per domain.
 */
import { auditRouter } from "@/server/routers/audit";
import { connectionRouter, runRouter } from "@/server/routers/connection";
import { dbtRouter } from "@/server/routers/dbt";
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
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
