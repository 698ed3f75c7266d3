/**
 * The signed-in user for server components and pages.
 */
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import type { TSessionUser } from "@/server/auth/session-user";
import { loadActiveUser } from "@/server/context";

export async function currentUser(): Promise<TSessionUser | null> {
  const session = await getServerSession(authOptions);
  return loadActiveUser(session?.user?.id, session?.user?.authAt);
}
