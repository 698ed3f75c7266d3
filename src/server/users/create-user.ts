/**
 * Creates a user with a password, or invites one: no password, and a
 * single-use link to set it, issued in the same transaction and e-mailed when
 * SMTP is configured. Audited either way.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { hashPassword } from "@/server/users/password";
import { mailPasswordLink } from "@/server/users/password-link-mail";
import { issuePasswordLink } from "@/server/users/password-links";
import { USER_SELECT, type TCreateUserInput, type TIssuedLinkOutput, type TUserOutput } from "@/server/users/user-contracts";

export async function createUser(
  input: TCreateUserInput,
  actor: TAuditActor,
  requestId?: string,
): Promise<{ user: TUserOutput; invitation: TIssuedLinkOutput | null }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    const { user, link } = await db().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: input.email, name: input.name || null, role: input.role, passwordHash, createdById: actor.id },
        select: USER_SELECT,
      });
      const link = passwordHash ? null : await issuePasswordLink(tx, created.id, "invite", actor);
      await writeAudit(tx, {
        actor,
        action: link ? "user.invite" : "user.create",
        targetType: "user",
        targetId: created.id,
        diff: {
          email: { from: null, to: created.email },
          role: { from: null, to: created.role },
          ...(created.name ? { name: { from: null, to: created.name } } : {}),
          ...(link ? { invitationExpiresAt: { from: null, to: link.expiresAt.toISOString() } } : {}),
        },
        requestId,
      });
      return { user: created, link };
    });
    if (!link) return { user, invitation: null };
    return { user, invitation: { link, mail: await mailPasswordLink(user.email, link, actor.email) } };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("USER_EXISTS", `A user with the email ${input.email} already exists.`, { field: "email" });
    }
    throw e;
  }
}
