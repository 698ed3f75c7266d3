/**
 * API tokens for machine clients: admins list, create and revoke them.
 */
import { z } from "zod";

import { ZCreateTokenInput, ZTokenOutput, createToken, listTokens, revokeToken } from "@/server/api-tokens/api-tokens";
import { authedProcedure, router } from "@/server/trpc";

const admin = authedProcedure("admin");

export const apiTokenRouter = router({
  list: admin
    .input(z.object({}).default({}))
    .output(z.array(ZTokenOutput))
    .query(() => listTokens()),
  /** The token itself is in the answer once, and never again. */
  create: admin
    .input(ZCreateTokenInput)
    .output(ZTokenOutput.extend({ token: z.string() }))
    .mutation(({ ctx, input }) => createToken(input, ctx.user, ctx.requestId)),
  revoke: admin
    .input(z.object({ id: z.string().uuid("is not a token id") }))
    .output(ZTokenOutput)
    .mutation(({ ctx, input }) => revokeToken(input.id, ctx.user, ctx.requestId)),
});
