/**
 * Changes a user's role or deactivates/reactivates them. Refuses to leave
 * Weir without an active admin, and refuses to lock yourself out.
 */
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { diffFields, writeAudit, type TAuditActor } from "@/db/write-audit";
import type { TRole } from "@/server/roles";
import { USER_SELECT, type TUserOutput } from "@/server/users/user-contracts";

type TChange = { role?: TRole; active?: boolean };

async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  // Lock the active admins so two concurrent demotions cannot both pass.
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND active = true FOR UPDATE`;
  if (!admins.some((a) => a.id !== userId)) {
    throw new AppError("LAST_ADMIN", "This is the last active admin. Make another user admin first.");
  }
}

export async function updateUser(userId: string, change: TChange, actor: TAuditActor, requestId?: string): Promise<TUserOutput> {
  if (actor.id === userId && (change.active === false || (change.role && change.role !== "admin"))) {
    throw new AppError("FORBIDDEN", "You cannot demote or deactivate yourself. Ask another admin.");
  }
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    if (!before) throw new AppError("USER_NOT_FOUND", "No user with that id. Reload the list; it may have been removed.");
    const losesAdmin = before.role === "admin" && before.active && (change.active === false || (change.role !== undefined && change.role !== "admin"));
    if (losesAdmin) await assertAnotherAdminRemains(tx, userId);
    const after = await tx.user.update({ where: { id: userId }, data: change, select: USER_SELECT });
    const diff = diffFields({ role: before.role, active: before.active }, { role: after.role, active: after.active });
    if (Object.keys(diff).length > 0) {
      const action = change.active === undefined ? "user.update_role" : change.active ? "user.activate" : "user.deactivate";
      await writeAudit(tx, { actor, action, targetType: "user", targetId: userId, diff, requestId });
    }
    return after;
  });
}
