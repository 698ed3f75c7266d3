/**
 * Job kinds of the transformation engine.
 */
import { z } from "zod";
import { defineJob } from "@/jobs/define-job";

export const transformRun = defineJob({
  kind: "transform.run",
  description: "Builds the models a transform run selects, in dependency order, gating each on the quality checks of what it reads.",
  payload: z.object({ transformRunId: z.string().uuid() }),
  // A model build is one transaction: a retry rebuilds cleanly; SQL errors are not retried.
  maxAttempts: 3,
  queueName: "transform",
});
