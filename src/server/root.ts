/**
 * The application router: one router per domain.
 */
import { auditRouter } from "@/server/routers/audit";
import { meRouter } from "@/server/routers/me";
import { systemRouter } from "@/server/routers/system";
import { userRouter } from "@/server/routers/user";
import { createCallerFactory, router } from "@/server/trpc";

export const appRouter = router({
  me: meRouter,
  user: userRouter,
  audit: auditRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
