/**
 * The wrapper every plain API route handler goes through: it names the tier
 * the route needs, enforces it, refuses a JSON body nested deeper than the
 * input rules allow, gives the handler a request id and logger, and turns
 * errors into JSON with a readable message (never a stack trace).
 */
import { randomUUID } from "node:crypto";
import { isAppError } from "@/lib/app-error";
import { childLogger, type Logger } from "@/lib/logger";
import { scrubSecrets } from "@/lib/secret-scrub";
import { type TTokenScope, verifyBearer } from "@/server/api-tokens/api-tokens";
import { refuseDeepBody } from "@/server/api/json-depth-edge";
import { readRequestSession } from "@/server/auth/request-session";
import type { TSessionUser } from "@/server/auth/session-user";
import { loadActiveUser } from "@/server/context";
import { satisfiesTier, type TTier } from "@/server/roles";

export type TApiContext = {
  user: TSessionUser | null;
  /** The API token the request came with, when the route takes tokens and one was sent (then `user` is null). */
  token?: { name: string; namespaces: string[] };
  requestId: string;
  log: Logger;
};
type THandler = (req: Request, ctx: TApiContext) => Promise<Response>;

/** Every route handler is declared with the tier it needs. */
export type TApiRoute = ((req: Request) => Promise<Response>) & { tier: TTier };

/**
 * A route handler that needs `tier`. With `tokenScope`, a request may
 * instead carry an API token with that scope (Authorization: Bearer), as
 * machine clients do; a bad token is a 401, a token without the scope a 403.
 */
export function apiRoute(tier: TTier, handler: THandler, options: { tokenScope?: TTokenScope } = {}): TApiRoute {
  const wrapped = async (req: Request): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const log = childLogger({ requestId });
    try {
      const authorization = req.headers.get("authorization");
      if (options.tokenScope && authorization) {
        const token = await verifyBearer(authorization, options.tokenScope);
        if (!token.ok) return Response.json({ error: token.error }, { status: token.status, headers: { "x-request-id": requestId } });
        const res =
          (await refuseDeepBody(req)) ??
          (await handler(req, { user: null, token: { name: token.name, namespaces: token.namespaces }, requestId, log: log.child({ token: token.name }) }));
        res.headers.set("x-request-id", requestId);
        return res;
      }
      const session = tier === "public" ? null : await readRequestSession(req);
      const user = session ? await loadActiveUser(session.user?.id, session.user?.authAt) : null;
      if (!satisfiesTier(user?.role, tier)) {
        const status = user ? 403 : 401;
        const error = user
          ? `This needs the ${tier} role.`
          : options.tokenScope
            ? `Sign in${tier === "signedIn" ? "" : ` as ${/^[aeiou]/.test(tier) ? "an" : "a"} ${tier}`}, or send an API token with the ${options.tokenScope} scope: Authorization: Bearer weir_… (admins create tokens under Admin → API tokens).`
            : "Sign in to do this.";
        const headers: Record<string, string> = {
          "x-request-id": requestId,
          ...(status === 401 && options.tokenScope ? { "www-authenticate": `Bearer scope="${options.tokenScope}"` } : {}),
        };
        return Response.json({ error }, { status, headers });
      }
      const res = (await refuseDeepBody(req)) ?? (await handler(req, { user, requestId, log }));
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      if (isAppError(e)) return Response.json({ error: scrubSecrets(e.message), code: e.code }, { status: e.httpStatus });
      log.error({ err: e, url: req.url }, "route failed");
      return Response.json({ error: "Something went wrong on the server. It has been logged.", requestId }, { status: 500 });
    }
  };
  return Object.assign(wrapped, { tier });
}
