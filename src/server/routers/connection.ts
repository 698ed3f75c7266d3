/**
 * Connections and their runs: viewers read, engineers change, run and cancel.
 */
import { z } from "zod";
import {
  ZConnectionIdInput,
  ZConnectionOutput,
  ZCreateConnectionInput,
  ZUpdateConnectionInput,
} from "@/server/connections/connection-contracts";
import { createConnection, deleteConnection, getConnection, listConnections, setConnectionStatus, updateConnection } from "@/server/connections/connection-store";
import { ZListRunsInput, ZRunIdInput, ZRunLogsInput, ZRunLogsOutput, ZRunOutput } from "@/server/connections/run-contracts";
import { cancelRun, getRun, listRuns, runLogs, startRun } from "@/server/connections/run-store";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const engineer = authedProcedure("engineer");

export const connectionRouter = router({
  list: viewer.output(z.array(ZConnectionOutput)).query(() => listConnections()),
  get: viewer.input(ZConnectionIdInput).output(ZConnectionOutput).query(({ input }) => getConnection(input.id)),
  create: engineer.input(ZCreateConnectionInput).output(ZConnectionOutput).mutation(({ ctx, input }) => createConnection(input, ctx.user, ctx.requestId)),
  update: engineer.input(ZUpdateConnectionInput).output(ZConnectionOutput).mutation(({ ctx, input }) => updateConnection(input, ctx.user, ctx.requestId)),
  pause: engineer.input(ZConnectionIdInput).output(ZConnectionOutput).mutation(({ ctx, input }) => setConnectionStatus(input.id, "paused", ctx.user, ctx.requestId)),
  resume: engineer.input(ZConnectionIdInput).output(ZConnectionOutput).mutation(({ ctx, input }) => setConnectionStatus(input.id, "active", ctx.user, ctx.requestId)),
  delete: engineer.input(ZConnectionIdInput).output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx, input }) => {
    await deleteConnection(input.id, ctx.user, ctx.requestId);
    return { ok: true as const };
  }),
  runNow: engineer.input(ZConnectionIdInput).output(ZRunOutput).mutation(({ ctx, input }) => startRun(input.id, "manual", ctx.user, ctx.requestId)),
});

export const runRouter = router({
  list: viewer.input(ZListRunsInput).output(z.array(ZRunOutput)).query(({ input }) => listRuns(input)),
  get: viewer.input(ZRunIdInput).output(ZRunOutput).query(({ input }) => getRun(input.id)),
  logs: viewer.input(ZRunLogsInput).output(ZRunLogsOutput).query(({ input }) => runLogs(input.id, input.afterId)),
  cancel: engineer.input(ZRunIdInput).output(ZRunOutput).mutation(({ ctx, input }) => cancelRun(input.id, ctx.user, ctx.requestId)),
});
