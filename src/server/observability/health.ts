/**
 * The health report behind GET /api/health: database reachable, migrations
 * current, workers alive.
 */
import { db } from "@/db/client";
import { pendingMigrations } from "@/db/migration-status";
import { listLiveWorkers } from "@/jobs/workers-status";

export type THealthReport = {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; error?: string };
  migrations: { ok: boolean; pending: string[] };
  workers: { ok: boolean; alive: number };
};

export async function healthReport(): Promise<THealthReport> {
  const database = await db().$queryRaw`SELECT 1`
    .then(() => ({ ok: true as const }))
    .catch(() => ({ ok: false as const, error: "The metadata database does not answer." }));
  if (!database.ok) {
    return { status: "down", database, migrations: { ok: false, pending: [] }, workers: { ok: false, alive: 0 } };
  }
  const [pending, workers] = await Promise.all([pendingMigrations(process.env.DATABASE_URL!), listLiveWorkers()]);
  const migrationsOk = pending.length === 0;
  const status = !migrationsOk ? "down" : workers.length === 0 ? "degraded" : "ok";
  return {
    status,
    database,
    migrations: { ok: migrationsOk, pending },
    workers: { ok: workers.length > 0, alive: workers.length },
  };
}
