/**
 * Which migrations exist and which are still to apply: the cheap part of the
 * migration tooling, kept apart from the schema engine so that GET
 * /api/health can import it without pulling the engine into the web bundle.
 */
import fsp from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "@/db/database-url";

const PROJECT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** Migration folder names in apply order (directories only; the lockfile and other files are ignored). */
export async function listMigrationNames(migrationsDir: string = PROJECT_MIGRATIONS_DIR): Promise<string[]> {
  const dir = path.resolve(/* turbopackIgnore: true */ migrationsDir);
  const entries = await fsp.readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Names of migration folders not (successfully) applied to the database, in
 * order. One query; a database without `_prisma_migrations` has everything pending.
 */
export async function pendingMigrations(databaseUrl: string, migrationsDir: string = PROJECT_MIGRATIONS_DIR): Promise<string[]> {
  const names = await listMigrationNames(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const res = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(res.rows.map((r) => r.migration_name));
    return names.filter((n) => !applied.has(n));
  } catch (e) {
    if ((e as { code?: string }).code === "42P01") return names; // undefined_table: nothing applied yet
    // eslint-disable-next-line preserve-caught-error -- the cause may hold the database URL with its password; the message is redacted
    throw new Error(`Could not read the migration history of ${redactUrl(databaseUrl)}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
