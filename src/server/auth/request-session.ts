/**
 * The next-auth session of a Request, read from the request's own cookies
 * rather than from Next's request scope (next/headers), so route handlers and
 * the tRPC endpoint behave the same inside Next and when a test serves them
 * over plain HTTP. Returns the session as next-auth decodes it (user id and
 * sign-in time), or null.
 */
import { getServerSession, type Session } from "next-auth";
import { authOptions } from "@/server/auth/options";

function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

// Refreshed session cookies are not written back from here (as in server components): the session stays valid for its 12 h.
const NO_RESPONSE = { getHeader: () => undefined, setCookie: () => undefined, setHeader: () => undefined };

export async function readRequestSession(req: Request): Promise<Session | null> {
  const cookies = parseCookies(req.headers.get("cookie"));
  if (Object.keys(cookies).length === 0) return null;
  const reqLike = { headers: Object.fromEntries(req.headers), cookies };
  // The (req, res, options) form of getServerSession takes a plain request object.
  return getServerSession(reqLike as never, NO_RESPONSE as never, authOptions);
}
