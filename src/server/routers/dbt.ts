/**
 * dbt projects: engineers import manifest.json / run_results.json; viewers see what was imported.
 */
import { z } from "zod";

import { ZDbtImportInput, ZDbtImportOutput, importDbtProject } from "@/server/transforms/dbt-import";
import { listDbtNodes } from "@/server/transforms/dbt-nodes";
import { authedProcedure, router } from "@/server/trpc";

const ZDbtNode = z.object({
  uniqueId: z.string(),
  kind: z.string(),
  name: z.string(),
  relation: z.string(),
  materialization: z.string().nullable(),
  description: z.string(),
  owner: z.string().nullable(),
  upstream: z.array(z.string()),
  lastStatus: z.string().nullable(),
  updatedAt: z.date(),
});

export const dbtRouter = router({
  import: authedProcedure("engineer")
    .input(ZDbtImportInput)
    .output(ZDbtImportOutput)
    .mutation(({ ctx, input }) => importDbtProject(input, ctx.user, ctx.requestId)),
  nodes: authedProcedure("viewer")
    .output(z.array(ZDbtNode))
    .query(() => listDbtNodes()),
});
