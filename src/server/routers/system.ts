/**
 * Platform status visible to every signed-in user: live workers and the jobs
 * they are running.
 */
import { z } from "zod";
import { listLiveWorkers } from "@/jobs/workers-status";
import { authedProcedure, router } from "@/server/trpc";

const ZWorker = z.object({
  id: z.string(),
  hostname: z.string(),
  pid: z.number(),
  startedAt: z.date(),
  lastSeenAt: z.date(),
  currentJobs: z.array(z.object({ id: z.string(), kind: z.string(), startedAt: z.string() })),
});

export const systemRouter = router({
  workers: authedProcedure("viewer")
    .output(z.array(ZWorker))
    .query(async () => {
      const rows = await listLiveWorkers();
      return rows.map((w) => ({
        id: w.id,
        hostname: w.hostname,
        pid: w.pid,
        startedAt: w.startedAt,
        lastSeenAt: w.lastSeenAt,
        currentJobs: z.array(z.object({ id: z.coerce.string(), kind: z.string(), startedAt: z.coerce.string() })).catch([]).parse(w.currentJobs),
      }));
    }),
});
