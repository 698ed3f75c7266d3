/**
 * The signed-in user for server components and pages.
 */
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { loadActiveUser, type TSessionUser } from "@/server/context";

export async function currentUser(): Promise<TSessionUser | null> {
  const session = await getServerSession(authOptions);
  return loadActiveUser(session?.user?.id, session?.user?.authAt);
}
