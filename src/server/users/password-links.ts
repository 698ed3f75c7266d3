/**
 * Single-use links that let a person set their password: an invitation (the
 * account has no password yet) or a reset an admin started. The token is 32
 * random bytes (256 bits, so guessing is hopeless without a rate limit); only
 * its SHA-256 is stored. A link works once, until it expires, and only while
 * it is the user's newest: issuing a new one revokes the unused ones.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { hashPassword, ZPassword } from "@/server/users/password";

export type TLinkPurpose = "invite" | "reset";

/** How long a link works: an invitation a week, a reset a day. */
export const LINK_LIFETIME_MS: Record<TLinkPurpose, number> = { invite: 7 * 24 * 3600_000, reset: 24 * 3600_000 };

/** The page a link opens; the token is in the fragment, which browsers never send to a server or in a Referer. */
export const SET_PASSWORD_PATH = "/set-password";

export const ZLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a complete link: copy the whole address the admin gave you");
export const ZInspectLinkInput = z.object({ token: ZLinkToken });
export const ZSetPasswordInput = z.object({ token: ZLinkToken, password: ZPassword });
export const ZLinkInfo = z.object({ purpose: z.enum(["invite", "reset"]), email: z.string(), expiresAt: z.date() });
export type TLinkInfo = z.infer<typeof ZLinkInfo>;

/** A newly issued link: the token is in this answer once and never again. */
export const ZIssuedLink = z.object({ purpose: z.enum(["invite", "reset"]), token: z.string(), path: z.string(), expiresAt: z.date() });
export type TIssuedLink = z.infer<typeof ZIssuedLink>;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a link inside the caller's transaction (so it commits with the user it belongs to) and revokes the user's unused ones. */
export async function issuePasswordLink(tx: Prisma.TransactionClient, userId: string, purpose: TLinkPurpose, actor: TAuditActor): Promise<TIssuedLink> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await tx.passwordLink.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const link = await tx.passwordLink.create({
    data: { userId, purpose, tokenHash: hashOf(token), createdById: actor.id, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[purpose]) },
  });
  return { purpose, token, path: `${SET_PASSWORD_PATH}#${token}`, expiresAt: link.expiresAt };
}

type TLinkRow = Prisma.PasswordLinkGetPayload<{ include: { user: { select: { id: true; email: true; active: true; passwordHash: true } } } }>;

/** Why a link cannot be used, as a person should read it; null when it can. */
function unusableReason(link: TLinkRow, now: Date): string | null {
  const what = link.purpose === "invite" ? "invitation" : "password reset link";
  const ask = "Ask an admin for a new one.";
  if (link.usedAt)
    return `This ${what} was already used on ${link.usedAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Sign in with the password set then, or ask an admin for a new link.`;
  if (link.revokedAt) return `This ${what} was replaced by a newer one. Use the newest link you were given, or ask an admin for a new one.`;
  if (link.expiresAt <= now) return `This ${what} expired on ${link.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC. ${ask}`;
  if (!link.user.active) return `This account is deactivated, so the ${what} no longer works. ${ask}`;
  return null;
}

async function findLink(client: Pick<Prisma.TransactionClient, "passwordLink">, token: string): Promise<TLinkRow> {
  const link = await client.passwordLink.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { id: true, email: true, active: true, passwordHash: true } } },
  });
  if (!link)
    throw new AppError("NOT_FOUND", "This link is not valid. Check that you copied the whole address, or ask an admin for a new one.", { field: "token" });
  return link;
}

/** What the set-password page shows before the person chooses a password. */
export async function inspectPasswordLink(token: string): Promise<TLinkInfo> {
  const link = await findLink(db(), token);
  const reason = unusableReason(link, new Date());
  if (reason) throw new AppError("LINK_UNUSABLE", reason);
  return { purpose: link.purpose, email: link.user.email, expiresAt: link.expiresAt };
}

/**
 * Sets the password a link allows, once: the link is claimed with a
 * conditional update, so two requests racing with one link cannot both
 * succeed. A reset also ends every session that signed in before it.
 */
export async function redeemPasswordLink(input: z.infer<typeof ZSetPasswordInput>, requestId?: string): Promise<{ email: string; purpose: TLinkPurpose }> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const link = await findLink(tx, input.token);
    const now = new Date();
    const reason = unusableReason(link, now);
    if (reason) throw new AppError("LINK_UNUSABLE", reason);
    const claimed = await tx.passwordLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError("LINK_UNUSABLE", "This link was just used. Sign in, or ask an admin for a new link.");
    await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, ...(link.purpose === "reset" ? { sessionsValidFrom: now } : {}) },
    });
    await writeAudit(tx, {
      actor: { id: link.user.id, email: link.user.email },
      action: link.purpose === "invite" ? "user.accept_invitation" : "user.reset_password",
      targetType: "user",
      targetId: link.userId,
      diff: { password: { from: link.user.passwordHash ? "[secret]" : null, to: "[secret changed]" } },
      requestId,
    });
    return { email: link.user.email, purpose: link.purpose };
  });
}
