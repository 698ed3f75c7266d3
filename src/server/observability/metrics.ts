/**
 * Prometheus metrics (prom-client): process defaults plus Weir gauges that are
 * read from the database when scraped, so every web replica reports the same.
 */
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { db } from "@/db/client";
import { listLiveWorkers } from "@/jobs/workers-status";
import { registerStreamMetrics } from "@/server/observability/stream-metrics";

const globalForMetrics = globalThis as unknown as { weirRegistry?: Registry };

function buildRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "weir-web" });
  collectDefaultMetrics({ register: registry, prefix: "weir_" });
  new Gauge({
    name: "weir_workers_alive",
    help: "Worker processes with a recent heartbeat.",
    registers: [registry],
    async collect() {
      this.set((await listLiveWorkers()).length);
    },
  });
  new Gauge({
    name: "weir_users",
    help: "Users by role and state.",
    labelNames: ["role", "active"],
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await db().user.groupBy({ by: ["role", "active"], _count: { _all: true } });
      for (const g of groups) this.set({ role: g.role, active: String(g.active) }, g._count._all);
    },
  });
  new Gauge({
    name: "weir_queue_jobs",
    help: "Jobs in the queue by state (waiting, running, failed = out of attempts).",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().$queryRaw<{ state: string; n: bigint }[]>`
        SELECT CASE WHEN locked_at IS NOT NULL THEN 'running'
                    WHEN attempts >= max_attempts THEN 'failed' ELSE 'waiting' END AS state,
               count(*) AS n
        FROM graphile_worker.jobs GROUP BY 1`.catch(() => []);
      for (const r of rows) this.set({ state: r.state }, Number(r.n));
    },
  });
  registerStreamMetrics(registry);
  return registry;
}

export function metricsRegistry(): Registry {
  globalForMetrics.weirRegistry ??= buildRegistry();
  return globalForMetrics.weirRegistry;
}
