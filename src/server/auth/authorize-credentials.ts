/**
 * Checks an email and password for the credentials provider. Always answers
 * the same vague message for an unknown email, a wrong password or an
 * inactive user, so sign-in cannot be used to discover accounts.
 */
import { z } from "zod";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { logger } from "@/lib/logger";
import { clearSigninAttempts, consumeSigninAttempt } from "@/server/auth/signin-limiter";
import type { TSessionUser } from "@/server/auth/session-user";
import { verifyPassword } from "@/server/users/password";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

export const BAD_CREDENTIALS = "Wrong email or password.";

export async function authorizeCredentials(raw: unknown, ip: string): Promise<TSessionUser> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_INPUT", "Enter your email address and password.");
  const { email, password } = parsed.data;
  await consumeSigninAttempt(email, ip);
  const user = await db().user.findUnique({ where: { email } });
  const ok = !!user?.passwordHash && user.active && (await verifyPassword(password, user.passwordHash));
  if (!user || !ok) {
    logger.info({ email, ip, event: "signin.failed" }, "sign-in failed");
    throw new AppError("UNAUTHENTICATED", BAD_CREDENTIALS);
  }
  await clearSigninAttempts(email, ip);
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  logger.info({ userId: user.id, event: "signin.ok" }, "signed in");
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
