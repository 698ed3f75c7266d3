/**
 * Rate limit on sign-in attempts, per email and per client IP, stored in
 * PostgreSQL (rate-limiter-flexible's Prisma store) so that every web replica
 * shares the count. A successful sign-in clears the email's counter and
 * gives its attempt back to the IP's, so the IP limit counts failures: many
 * people signing in from behind one address (an office, a proxy) are not
 * locked out, while guessing from it still is.
 */
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { setting } from "@/lib/env";

const WINDOW_SECONDS = 15 * 60;

let limiter: RateLimiterPrisma | undefined;

function signinLimiter(): RateLimiterPrisma {
  limiter ??= new RateLimiterPrisma({
    storeClient: db(),
    tableName: "rateLimit",
    keyPrefix: "signin",
    points: setting("WEIR_SIGNIN_ATTEMPTS"),
    duration: WINDOW_SECONDS,
  });
  return limiter;
}

/** Counts one attempt for the email and the IP; throws RATE_LIMITED past the limit. */
export async function consumeSigninAttempt(email: string, ip: string): Promise<void> {
  try {
    await Promise.all([signinLimiter().consume(`email:${email}`), signinLimiter().consume(`ip:${ip}`)]);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const minutes = Math.max(1, Math.ceil(e.msBeforeNext / 60_000));
      throw new AppError("RATE_LIMITED", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    throw e;
  }
}

export async function clearSigninAttempts(email: string, ip: string): Promise<void> {
  await Promise.all([signinLimiter().delete(`email:${email}`), signinLimiter().reward(`ip:${ip}`, 1)]);
}
