/**
 * The role matrix: every tRPC procedure is called as anonymous, viewer,
 * analyst, engineer and admin against a real database; the outcome must match
 * the tier it declares. A procedure without a declared tier fails here.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/test-database";
import { applyMigrations } from "@/db/migrations";
import { disconnectDb } from "@/db/client";
import { findUntieredProcedures, listProcedures } from "@/server/procedure-tiers";
import { ROLES, satisfiesTier, type TRole } from "@/server/roles";

let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  process.env.DATABASE_URL = database.url;
  await applyMigrations(database.url);
});

afterAll(async () => {
  await disconnectDb();
  await drop();
});

async function callAs(role: TRole | null, path: string): Promise<string> {
  const { createCaller } = await import("@/server/root");
  const { buildContext } = await import("@/server/context");
  const user = role ? { id: "00000000-0000-4000-8000-000000000001", email: `${role}@example.com`, name: null, role } : null;
  const caller = createCaller(buildContext(user)) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await fn(undefined);
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : `THREW ${String(e)}`;
  }
}

describe("role matrix", () => {
  it("every procedure declares a tier", async () => {
    const { appRouter } = await import("@/server/root");
    expect(findUntieredProcedures(appRouter)).toEqual([]);
    expect(listProcedures(appRouter).length).toBeGreaterThan(5);
  });

  it("a procedure built without a tier is caught", () => {
    const t = initTRPC.create();
    const rogue = t.router({ sneaky: t.procedure.query(() => 1) });
    expect(findUntieredProcedures(rogue)).toEqual(["sneaky"]);
  });

  it("each role gets exactly what each tier allows", async () => {
    const { appRouter } = await import("@/server/root");
    const mismatches: string[] = [];
    for (const proc of listProcedures(appRouter)) {
      for (const role of [null, ...ROLES] as const) {
        const outcome = await callAs(role, proc.path);
        const allowed = satisfiesTier(role ?? undefined, proc.tier!);
        // Allowed: it runs (OK), or it gets past the tier and rejects the missing input (BAD_REQUEST).
        const expected = allowed ? "OK or BAD_REQUEST" : role ? "FORBIDDEN" : "UNAUTHORIZED";
        const ok = allowed ? outcome === "OK" || outcome === "BAD_REQUEST" : outcome === expected;
        if (!ok) mismatches.push(`${proc.path} as ${role ?? "anonymous"} (tier ${proc.tier}): got ${outcome}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
