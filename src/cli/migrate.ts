/**
 * `npm run db:migrate` and `npm run db:migration:create -- <name>`: Weir's
 * offline stand-in for `prisma migrate deploy` / `prisma migrate dev
 * --create-only` (docs/migrations.md).
 *
 *   tsx src/cli/migrate.ts apply            apply pending migrations
 *   tsx src/cli/migrate.ts status           list applied and pending migrations
 *   tsx src/cli/migrate.ts create <name>    write a migration for schema.prisma changes
 *   tsx src/cli/migrate.ts check            exit 1 if schema.prisma has changes no migration holds
 *   tsx src/cli/migrate.ts resolve --rolled-back|--applied <migration>   after a failed migration
 *
 * apply and status use DATABASE_URL, or else the embedded PostgreSQL in the
 * state folder (started for the command, as `npm start` would). create and
 * check need no database: they start a throwaway one, or use --shadow-url.
 */
import path from "node:path";
import { redactUrl } from "@/db/database-url";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  listMigrationNames,
  pendingMigrations,
  resolveMigration,
  schemaDrift,
} from "@/db/migrations";
import { env, stateDir } from "@/lib/env";

const say = (line: string) => process.stdout.write(`${line}\n`);

const USAGE = `Usage: tsx src/cli/migrate.ts <command>
  apply                              apply pending migrations (DATABASE_URL, else the embedded PostgreSQL)
  status                             list applied and pending migrations
  create <name> [--shadow-url URL]   write prisma/migrations/<timestamp>_<name>/migration.sql
  check [--shadow-url URL]           fail if prisma/schema.prisma has changes no migration holds
  resolve --rolled-back <migration>  after undoing a failed migration's effects: the next apply retries it
  resolve --applied <migration>      after completing a failed migration by hand: it counts as applied`;

/** Runs `fn` against DATABASE_URL, or the state folder's embedded PostgreSQL for the duration. */
async function withTargetDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) {
    say(`Database: ${redactUrl(process.env.DATABASE_URL)}`);
    return fn(process.env.DATABASE_URL);
  }
  const dataDir = path.join(stateDir(), "pg");
  const pg = await startEmbeddedPostgres({ dataDir, port: env().WEIR_PG_PORT });
  say(`Database: embedded PostgreSQL (data in ${dataDir})`);
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}

function takeOption(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value) throw new Error(`${flag} needs a value.`);
  args.splice(i, 2);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const shadowServerUrl = takeOption(args, "--shadow-url");
  switch (command) {
    case "apply": {
      const { applied } = await withTargetDatabase((url) => applyMigrations(url));
      say(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const [all, pending] = await withTargetDatabase(async (url) => [await listMigrationNames(), await pendingMigrations(url)]);
      for (const name of all) say(`${pending.includes(name) ? "pending" : "applied"}  ${name}`);
      say(pending.length ? `${pending.length} of ${all.length} pending.` : `All ${all.length} applied.`);
      return 0;
    }
    case "create": {
      const name = args.join(" ").trim();
      if (!name) throw new Error(`A migration needs a name, e.g. \`npm run db:migration:create -- add connections\`.\n${USAGE}`);
      const created = await createMigration(name, { shadowServerUrl });
      if (!created) {
        say("prisma/schema.prisma matches the migrations: nothing to create.");
        return 0;
      }
      say(`Created ${path.relative(process.cwd(), created.dir)}/migration.sql. Review it, then run \`npm run db:migrate\`.`);
      return 0;
    }
    case "check": {
      const drift = await schemaDrift({ shadowServerUrl });
      if (!drift) {
        say(`${DEFAULT_MIGRATIONS_DIR} produce exactly prisma/schema.prisma.`);
        return 0;
      }
      say(`prisma/schema.prisma has changes that no migration holds; run \`npm run db:migration:create -- <name>\`:\n\n${drift}`);
      return 1;
    }
    case "resolve": {
      const rolledBack = takeOption(args, "--rolled-back");
      const applied = takeOption(args, "--applied");
      const name = rolledBack ?? applied;
      if (!name || (rolledBack && applied)) throw new Error(`Say which migration and how it was resolved.\n${USAGE}`);
      await withTargetDatabase((url) => resolveMigration(url, name, rolledBack ? "rolled-back" : "applied"));
      say(`Marked ${name} as ${rolledBack ? "rolled back" : "applied"}.`);
      return 0;
    }
    default:
      say(USAGE);
      return command ? 2 : 0;
  }
}

// Exit explicitly: embedded-postgres's exit hook turns a drained event loop into exit code 0.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${redactUrl(e instanceof Error ? e.message : String(e))}\n`);
    process.exit(1);
  },
);
