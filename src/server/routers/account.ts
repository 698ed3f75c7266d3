/**
 * The public side of invitation and reset links: anyone holding a link may
 * see whose it is and set that password, once. Both are mutations so the
 * token travels in a request body, never in a URL that proxies log.
 */
import { z } from "zod";
import { procedure, router } from "@/server/trpc";
import { inspectPasswordLink, redeemPasswordLink, ZInspectLinkInput, ZLinkInfo, ZSetPasswordInput } from "@/server/users/password-links";

const anyone = procedure("public");

export const accountRouter = router({
  inspectPasswordLink: anyone
    .input(ZInspectLinkInput)
    .output(ZLinkInfo)
    .mutation(({ input }) => inspectPasswordLink(input.token)),
  setPassword: anyone
    .input(ZSetPasswordInput)
    .output(z.object({ email: z.string(), purpose: z.enum(["invite", "reset"]) }))
    .mutation(({ ctx, input }) => redeemPasswordLink(input, ctx.requestId)),
});
