/**
 * SQL models: viewers read them and their compiled SQL, engineers change them.
 */
import { z } from "zod";

import { ZCompileInput, ZCreateModelInput, ZModelIdInput, ZModelOutput, ZUpdateModelInput } from "@/server/transforms/model-contracts";
import { compileModel, createModel, deleteModel, getModel, listModels, updateModel } from "@/server/transforms/model-store";
import {
  ZModelHistoryOutput,
  ZStartTransformInput,
  ZTransformRunOutput,
  getTransformRun,
  listTransformRuns,
  modelHistory,
  startTransformRun,
} from "@/server/transforms/transform-runs";
import { configuredProjectFolder, syncModelProject } from "@/server/transforms/project-sync";
import { AppError } from "@/lib/app-error";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const engineer = authedProcedure("engineer");

export const modelRouter = router({
  list: viewer.output(z.array(ZModelOutput)).query(() => listModels()),
  get: viewer
    .input(ZModelIdInput)
    .output(ZModelOutput)
    .query(({ input }) => getModel(input.id)),
  /** The SQL the model would run, refs and sources resolved; also for SQL being edited and not saved yet. */
  compile: viewer
    .input(ZCompileInput)
    .output(z.object({ sql: z.string(), refs: z.array(z.string()) }))
    .query(({ input }) => compileModel(input)),
  create: engineer
    .input(ZCreateModelInput)
    .output(ZModelOutput)
    .mutation(({ ctx, input }) => createModel(input, ctx.user, ctx.requestId)),
  update: engineer
    .input(ZUpdateModelInput)
    .output(ZModelOutput)
    .mutation(({ ctx, input }) => updateModel(input, ctx.user, ctx.requestId)),
  delete: engineer
    .input(ZModelIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteModel(input.id, ctx.user, ctx.requestId);
      return { ok: true as const };
    }),
  /** Whether the server has a project folder of model files (WEIR_MODELS_DIR). */
  project: viewer.output(z.object({ configured: z.boolean() })).query(() => ({ configured: configuredProjectFolder() !== null })),
  /** Creates, updates and deletes the models the project folder's files describe. */
  syncProject: engineer
    .output(z.object({ created: z.array(z.string()), updated: z.array(z.string()), unchanged: z.array(z.string()), deleted: z.array(z.string()) }))
    .mutation(({ ctx }) => {
      const folder = configuredProjectFolder();
      if (!folder)
        throw new AppError(
          "BAD_INPUT",
          "No project folder: start Weir with WEIR_MODELS_DIR pointing at a folder with weir_project.yml and models/<layer>/*.sql.",
        );
      return syncModelProject(folder, ctx.user, ctx.requestId);
    }),
  /** Builds the selected models (`*`, `m`, `+m`, `m+`) in a worker. */
  run: engineer
    .input(ZStartTransformInput)
    .output(ZTransformRunOutput)
    .mutation(({ ctx, input }) => startTransformRun(input.selector, "manual", ctx.user, ctx.requestId)),
  /** The model's latest builds (status, rows, compiled SQL, why blocked or skipped). */
  history: viewer
    .input(ZModelIdInput)
    .output(ZModelHistoryOutput)
    .query(({ input }) => modelHistory(input.id)),
  runs: viewer.output(z.array(ZTransformRunOutput)).query(() => listTransformRuns()),
  runStatus: viewer
    .input(z.object({ id: z.string().uuid("is not a transform run id") }))
    .output(ZTransformRunOutput)
    .query(({ input }) => getTransformRun(input.id)),
});
