// Weir's session carries the user id; the role is read per request.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** authAt: when this session signed in (ms since epoch); sessions older than a password reset are refused. */
    user?: { id: string; email?: string | null; name?: string | null; authAt?: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** When the person signed in (ms since epoch); kept as the token is refreshed. */
    authAt?: number;
  }
}
