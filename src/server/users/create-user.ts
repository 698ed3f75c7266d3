/**
 * Creates a user (or invites one with a temporary password) and audits it.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/server/audit/write-audit";
import { generatePassword, hashPassword } from "@/server/users/password";
import { USER_SELECT, type TCreateUserInput, type TUserOutput } from "@/server/users/user-contracts";

export async function createUser(
  input: TCreateUserInput,
  actor: TAuditActor,
  requestId?: string,
): Promise<{ user: TUserOutput; temporaryPassword: string | null }> {
  const temporaryPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name || null,
          role: input.role,
          passwordHash,
          createdById: actor.id,
        },
        select: USER_SELECT,
      });
      await writeAudit(tx, {
        actor,
        action: "user.create",
        targetType: "user",
        targetId: created.id,
        diff: {
          email: { from: null, to: created.email },
          role: { from: null, to: created.role },
          ...(created.name ? { name: { from: null, to: created.name } } : {}),
        },
        requestId,
      });
      return created;
    });
    return { user, temporaryPassword };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("USER_EXISTS", `A user with the email ${input.email} already exists.`);
    }
    throw e;
  }
}
