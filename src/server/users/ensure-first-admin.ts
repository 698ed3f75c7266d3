/**
 * Makes sure Weir has an admin.
 * - With WEIR_ADMIN_EMAIL and WEIR_ADMIN_PASSWORD set, that user exists, is an
 *   active admin and has that password (this is also how to reset it; a
 *   changed password ends that admin's older sessions).
 * - Otherwise, when there is no admin yet (the embedded default), it creates
 *   admin@weir.local with a random password, returned once so the start
 *   command can print it.
 */
import { db } from "@/db/client";
import { writeAudit } from "@/db/write-audit";
import { generatePassword, hashPassword, verifyPassword } from "@/server/users/password";

export type TFirstAdmin = { email: string; password: string | null; created: boolean };

export const DEFAULT_ADMIN_EMAIL = "admin@weir.local";
const SYSTEM = { id: null, email: "system" } as const;

export async function ensureFirstAdmin(opts: { email?: string; password?: string }): Promise<TFirstAdmin> {
  if (opts.email && opts.password) return syncConfiguredAdmin(opts.email.toLowerCase(), opts.password);
  const existing = await db().user.findFirst({ where: { role: "admin", active: true }, select: { email: true } });
  if (existing) return { email: existing.email, password: null, created: false };
  const email = (opts.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const password = generatePassword();
  await syncConfiguredAdmin(email, password);
  return { email, password, created: true };
}

async function syncConfiguredAdmin(email: string, password: string): Promise<TFirstAdmin> {
  const user = await db().user.findUnique({ where: { email } });
  const upToDate = user?.role === "admin" && user.active && user.passwordHash && (await verifyPassword(password, user.passwordHash));
  if (upToDate) return { email, password: null, created: false };
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const saved = await tx.user.upsert({
      where: { email },
      create: { email, name: "Admin", role: "admin", passwordHash },
      // A changed password ends the sessions signed in with the old one, as a reset link does.
      update: { role: "admin", active: true, passwordHash, sessionsValidFrom: new Date() },
    });
    await writeAudit(tx, {
      actor: SYSTEM,
      action: user ? "user.reset_admin" : "user.bootstrap_admin",
      targetType: "user",
      targetId: saved.id,
      diff: user
        ? { password: { from: "[secret]", to: "[secret changed]" }, role: { from: user.role, to: "admin" } }
        : { email: { from: null, to: email }, role: { from: null, to: "admin" } },
    });
  });
  return { email, password: null, created: !user };
}
