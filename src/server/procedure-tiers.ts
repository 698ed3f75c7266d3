/**
 * Reads the tier every procedure of a router declares. The role matrix test
 * uses it to call each procedure as every role and to fail on any procedure
 * that does not declare one.
 */
import type { AnyRouter } from "@trpc/server";
import { TIERS, type TTier } from "@/server/roles";

export type TProcedureInfo = { path: string; type: "query" | "mutation" | "subscription"; tier: TTier | null };

export function listProcedures(router: AnyRouter): TProcedureInfo[] {
  const procedures = router._def.procedures as Record<string, { _def: { type: TProcedureInfo["type"]; meta?: { tier?: unknown } } }>;
  return Object.entries(procedures).map(([path, p]) => {
    const tier = p._def.meta?.tier;
    return { path, type: p._def.type, tier: TIERS.includes(tier as TTier) ? (tier as TTier) : null };
  });
}

export function findUntieredProcedures(router: AnyRouter): string[] {
  return listProcedures(router)
    .filter((p) => p.tier === null)
    .map((p) => p.path);
}
