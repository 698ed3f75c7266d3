/**
 * Lists users for the admin page, admins first, then by email, each with
 * whether they have set a password and their open invitation or reset link.
 */
import { db } from "@/db/client";
import { USER_SELECT, type TUserListItem } from "@/server/users/user-contracts";

export async function listUsers(): Promise<TUserListItem[]> {
  const rows = await db().user.findMany({
    select: {
      ...USER_SELECT,
      passwordHash: true,
      passwordLinks: { where: { usedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { purpose: true, expiresAt: true } },
    },
    orderBy: [{ role: "desc" }, { email: "asc" }],
  });
  const now = Date.now();
  return rows.map(({ passwordHash, passwordLinks, ...user }) => {
    const link = passwordLinks[0];
    return {
      ...user,
      passwordSet: passwordHash !== null,
      openLink: link ? { purpose: link.purpose, expiresAt: link.expiresAt, expired: link.expiresAt.getTime() <= now } : null,
    };
  });
}
