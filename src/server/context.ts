/**
 * The per-request context of tRPC procedures and API routes: who is calling
 * (re-read from the database on every request, so a role change, a
 * deactivation or a password reset takes effect at once), a request id for
 * logs, the client IP.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { childLogger, type Logger } from "@/lib/logger";
import { readRequestSession } from "@/server/auth/request-session";
import type { TSessionUser } from "@/server/auth/session-user";

export type TContext = {
  user: TSessionUser | null;
  requestId: string;
  ip: string;
  log: Logger;
};

/**
 * The session's user if they are still active and the session is newer than
 * their last password reset (`authAt`: when it signed in, ms since epoch; a
 * session without it predates this check and counts as oldest).
 */
export async function loadActiveUser(userId: string | undefined, authAt?: number): Promise<TSessionUser | null> {
  if (!userId) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionsValidFrom: true },
  });
  if (!user || !user.active) return null;
  if (user.sessionsValidFrom && (authAt ?? 0) < user.sessionsValidFrom.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function clientIp(headers: Headers): string {
  const fwd = headers.get("x-forwarded-for");
  return (fwd ? fwd.split(",")[0]?.trim() : headers.get("x-real-ip")) || "unknown";
}

export async function createContext(req: Request): Promise<TContext> {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  const session = await readRequestSession(req);
  const user = await loadActiveUser(session?.user?.id, session?.user?.authAt);
  return {
    user,
    requestId,
    ip: clientIp(req.headers),
    log: childLogger({ requestId, ...(user ? { userId: user.id } : {}) }),
  };
}

/** A context for server-side callers and tests. */
export function buildContext(user: TSessionUser | null, requestId: string = randomUUID()): TContext {
  return { user, requestId, ip: "internal", log: childLogger({ requestId }) };
}
