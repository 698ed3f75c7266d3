/**
 * Connections and their runs: viewers read, engineers change, run and cancel.
 */
import { z } from "zod";
import { cancelRun, startRun } from "@/engine/runs/run-lifecycle";
import { zIdentifier } from "@/lib/input-rules";
import { ZConnectionIdInput, ZConnectionOutput, ZCreateConnectionInput, ZUpdateConnectionInput } from "@/server/connections/connection-contracts";
import {
  createConnection,
  deleteConnection,
  getConnection,
  listConnections,
  listSchemaChanges,
  setConnectionStatus,
  updateConnection,
} from "@/server/connections/connection-store";
import { ZListRunsInput, ZRunIdInput, ZRunLogsInput, ZRunLogsOutput, ZRunOutput } from "@/server/connections/run-contracts";
import { getRun, listRuns, runLogs } from "@/server/connections/run-store";
import { clearStreamState } from "@/server/connections/clear-stream-state";
import { columnTypeMapping, ZColumnTypeMappingOutput } from "@/server/connections/column-type-mapping";
import { resolveTypeChange, ZResolveTypeChangeInput } from "@/server/connections/resolve-type-change";
import { ZStreamControlInput, ZStreamStatusOutput } from "@/server/connections/stream-contracts";
import { controlStream, streamStatus } from "@/server/connections/stream-control";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const engineer = authedProcedure("engineer");

export const connectionRouter = router({
  list: viewer.output(z.array(ZConnectionOutput)).query(() => listConnections()),
  get: viewer
    .input(ZConnectionIdInput)
    .output(ZConnectionOutput)
    .query(({ input }) => getConnection(input.id)),
  create: engineer
    .input(ZCreateConnectionInput)
    .output(ZConnectionOutput)
    .mutation(({ ctx, input }) => createConnection(input, ctx.user, ctx.requestId)),
  update: engineer
    .input(ZUpdateConnectionInput)
    .output(ZConnectionOutput)
    .mutation(({ ctx, input }) => updateConnection(input, ctx.user, ctx.requestId)),
  pause: engineer
    .input(ZConnectionIdInput)
    .output(ZConnectionOutput)
    .mutation(({ ctx, input }) => setConnectionStatus(input.id, "paused", ctx.user, ctx.requestId)),
  resume: engineer
    .input(ZConnectionIdInput)
    .output(ZConnectionOutput)
    .mutation(({ ctx, input }) => setConnectionStatus(input.id, "active", ctx.user, ctx.requestId)),
  delete: engineer
    .input(ZConnectionIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteConnection(input.id, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  runNow: engineer
    .input(ZConnectionIdInput)
    .output(ZRunOutput)
    .mutation(async ({ ctx, input }) => getRun((await startRun(input.id, "manual", ctx.user, ctx.requestId)).id)),
  clearStream: engineer
    .input(ZConnectionIdInput.extend({ stream: zIdentifier(), dropTable: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await clearStreamState(input, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  /** A choice for a type change the destination cannot apply (rebuild, cast, ignore); resumes the connection after the last one. */
  resolveTypeChange: engineer
    .input(ZResolveTypeChangeInput)
    .output(ZConnectionOutput)
    .mutation(async ({ ctx, input }) => {
      await resolveTypeChange(input, ctx.user, ctx.requestId);
      return getConnection(input.id);
    }),
  /** Per selected stream and column: source type and conversion, Weir type, how the destination stores it. */
  typeMapping: viewer
    .input(ZConnectionIdInput)
    .output(ZColumnTypeMappingOutput)
    .query(({ input }) => columnTypeMapping(input.id)),
  /** Streaming connections: start, pause, resume or stop the stream (the workers follow within a second). */
  streamControl: engineer
    .input(ZStreamControlInput)
    .output(ZStreamStatusOutput)
    .mutation(({ ctx, input }) => controlStream(input.id, input.action, ctx.user, ctx.requestId)),
  streamStatus: viewer
    .input(ZConnectionIdInput)
    .output(ZStreamStatusOutput)
    .query(({ input }) => streamStatus(input.id)),
  schemaChanges: viewer
    .input(ZConnectionIdInput)
    .output(
      z.array(
        z.object({
          id: z.string(),
          stream: z.string(),
          change: z.string(),
          column: z.string(),
          fromType: z.string().nullable(),
          toType: z.string().nullable(),
          action: z.string(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ input }) => listSchemaChanges(input.id)),
});

export const runRouter = router({
  list: viewer
    .input(ZListRunsInput)
    .output(z.array(ZRunOutput))
    .query(({ input }) => listRuns(input)),
  get: viewer
    .input(ZRunIdInput)
    .output(ZRunOutput)
    .query(({ input }) => getRun(input.id)),
  logs: viewer
    .input(ZRunLogsInput)
    .output(ZRunLogsOutput)
    .query(({ input }) => runLogs(input.id, input.afterId)),
  cancel: engineer
    .input(ZRunIdInput)
    .output(ZRunOutput)
    .mutation(async ({ ctx, input }) => {
      await cancelRun(input.id, ctx.user, ctx.requestId);
      return getRun(input.id);
    }),
  /** A new run of the same connection (a finished run is never restarted in place). */
  retry: engineer
    .input(ZRunIdInput)
    .output(ZRunOutput)
    .mutation(async ({ ctx, input }) => getRun((await startRun((await getRun(input.id)).connectionId, "manual", ctx.user, ctx.requestId)).id)),
});
