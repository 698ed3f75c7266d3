/**
 * Who am I: the signed-in user as the server sees them (role included).
 */
import { z } from "zod";
import { ZRole } from "@/server/roles";
import { authedProcedure, router } from "@/server/trpc";

export const meRouter = router({
  get: authedProcedure("signedIn")
    .output(z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: ZRole }))
    .query(({ ctx }) => ctx.user),
});
