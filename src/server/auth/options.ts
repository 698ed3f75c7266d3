/**
 * next-auth configuration: email + password out of the box, OIDC when
 * OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set. Sessions are JWTs
 * holding only the user id and when they signed in; the role, the active flag
 * and whether a password reset ended the session are read from the database
 * per request (loadActiveUser).
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/db/client";
import { isAppError } from "@/lib/app-error";
import { logger } from "@/lib/logger";
import { authorizeCredentials } from "@/server/auth/authorize-credentials";
import { oidcProvider } from "@/server/auth/oidc-provider";

function requestIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = Array.isArray(fwd) ? fwd[0] : fwd;
  return first?.split(",")[0]?.trim() || "unknown";
}

const credentials = CredentialsProvider({
  id: "credentials",
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(creds, req) {
    try {
      const user = await authorizeCredentials(creds, requestIp(req?.headers));
      return { id: user.id, email: user.email, name: user.name };
    } catch (e) {
      // next-auth passes the message to the sign-in form; never a stack trace.
      // eslint-disable-next-line preserve-caught-error -- next-auth shows the message; the cause (a database error) stays in the log only
      if (isAppError(e)) throw new Error(e.message);
      logger.error({ err: e }, "sign-in error");
      // eslint-disable-next-line preserve-caught-error -- next-auth shows the message; the cause (a database error) stays in the log only
      throw new Error("Sign-in is unavailable right now. Try again shortly.");
    }
  },
});

export const authOptions: NextAuthOptions = {
  providers: [credentials, ...oidcProvider()],
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  logger: {
    error: (code, metadata) => logger.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next-auth error"),
    warn: (code) => logger.warn({ code }, "next-auth warning"),
    debug: () => undefined,
  },
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      // OIDC: the email must belong to an active Weir user, or one is provisioned as viewer.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const existing = await db().user.upsert({
        where: { email },
        create: { email, name: user.name ?? null, role: "viewer" },
        update: {},
      });
      return existing.active;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const row = await db().user.findUnique({ where: { email: (user.email ?? "").toLowerCase() }, select: { id: true } });
        token.uid = row?.id ?? user.id;
        token.authAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (session.user && typeof token.authAt === "number") session.user.authAt = token.authAt;
      return session;
    },
  },
};
