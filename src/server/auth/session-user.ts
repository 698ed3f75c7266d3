/**
 * Who a signed-in caller is, as every request sees them. Its own module so sign-in
 * (authorize-credentials.ts) and the request context (context.ts) can both name it
 * without importing each other.
 */
import type { TRole } from "@/server/roles";

export type TSessionUser = { id: string; email: string; name: string | null; role: TRole };
