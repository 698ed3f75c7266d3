/**
 * Platform status visible to every signed-in user: live workers and the jobs
 * they are running; engineers can put a short test job on the queue.
 */
import { z } from "zod";
import { listLiveWorkers, ZCurrentJob } from "@/jobs/workers-status";
import { enqueueTestJob } from "@/server/system/enqueue-test-job";
import { authedProcedure, router } from "@/server/trpc";

const ZWorker = z.object({
  id: z.string(),
  hostname: z.string(),
  pid: z.number(),
  startedAt: z.date(),
  lastSeenAt: z.date(),
  currentJobs: z.array(ZCurrentJob),
});

export const systemRouter = router({
  workers: authedProcedure("viewer")
    .output(z.array(ZWorker))
    .query(async () =>
      (await listLiveWorkers()).map(({ id, hostname, pid, startedAt, lastSeenAt, currentJobs }) => ({
        id,
        hostname,
        pid,
        startedAt,
        lastSeenAt,
        currentJobs,
      })),
    ),
  enqueueTestJob: authedProcedure("engineer")
    .input(z.object({ seconds: z.number().int().min(1, "at least 1 second").max(300, "at most 300 seconds") }))
    .output(z.object({ jobId: z.string() }))
    .mutation(({ ctx, input }) => enqueueTestJob(input.seconds, ctx.user, ctx.requestId)),
});
