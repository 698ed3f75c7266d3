/**
 * Handler of `transform.run`: builds the selected models (engine/transform/run-transform.ts).
 */
import { runTransform } from "@/engine/transform/run-transform";
import type { TJobHandler } from "../job-context";

export const handleTransformRun: TJobHandler<"transform.run"> = async (payload, ctx) => {
  await runTransform({ transformRunId: payload.transformRunId, log: ctx.log.child({ transformRunId: payload.transformRunId }), signal: ctx.signal });
};
