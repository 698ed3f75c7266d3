/**
 * Invitations and password resets through the tRPC endpoint over HTTP, with
 * real session cookies and a real PostgreSQL: an invited user cannot sign in
 * until the link sets a password; a link works once, until it expires, while
 * it is the newest; a reset ends older sessions; every refusal is a clear 4xx;
 * the token is stored nowhere; links are e-mailed through a real SMTP server.
 */
import { createHash, randomBytes } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as trpcRoute from "../../../app/api/trpc/[trpc]/route";
import { db } from "@/db/client";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { authorizeCredentials } from "@/server/auth/authorize-credentials";
import { serveRoutes, sessionCookie, trpcOverHttp, type THttpApp } from "@/server/testing/http-app";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";
import { ensureFirstAdmin } from "@/server/users/ensure-first-admin";
import type { TSessionUser } from "@/server/auth/session-user";

let teardown: () => Promise<void>;
let app: THttpApp;
let admin: TSessionUser;
let asAdmin: ReturnType<typeof trpcOverHttp>;
let anonymous: ReturnType<typeof trpcOverHttp>;

beforeAll(async () => {
  delete process.env.WEIR_SMTP_URL; // links are e-mailed only in the e-mail test
  ({ teardown } = await setUpTestApp());
  app = await serveRoutes({ "/api/trpc/": trpcRoute });
  admin = await buildUser({ role: "admin", email: "boss@example.com" });
  asAdmin = trpcOverHttp(app, await sessionCookie(admin));
  anonymous = trpcOverHttp(app);
});
afterAll(async () => {
  await app.close();
  await teardown();
});

type TRefusal = { code?: string; status?: number; message: string; field?: string };
async function refusal(call: Promise<unknown>): Promise<TRefusal> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCClientError) return { code: e.data?.code, status: e.data?.httpStatus, message: e.message, field: e.data?.field };
    throw e;
  }
  throw new Error("expected the call to be refused");
}
const tokenOf = (path: string) => path.split("#")[1]!;
const signIn = (email: string, password: string) =>
  authorizeCredentials({ email, password }, `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);

describe("invitations", () => {
  it("an invited user cannot sign in until the link sets a password, and the link works once", async () => {
    const { user, invitation } = await asAdmin.user.create.mutate({ email: "Ivy@Example.com", name: "Ivy", role: "analyst" });
    expect(invitation?.mail).toBeNull(); // no WEIR_SMTP_URL: the admin passes the link on
    const token = tokenOf(invitation!.link.path);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(invitation!.link.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);

    // Stored as a hash only: the token is in no row of the link table or the audit log.
    const stored = await db().passwordLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(
      JSON.stringify([await db().passwordLink.findMany(), await db().auditEvent.findMany()], (_k, v) => (typeof v === "bigint" ? String(v) : v)),
    ).not.toContain(token);

    await expect(signIn("ivy@example.com", "anything-at-all")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const listed = (await asAdmin.user.list.query()).find((u) => u.id === user.id)!;
    expect(listed).toMatchObject({ passwordSet: false, openLink: { purpose: "invite", expired: false } });

    await expect(anonymous.account.inspectPasswordLink.mutate({ token })).resolves.toMatchObject({ purpose: "invite", email: "ivy@example.com" });
    const short = await refusal(anonymous.account.setPassword.mutate({ token, password: "short" }));
    expect(short).toMatchObject({ code: "BAD_REQUEST", status: 400, field: "password" });
    expect(short.message).toMatch(/password: has at least 10 characters/);
    expect(await db().passwordLink.count({ where: { id: stored.id, usedAt: { not: null } } })).toBe(0); // a refused try does not spend the link

    await expect(anonymous.account.setPassword.mutate({ token, password: "ivy-chose-this-1" })).resolves.toEqual({
      email: "ivy@example.com",
      purpose: "invite",
    });
    await expect(signIn("ivy@example.com", "ivy-chose-this-1")).resolves.toMatchObject({ id: user.id, role: "analyst" });

    const again = await refusal(anonymous.account.setPassword.mutate({ token, password: "someone-else-1" }));
    expect(again).toMatchObject({ code: "PRECONDITION_FAILED", status: 412 });
    expect(again.message).toMatch(/^This invitation was already used on \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect((await refusal(anonymous.account.inspectPasswordLink.mutate({ token }))).message).toMatch(/already used/);
    await expect(signIn("ivy@example.com", "ivy-chose-this-1")).resolves.toMatchObject({ id: user.id });

    const audit = await db().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["user.invite", "boss@example.com"],
      ["user.accept_invitation", "ivy@example.com"],
    ]);
    expect(audit[1]!.diff).toEqual({ password: { from: null, to: "[secret changed]" } });
    expect((await asAdmin.user.list.query()).find((u) => u.id === user.id)).toMatchObject({ passwordSet: true, openLink: null });
  });

  it("two requests racing with one link: exactly one sets the password", async () => {
    const { invitation } = await asAdmin.user.create.mutate({ email: "race@example.com", role: "viewer" });
    const token = tokenOf(invitation!.link.path);
    const outcomes = await Promise.allSettled(
      ["race-password-a1", "race-password-b2"].map((password) => anonymous.account.setPassword.mutate({ token, password })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "user.accept_invitation", actorEmail: "race@example.com" } })).toBe(1);
  });

  it("expired, replaced, unknown, malformed and deactivated links get a clear 4xx, never a 500", async () => {
    const { user, invitation } = await asAdmin.user.create.mutate({ email: "late@example.com", role: "viewer" });
    const first = tokenOf(invitation!.link.path);
    await db().passwordLink.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const expired = await refusal(anonymous.account.setPassword.mutate({ token: first, password: "late-password-1" }));
    expect(expired).toMatchObject({ status: 412, message: expect.stringMatching(/^This invitation expired on .* UTC\. Ask an admin for a new one\.$/) });
    expect((await asAdmin.user.list.query()).find((u) => u.id === user.id)?.openLink).toMatchObject({ expired: true });

    // The admin issues a new invitation link: it works, and the old one now says it was replaced.
    const renewed = await asAdmin.user.issuePasswordLink.mutate({ userId: user.id });
    expect(renewed.link.purpose).toBe("invite");
    const second = tokenOf(renewed.link.path);
    await db().passwordLink.updateMany({ where: { userId: user.id, revokedAt: { not: null } }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect((await refusal(anonymous.account.inspectPasswordLink.mutate({ token: first }))).message).toMatch(/^This invitation was replaced by a newer one\./);
    const third = tokenOf((await asAdmin.user.issuePasswordLink.mutate({ userId: user.id })).link.path);
    expect((await refusal(anonymous.account.inspectPasswordLink.mutate({ token: second }))).message).toMatch(/replaced by a newer one/);

    const unknown = await refusal(anonymous.account.inspectPasswordLink.mutate({ token: randomBytes(32).toString("base64url") }));
    expect(unknown).toMatchObject({ code: "NOT_FOUND", status: 404, field: "token", message: expect.stringMatching(/^This link is not valid\./) });
    for (const bad of ["abc", `${third.slice(0, 42)}\u0000`, "\ud800".repeat(43), third + "x", "y".repeat(100_000)]) {
      const r = await refusal(anonymous.account.setPassword.mutate({ token: bad, password: "whatever-long-1" }));
      expect(r, JSON.stringify(bad.slice(0, 50))).toMatchObject({ code: "BAD_REQUEST", status: 400 });
      // A NUL or a lone surrogate meets the shared input rules first (src/lib/input-rules.ts); either way the field is named.
      expect(r.message).toMatch(/^Invalid input: token: (is not a complete link|contains a NUL|contains a lone)/);
    }

    await asAdmin.user.setActive.mutate({ userId: user.id, active: false });
    expect((await refusal(anonymous.account.setPassword.mutate({ token: third, password: "late-password-1" }))).message).toMatch(/account is deactivated/);
    expect((await refusal(asAdmin.user.issuePasswordLink.mutate({ userId: user.id }))).message).toMatch(/is deactivated\. Reactivate them first/);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
  });

  it("only admins issue links; anyone may use one", async () => {
    const target = await buildUser({ role: "viewer", password: "viewer-password-1" });
    for (const role of ["viewer", "analyst", "engineer"] as const) {
      const caller = trpcOverHttp(app, await sessionCookie(await buildUser({ role })));
      expect(await refusal(caller.user.issuePasswordLink.mutate({ userId: target.id }))).toMatchObject({ code: "FORBIDDEN", status: 403 });
      expect(await refusal(caller.user.create.mutate({ email: `${role}-invites@example.com`, role: "admin" }))).toMatchObject({ status: 403 });
    }
    expect(await refusal(anonymous.user.issuePasswordLink.mutate({ userId: target.id }))).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    expect(await db().passwordLink.count({ where: { userId: target.id } })).toBe(0);
  });
});

describe("password resets", () => {
  it("a reset link sets a new password and ends the sessions signed in before it", async () => {
    const user = await buildUser({ role: "engineer", email: "rosa@example.com", password: "old-password-1" });
    const oldSession = trpcOverHttp(app, await sessionCookie(user, Date.now() - 60_000));
    await expect(oldSession.me.get.query()).resolves.toMatchObject({ id: user.id, role: "engineer" });

    const issued = await asAdmin.user.issuePasswordLink.mutate({ userId: user.id });
    expect(issued.link).toMatchObject({ purpose: "reset" });
    expect(issued.link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    // Until the link is used, nothing changes for the user.
    await expect(signIn("rosa@example.com", "old-password-1")).resolves.toMatchObject({ id: user.id });
    await expect(oldSession.me.get.query()).resolves.toMatchObject({ id: user.id });
    expect((await asAdmin.user.list.query()).find((u) => u.id === user.id)).toMatchObject({
      passwordSet: true,
      openLink: { purpose: "reset", expired: false },
    });

    const token = tokenOf(issued.link.path);
    await expect(anonymous.account.inspectPasswordLink.mutate({ token })).resolves.toMatchObject({ purpose: "reset", email: "rosa@example.com" });
    await expect(anonymous.account.setPassword.mutate({ token, password: "new-password-2" })).resolves.toEqual({ email: "rosa@example.com", purpose: "reset" });

    expect(await refusal(oldSession.me.get.query())).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    const newSession = trpcOverHttp(app, await sessionCookie(user));
    await expect(newSession.me.get.query()).resolves.toMatchObject({ id: user.id });
    await expect(signIn("rosa@example.com", "old-password-1")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(signIn("rosa@example.com", "new-password-2")).resolves.toMatchObject({ id: user.id });
    expect((await refusal(anonymous.account.setPassword.mutate({ token, password: "third-password-3" }))).message).toMatch(
      /^This password reset link was already used/,
    );

    const audit = await db().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["user.issue_reset_link", "boss@example.com"],
      ["user.reset_password", "rosa@example.com"],
    ]);
    expect(audit[1]!.diff).toEqual({ password: { from: "[secret]", to: "[secret changed]" } });
  });
});

describe("start-up admin password", () => {
  it("a changed WEIR_ADMIN_PASSWORD ends that admin's older sessions, as a reset link does", async () => {
    await ensureFirstAdmin({ email: "root@example.com", password: "first-password-1" });
    const root = await db().user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    const session = trpcOverHttp(app, await sessionCookie(root, Date.now() - 1000));
    await expect(session.me.get.query()).resolves.toMatchObject({ id: root.id, role: "admin" });
    await ensureFirstAdmin({ email: "root@example.com", password: "first-password-1" }); // unchanged: the session stays
    await expect(session.me.get.query()).resolves.toMatchObject({ id: root.id });
    await ensureFirstAdmin({ email: "root@example.com", password: "second-password-2" });
    expect(await refusal(session.me.get.query())).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    await expect(trpcOverHttp(app, await sessionCookie(root)).me.get.query()).resolves.toMatchObject({ id: root.id });
  });
});

describe("e-mail", () => {
  it("invitation and reset links are e-mailed through the SMTP server; a failed send is reported and the link still works", async () => {
    const smtp = await startSmtpReceiver();
    process.env.WEIR_SMTP_URL = smtp.url;
    process.env.NEXTAUTH_URL = "http://weir.example.test";
    try {
      const { user, invitation } = await asAdmin.user.create.mutate({ email: "mailed@example.com", role: "viewer" });
      expect(invitation?.mail).toEqual({ sent: true, to: "mailed@example.com" });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatch(/^To: mailed@example.com/m);
      expect(smtp.mails[0]).toMatch(/^Subject: You are invited to Weir/m);
      expect(smtp.mails[0]).toContain(`http://weir.example.test${invitation!.link.path}`);
      expect(smtp.mails[0]).toContain("boss@example.com invited you to Weir.");

      await anonymous.account.setPassword.mutate({ token: tokenOf(invitation!.link.path), password: "mailed-password-1" });
      const reset = await asAdmin.user.issuePasswordLink.mutate({ userId: user.id });
      expect(reset.mail).toEqual({ sent: true, to: "mailed@example.com" });
      expect(smtp.mails[1]).toMatch(/^Subject: Reset your Weir password/m);
      expect(smtp.mails[1]).toContain(`http://weir.example.test${reset.link.path}`);

      // An SMTP server that does not answer: the admin is told, and still gets the link.
      process.env.WEIR_SMTP_URL = "smtp://mailer:smtp-s3cret@127.0.0.1:1";
      const offline = await asAdmin.user.create.mutate({ email: "offline@example.com", role: "viewer" });
      expect(offline.invitation?.mail).toMatchObject({ sent: false, reason: expect.stringMatching(/Pass the link on yourself\.$/) });
      expect(JSON.stringify(offline)).not.toContain("smtp-s3cret");
      await expect(anonymous.account.inspectPasswordLink.mutate({ token: tokenOf(offline.invitation!.link.path) })).resolves.toMatchObject({
        email: "offline@example.com",
      });
    } finally {
      delete process.env.WEIR_SMTP_URL;
      delete process.env.NEXTAUTH_URL;
      await smtp.close();
    }
  });
});
