/**
 * An admin's "Reset password" (the user has a password) or "New invitation
 * link" (they never set one): a fresh single-use link that replaces any
 * earlier unused one, shown once and e-mailed when SMTP is configured. The
 * current password keeps working until the link is used.
 */
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { mailPasswordLink } from "@/server/users/password-link-mail";
import { issuePasswordLink } from "@/server/users/password-links";
import type { TIssuedLinkOutput } from "@/server/users/user-contracts";

export async function issueLinkForUser(userId: string, actor: TAuditActor, requestId?: string): Promise<TIssuedLinkOutput> {
  const { email, link } = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true, passwordHash: true } });
    if (!user) throw new AppError("USER_NOT_FOUND", "No user with that id. Reload the list; it may have been removed.");
    if (!user.active) throw new AppError("FORBIDDEN", `${user.email} is deactivated. Reactivate them first, then issue a link.`);
    const purpose = user.passwordHash ? "reset" : "invite";
    const link = await issuePasswordLink(tx, user.id, purpose, actor);
    await writeAudit(tx, {
      actor,
      action: purpose === "reset" ? "user.issue_reset_link" : "user.reissue_invitation",
      targetType: "user",
      targetId: user.id,
      diff: { linkExpiresAt: { from: null, to: link.expiresAt.toISOString() } },
      requestId,
    });
    return { email: user.email, link };
  });
  return { link, mail: await mailPasswordLink(email, link, actor.email) };
}
