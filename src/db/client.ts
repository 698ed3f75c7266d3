/**
 * The Prisma client singleton over node-postgres (@prisma/adapter-pg). The
 * database URL is resolved at start-up (embedded or DATABASE_URL) and put into
 * process.env.DATABASE_URL before the first query.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { setting } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { weirPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Weir with `npm start`, which provides it.");
  const adapter = new PrismaPg({ connectionString: url, max: setting("WEIR_DB_POOL") });
  return new PrismaClient({ adapter });
}

/** The shared client; created lazily so importing this module never connects. */
export function db(): PrismaClient {
  globalForPrisma.weirPrisma ??= createClient();
  return globalForPrisma.weirPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.weirPrisma?.$disconnect();
  globalForPrisma.weirPrisma = undefined;
}

export type { PrismaClient };
