/**
 * Test set-up for server integration tests: a fresh migrated database, the
 * Prisma client pointed at it, and typed builders for users and callers.
 */
import { randomUUID } from "node:crypto";
import { disconnectDb, db } from "@/db/client";
import { applyMigrations } from "@/db/migrations";
import { createTestDatabase } from "@/db/test-database";
import type { TSessionUser } from "@/server/auth/session-user";
import { buildContext } from "@/server/context";
import type { TRole } from "@/server/roles";
import { createCaller } from "@/server/root";
import { hashPassword } from "@/server/users/password";

export async function setUpTestApp(): Promise<{ teardown: () => Promise<void> }> {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  await applyMigrations(database.url);
  return {
    teardown: async () => {
      await disconnectDb();
      await database.drop();
    },
  };
}

export async function buildUser(opts: { role?: TRole; email?: string; password?: string; active?: boolean } = {}): Promise<TSessionUser> {
  const user = await db().user.create({
    data: {
      email: opts.email ?? `${opts.role ?? "viewer"}-${randomUUID().slice(0, 8)}@example.com`,
      role: opts.role ?? "viewer",
      active: opts.active ?? true,
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function callerFor(user: TSessionUser | null) {
  return createCaller(buildContext(user));
}
