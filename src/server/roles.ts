/**
 * Roles and tiers. A role includes every role below it: admin ⊃ engineer ⊃
 * analyst ⊃ viewer. A tier is what a procedure or route needs: anyone
 * ("public"), any signed-in user ("signedIn"), or at least a role.
 */
import { z } from "zod";

export const ROLES = ["viewer", "analyst", "engineer", "admin"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const TIERS = ["public", "signedIn", ...ROLES] as const;
export type TTier = (typeof TIERS)[number];

export function roleRank(role: TRole): number {
  return ROLES.indexOf(role);
}

/** Whether a caller with `role` (undefined = anonymous) satisfies `tier`. */
export function satisfiesTier(role: TRole | undefined, tier: TTier): boolean {
  if (tier === "public") return true;
  if (!role) return false;
  if (tier === "signedIn") return true;
  return roleRank(role) >= roleRank(tier);
}
