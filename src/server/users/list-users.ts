/**
 * Lists users for the admin page, admins first, then by email.
 */
import { db } from "@/db/client";
import { USER_SELECT, type TUserOutput } from "@/server/users/user-contracts";

export async function listUsers(): Promise<TUserOutput[]> {
  return db().user.findMany({ select: USER_SELECT, orderBy: [{ role: "desc" }, { email: "asc" }] });
}
