/**
 * Serves Weir's real route handlers (the tRPC endpoint, /api/metrics, …) over
 * plain HTTP on loopback for integration tests, with real next-auth session
 * cookies: requests go through the same handler, context, session decoding
 * and error formatting as in Next, just without Next's router in front.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpLink } from "@trpc/client";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import type { TSessionUser } from "@/server/auth/session-user";
import type { AppRouter } from "@/server/root";

type THandler = (req: Request) => Promise<Response>;

export type THttpApp = { url: string; close: () => Promise<void> };

/** Routes by path prefix, e.g. { "/api/trpc/": trpcRoute.POST, "/api/metrics": metrics.GET }. */
export async function serveRoutes(routes: Record<string, { GET?: THandler; POST?: THandler }>): Promise<THttpApp> {
  const server = http.createServer(async (req, res) => {
    const url = `http://${req.headers.host}${req.url}`;
    const route = Object.entries(routes).find(([prefix]) => req.url!.startsWith(prefix))?.[1];
    const handler = req.method === "POST" ? route?.POST : route?.GET;
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const response = await handler(new Request(url, { method: req.method, headers, body: chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The secret sessions are signed with in tests (next-auth reads NEXTAUTH_SECRET). */
export function ensureSessionSecret(): void {
  process.env.NEXTAUTH_SECRET ??= "weir-test-session-secret-0123456789";
}

/** A next-auth session cookie for `user`, as sign-in sets it; `authAt` is when that sign-in happened. */
export async function sessionCookie(user: Pick<TSessionUser, "id" | "email">, authAt = Date.now()): Promise<string> {
  ensureSessionSecret();
  const token = await encode({ token: { sub: user.id, email: user.email, uid: user.id, authAt }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

/** A typed tRPC client over HTTP, as the browser's (superjson, one request per call), with an optional session cookie. */
export function trpcOverHttp(app: THttpApp, cookie?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${app.url}/api/trpc`, transformer: superjson, headers: () => (cookie ? { cookie } : {}) })],
  });
}
