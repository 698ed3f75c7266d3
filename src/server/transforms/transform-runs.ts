/**
 * Transform runs: starting one (a selection of models) and reading what it
 * did, model by model.
 */
import { z } from "zod";
import { zName } from "@/lib/input-rules";

import { db } from "@/db/client";
import { enqueueJob } from "@/jobs/registry";
import { AppError } from "@/lib/app-error";
import { type TAuditActor, writeAudit } from "@/db/write-audit";

export const ZStartTransformInput = z.object({
  /** `*` for every model, or dbt selectors separated by spaces: `m`, `+m`, `m+`. */
  selector: zName(2_000).default("*"),
});

export const ZTransformRunOutput = z.object({
  id: z.string(),
  selector: z.string(),
  trigger: z.enum(["manual", "schedule", "upstream", "stream"]),
  status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
  error: z.string().nullable(),
  queuedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  models: z.array(
    z.object({
      modelId: z.string(),
      model: z.string(),
      status: z.enum(["queued", "running", "succeeded", "failed", "blocked", "skipped", "cancelled"]),
      rows: z.number().nullable(),
      incremental: z.boolean(),
      error: z.string().nullable(),
      reason: z.string().nullable(),
      durationMs: z.number().nullable(),
      /** Warehouse query ids of the build and its checks (Snowflake); empty elsewhere. */
      queryIds: z.array(z.string()),
    }),
  ),
});
export type TTransformRunOutput = z.output<typeof ZTransformRunOutput>;

const runInclude = { modelRuns: { include: { model: { select: { name: true } } }, orderBy: { startedAt: "asc" as const } } };
type TRunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;
const findRun = (id: string) => db().transformRun.findUnique({ where: { id }, include: runInclude });

function toRunOutput(run: TRunRow): TTransformRunOutput {
  return {
    ...run,
    models: run.modelRuns.map((m) => ({
      modelId: m.modelId,
      model: m.model.name,
      status: m.status,
      rows: m.rows === null ? null : Number(m.rows),
      incremental: m.incremental,
      error: m.error,
      reason: m.reason,
      durationMs: m.durationMs,
      queryIds: m.queryIds,
    })),
  };
}

export async function getTransformRun(id: string): Promise<TTransformRunOutput> {
  const run = await findRun(id);
  if (!run) throw new AppError("NOT_FOUND", "No transform run with that id.");
  return toRunOutput(run);
}

export async function startTransformRun(
  selector: string,
  trigger: "manual" | "schedule" | "upstream",
  actor: TAuditActor,
  requestId?: string,
  upstreamRunId?: string,
): Promise<TTransformRunOutput> {
  const run = await db().$transaction(async (tx) => {
    const created = await tx.transformRun.create({ data: { selector, trigger, triggeredById: actor.id, upstreamRunId } });
    await writeAudit(tx, {
      actor,
      action: "transform.start",
      targetType: "transform_run",
      targetId: created.id,
      diff: { selector: { from: null, to: selector }, trigger: { from: null, to: trigger } },
      requestId,
    });
    return created;
  });
  await enqueueJob("transform.run", { transformRunId: run.id });
  return getTransformRun(run.id);
}

export const ZModelHistoryOutput = z.array(
  z.object({
    transformRunId: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed", "blocked", "skipped", "cancelled"]),
    rows: z.number().nullable(),
    incremental: z.boolean(),
    error: z.string().nullable(),
    reason: z.string().nullable(),
    compiledSql: z.string().nullable(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    durationMs: z.number().nullable(),
  }),
);

/** A model's latest runs, newest first. */
export async function modelHistory(modelId: string, take = 50): Promise<z.output<typeof ZModelHistoryOutput>> {
  const runs = await db().modelRun.findMany({ where: { modelId }, orderBy: { transformRun: { queuedAt: "desc" } }, take });
  return runs.map((r) => ({ ...r, rows: r.rows === null ? null : Number(r.rows) }));
}

/** The latest transform runs, newest first (one query). */
export async function listTransformRuns(take = 50): Promise<TTransformRunOutput[]> {
  return (await db().transformRun.findMany({ orderBy: { queuedAt: "desc" }, take, include: runInclude })).map(toRunOutput);
}
